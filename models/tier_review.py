"""Reviews of consultation records move only through their approval."""

from odoo import _, api, models
from odoo.exceptions import AccessError

from .consultation_approval_mixin import in_review, reviewing


class TierReview(models.Model):
    _inherit = "tier.review"

    @api.model
    def _consultation_review_error(self):
        return AccessError(
            _(
                "The reviews of a consultation record change only through its approval:"
                " requesting it, approving or refusing one's own turn, or restarting it."
            )
        )

    def _is_consultation_review(self):
        return any(
            # As superuser: which model a review is of, whoever reads it.
            (model or "").startswith("consultation.")
            for model in self.sudo().mapped("model")
        )

    def _check_consultation_review(self):
        if not (self.env.su or in_review()) and self._is_consultation_review():
            raise self._consultation_review_error()

    @api.model_create_multi
    def create(self, vals_list):
        # Checked on what was created: the model may also come from a context default.
        reviews = super().create(vals_list)
        reviews._check_consultation_review()
        return reviews

    def write(self, vals):
        self._check_consultation_review()
        res = super().write(vals)
        if "model" in vals:
            self._check_consultation_review()
        return res

    def unlink(self):
        self._check_consultation_review()
        return super().unlink()

    def _compute_can_review(self):
        # Moves the next tier from waiting to pending: part of the approval itself,
        # whenever the ORM recomputes it.
        with reviewing():
            return super()._compute_can_review()
