"""Reject a topic with the reason the proposer will read."""

from odoo import fields, models


class ConsultationTopicRejectWizard(models.TransientModel):
    _name = "consultation.topic.reject.wizard"
    _description = "Reject a Topic"

    topic_id = fields.Many2one("consultation.topic", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_reject(self):
        self.topic_id.rejection_reason = self.reason
        self.topic_id.action_reject()
        return {"type": "ir.actions.act_window_close"}
