"""An invitee gives an opinion on an online or written consultation from the back office."""

from odoo import _, fields, models
from odoo.exceptions import UserError


class ConsultationMeetingOpinionWizard(models.TransientModel):
    """An invitee's opinion on a topic of an online or written consultation, given
    from the back office while the consultation collects opinions."""

    _name = "consultation.meeting.opinion.wizard"
    _description = "Give an Opinion in a Consultation"

    meeting_id = fields.Many2one("consultation.meeting", required=True, readonly=True)
    agenda_ids = fields.Many2many(related="meeting_id.topic_ids")
    topic_id = fields.Many2one(
        "consultation.topic", required=True, domain="[('id', 'in', agenda_ids)]"
    )
    content = fields.Text("Opinion", required=True)

    def action_submit(self):
        self.ensure_one()
        # Reading the meeting checks the user may see it; the rest is the meeting's rule.
        self.meeting_id.check_access("read")
        if not self.env.user.partner_id:
            raise UserError(_("Your user has no contact to sign the opinion with."))
        self.env["consultation.opinion"]._create_for_meeting(
            self.meeting_id, self.topic_id, self.env.user.partner_id, self.content
        )
        return {"type": "ir.actions.act_window_close"}
