"""The stock comment wizard of an approval, kept to the reviewer's own turn."""

from odoo import _, models
from odoo.exceptions import UserError

from ..models.consultation_approval_mixin import reviewing


class CommentWizard(models.TransientModel):
    _inherit = "comment.wizard"

    def add_comment(self):
        """base_tier_validation comments and approves or refuses the reviews the
        wizard names; for a consultation record, those must be the current user's
        turn, as `validate_tier` and `reject_tier` choose them."""
        self.ensure_one()
        if not (self.res_model or "").startswith("consultation."):
            return super().add_comment()
        record = self.env[self.res_model].browse(self.res_id)
        sequences = record._get_sequences_to_approve(self.env.user)
        mine = record.review_ids.filtered(
            lambda r: (
                (r.sequence in sequences or r.approve_sequence_bypass)
                and self.env.user in r.reviewer_ids
                and r.status in ("waiting", "pending")
            )
        )
        if not self.review_ids or self.review_ids - mine:
            raise UserError(
                _(
                    "“%(record)s” has no review waiting for you: either it is not your turn"
                    " yet, or you are not among its reviewers.",
                    record=record.display_name,
                )
            )
        with reviewing():
            return super().add_comment()
