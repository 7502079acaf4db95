"""A department asks for more time on an outcome (申请延期)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationOutcomeExtensionWizard(models.TransientModel):
    """A department asks for more time (申请延期): the room's secretaries get an
    activity with the reason and decide; the deadline itself stays theirs."""

    _name = "consultation.outcome.extension.wizard"
    _description = "Request a Deadline Extension"

    outcome_id = fields.Many2one("consultation.outcome", required=True, ondelete="cascade")
    date_deadline = fields.Date("Current Deadline", related="outcome_id.date_deadline")
    date_requested = fields.Date("Requested Deadline", required=True)
    reason = fields.Text(required=True)

    @api.constrains("date_requested")
    def _check_date_requested(self):
        for wizard in self:
            deadline = wizard.outcome_id.date_deadline
            if deadline and wizard.date_requested <= deadline:
                raise UserError(
                    _(
                        "The requested deadline must come after the current one (%(date)s).",
                        date=wizard.outcome_id.company_id._consultation_dates().date(deadline),
                    )
                )

    def action_request(self):
        self.ensure_one()
        outcome = self.outcome_id
        outcome.check_access("read")
        outcome._check_state(
            ("submitted", "accepted", "in_progress"),
            _("Only an outcome still being handled can be given a new deadline."),
        )
        dates = outcome.company_id._consultation_dates()
        note = _(
            "%(user)s asks to move the deadline of “%(outcome)s” from %(old)s to %(new)s:"
            " %(reason)s",
            user=self.env.user.name,
            outcome=outcome.name,
            old=dates.date(outcome.date_deadline) or "—",
            new=dates.date(self.date_requested),
            reason=self.reason,
        )
        # As superuser: a department may ask, without any right to edit the outcome
        # that scheduling an activity on it would otherwise require.
        for user in outcome._extension_reviewers():
            outcome.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=_("Deadline extension requested"),
                note=note,
            )
        outcome.sudo().message_post(body=note, subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
