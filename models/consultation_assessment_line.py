"""One room, topic or member scored in a yearly assessment."""

from odoo import fields, models

AWARDS = [
    ("organisation", "Excellent Organisation Award"),
    ("quality", "Deliberation Quality Award"),
    ("three_good", "Three-Good Member"),
]


class ConsultationAssessmentLine(models.Model):
    """A room, topic or member scored in a yearly assessment, with its proposed award."""

    _name = "consultation.assessment.line"
    _description = "Assessment Line"
    _order = "assessment_id, kind, rank, id"

    assessment_id = fields.Many2one(
        "consultation.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    state = fields.Selection(related="assessment_id.state")
    kind = fields.Selection(
        [("room", "Room"), ("topic", "Topic"), ("member", "Room Member")], required=True
    )
    room_id = fields.Many2one("consultation.room", index=True)
    topic_id = fields.Many2one("consultation.topic", index=True)
    member_id = fields.Many2one("consultation.member", string="Room Member", index=True)
    name = fields.Char(compute="_compute_name")
    score = fields.Float(digits=(16, 1))
    rank = fields.Integer()
    meets_requirements = fields.Boolean(
        help="Room: met its quota. Topic: all its outcomes done. Member: attended at least"
        " 80% of their invitations and gave an opinion or a topic."
    )
    award = fields.Selection(AWARDS)
    note = fields.Char()

    def _compute_name(self):
        for line in self:
            # A topic's or a member's line also names its room: the line is the topic or member.
            line.name = (line.topic_id or line.member_id or line.room_id).display_name
