from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ConsultationMeetingResult(models.Model):
    """What a meeting concluded on one topic of its agenda, with an optional show
    of hands. A topic not concluded is carried to the room's next meeting."""

    _name = "consultation.meeting.result"
    _description = "Meeting Conclusion per Topic"
    _order = "meeting_id, id"
    _rec_name = "topic_id"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    room_id = fields.Many2one(related="meeting_id.room_id", store=True, index=True)
    topic_id = fields.Many2one("consultation.topic", required=True, index=True, ondelete="cascade")
    concluded = fields.Boolean(
        default=True,
        help="Untick when the meeting did not conclude on the topic: it goes to the next"
        " meeting of the room.",
    )
    conclusion = fields.Text(help="What was agreed on this topic.")
    votes_for = fields.Integer("For")
    votes_against = fields.Integer("Against")
    votes_abstain = fields.Integer("Abstentions")

    _sql_constraints = [
        (
            "meeting_topic_uniq",
            "unique(meeting_id, topic_id)",
            "A topic has one conclusion per meeting.",
        ),
    ]

    @api.constrains("votes_for", "votes_against", "votes_abstain")
    def _check_votes(self):
        for result in self:
            if min(result.votes_for, result.votes_against, result.votes_abstain) < 0:
                raise ValidationError(_("Votes cannot be negative."))
