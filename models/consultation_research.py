"""Research done on a topic before it is deliberated (会前调研)."""

from odoo import fields, models


class ConsultationResearch(models.Model):
    _name = "consultation.research"
    _description = "Pre-deliberation Research"
    _order = "date desc, id desc"

    topic_id = fields.Many2one("consultation.topic", required=True, ondelete="cascade", index=True)
    room_id = fields.Many2one(related="topic_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="topic_id.company_id", store=True)
    name = fields.Char("Research Subject", required=True)
    date = fields.Date(required=True, default=lambda self: self.env.company._consultation_today())
    method = fields.Selection(
        [
            ("symposium", "Symposium"),
            ("visit", "Home Visits"),
            ("survey", "Questionnaire"),
            ("field", "Field Survey"),
        ],
        required=True,
        default="symposium",
    )
    user_id = fields.Many2one("res.users", string="Recorded by", default=lambda self: self.env.user)
    participant_ids = fields.Many2many("res.partner", string="Participants")
    participant_count = fields.Integer(
        help="People reached, e.g. households visited or questionnaires returned."
    )
    findings = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
