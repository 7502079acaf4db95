"""The dialogs of the live meeting: who gets the floor, and the count of a tally vote."""

from odoo import api, fields, models


class ConsultationMeetingFloorWizard(models.TransientModel):
    """请发言: the secretary picks the next speaker among the attendees and those who
    asked for the floor (first in the queue proposed)."""

    _name = "consultation.meeting.floor.wizard"
    _description = "Give the Floor"

    meeting_id = fields.Many2one("consultation.meeting", required=True, readonly=True)
    candidate_ids = fields.Many2many("res.partner", compute="_compute_candidate_ids")
    partner_id = fields.Many2one(
        "res.partner", "Speaker", required=True, domain="[('id', 'in', candidate_ids)]"
    )

    @api.depends("meeting_id")
    def _compute_candidate_ids(self):
        for wizard in self:
            wizard.candidate_ids = wizard.meeting_id._live_may_speak()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        meeting = self.env["consultation.meeting"].browse(res.get("meeting_id")).exists()
        waiting = meeting.floor_request_ids.filtered(lambda r: r.state == "waiting")
        if waiting and "partner_id" in fields_list:
            res["partner_id"] = waiting[0].partner_id.id
        return res

    def action_confirm(self):
        self.ensure_one()
        self.meeting_id._live_give_floor(self.partner_id)
        return {"type": "ir.actions.act_window_close"}


class ConsultationMeetingTallyWizard(models.TransientModel):
    """结束表决 of a tally: the secretary enters the counted hands; the round closes."""

    _name = "consultation.meeting.tally.wizard"
    _description = "Close a Tally Vote"

    meeting_id = fields.Many2one("consultation.meeting", required=True, readonly=True)
    topic_id = fields.Many2one(related="meeting_id.live_topic_id")
    votes_for = fields.Integer("For")
    votes_against = fields.Integer("Against")
    votes_abstain = fields.Integer("Abstentions")

    def action_confirm(self):
        self.ensure_one()
        self.meeting_id._live_vote_close(self.votes_for, self.votes_against, self.votes_abstain)
        return {"type": "ir.actions.act_window_close"}
