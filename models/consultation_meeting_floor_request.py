"""A participant asks for the floor (申请发言) from their phone."""

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationMeetingFloorRequest(models.Model):
    """The queue of the meeting screen: those who asked for the floor, in order, until
    the secretary gives it to them or they withdraw."""

    _name = "consultation.meeting.floor.request"
    _description = "Request for the Floor"
    _order = "meeting_id, id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    topic_id = fields.Many2one("consultation.topic", ondelete="cascade")
    partner_id = fields.Many2one("res.partner", "Person", required=True, ondelete="restrict")
    state = fields.Selection(
        [("waiting", "Waiting"), ("given", "Given the Floor"), ("withdrawn", "Withdrawn")],
        default="waiting",
        required=True,
    )
    speech_id = fields.Many2one("consultation.meeting.speech", ondelete="set null")

    def init(self):
        # One waiting request a person: two posts of a double tap cannot both queue.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS consultation_floor_request_waiting_uniq
                ON consultation_meeting_floor_request (meeting_id, partner_id)
             WHERE state = 'waiting'
            """
        )

    @api.model
    def _ask(self, meeting, partner):
        """`partner`, signed in at the running `meeting`, joins the queue (once)."""
        meeting = meeting.sudo()
        meeting._check_live()
        meeting._check_signed_in(partner)
        waiting = meeting.floor_request_ids.filtered(
            lambda r: r.state == "waiting" and r.partner_id == partner
        )
        if waiting:
            raise UserError(_("You have already asked for the floor: wait for your turn."))
        try:
            with self.env.cr.savepoint():
                request = self.sudo().create(
                    {
                        "meeting_id": meeting.id,
                        "topic_id": meeting.live_topic_id.id,
                        "partner_id": partner.id,
                    }
                )
                request.flush_recordset()
        except psycopg2.IntegrityError:
            raise UserError(
                _("You have already asked for the floor: wait for your turn.")
            ) from None
        meeting._live_notify()
        return request

    def _withdraw(self):
        self.sudo().filtered(lambda r: r.state == "waiting").write({"state": "withdrawn"})
        self.meeting_id._live_notify()
        return True
