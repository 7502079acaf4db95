"""What a meeting concluded on each topic of its agenda."""

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

    @api.model
    def _sync_agenda(self, meetings):
        """One row per topic on each meeting's agenda: rows appear with the topics
        and go with them."""
        # As superuser: the agenda's rows follow the meeting's topics, whoever edits the
        # agenda.
        Result = self.sudo()
        to_create = []
        to_unlink = Result
        # As superuser: the meetings' agendas, whoever edited them.
        for meeting in meetings.sudo():
            present = meeting.result_ids.topic_id
            to_create += [
                {"meeting_id": meeting.id, "topic_id": topic.id}
                for topic in meeting.topic_ids - present
            ]
            to_unlink |= meeting.result_ids.filtered(
                lambda r, m=meeting: r.topic_id not in m.topic_ids
            )
        to_unlink.unlink()
        Result.create(to_create)

    @api.model
    def _record_deliberation(self, meetings):
        """The meetings were held: the topics on their agendas are deliberated, except
        those marked not concluded, which go on the agenda of the room's next meeting
        with their opinions and history (without one, they wait, still ready)."""
        for meeting in meetings:
            topics = meeting.result_ids.filtered(lambda r: not r.concluded).topic_id
            # Every topic on the agenda is deliberated unless marked not concluded.
            concluded = meeting.topic_ids - topics
            concluded._set_state({"state": "deliberated"})
            body = _("Deliberated at %(meeting)s.", meeting=meeting.display_name)
            concluded._message_log_batch(bodies=dict.fromkeys(concluded.ids, body))
            if not topics:
                continue
            following = meeting.search(
                [
                    ("room_id", "=", meeting.room_id.id),
                    ("state", "in", ("draft", "scheduled")),
                    ("start", ">", meeting.start),
                    ("id", "!=", meeting.id),
                ],
                order="start asc",
                limit=1,
            )
            if following:
                following.topic_ids |= topics
                body = _(
                    "Not concluded at %(meeting)s: carried to %(next)s.",
                    meeting=meeting.display_name,
                    next=following.display_name,
                )
            else:
                body = _(
                    "Not concluded at %(meeting)s: it stays ready for the room's next meeting.",
                    meeting=meeting.display_name,
                )
            topics._message_log_batch(bodies=dict.fromkeys(topics.ids, body))
