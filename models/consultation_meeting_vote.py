"""A vote on a topic at a meeting: one round, counted by hand or named."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationMeetingVote(models.Model):
    """One round of the vote on a topic (表决). A closed round is final; a correction is
    the next round, recorded beside it. Written by the meeting's live actions only."""

    _name = "consultation.meeting.vote"
    _description = "Meeting Vote"
    _order = "meeting_id, topic_id, round, id"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    topic_id = fields.Many2one("consultation.topic", required=True, ondelete="cascade")
    round = fields.Integer(required=True, default=1)
    mode = fields.Selection(
        [("tally", "Tally"), ("named", "Named")], required=True, default="tally"
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True
    )
    date_open = fields.Datetime("Opened")
    date_close = fields.Datetime("Closed on")
    votes_for = fields.Integer("For")
    votes_against = fields.Integer("Against")
    votes_abstain = fields.Integer("Abstentions")
    ballot_ids = fields.One2many("consultation.meeting.ballot", "vote_id", string="Ballots")

    _sql_constraints = [
        (
            "round_uniq",
            "unique(meeting_id, topic_id, round)",
            "Each round of a vote on a topic is numbered once.",
        ),
    ]

    @api.depends("topic_id", "round")
    def _compute_display_name(self):
        for vote in self:
            vote.display_name = _(
                "%(topic)s, round %(round)s", topic=vote.topic_id.name, round=vote.round
            )

    def write(self, vals):
        if self.filtered(lambda v: v.state == "closed"):
            raise UserError(
                _(
                    "A closed vote is final: to correct it, open a new round on the topic;"
                    " both rounds stay on record."
                )
            )
        return super().write(vals)

    def _lock_open(self):
        """Lock the round's row and say whether it is still open. A ballot and the
        closing of its round both take this lock, so that a ballot cast while the round
        closes is either counted or refused, never left in a closed round."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT state FROM consultation_meeting_vote WHERE id = %s FOR UPDATE", [self.id]
        )
        row = self.env.cr.fetchone()
        self.invalidate_recordset(["state", "ballot_ids"])
        return bool(row) and row[0] == "open"

    def _ballot_counts(self):
        self.ensure_one()
        choices = self.ballot_ids.mapped("choice")
        return (choices.count("for"), choices.count("against"), choices.count("abstain"))

    def _close(self, votes_for, votes_against, votes_abstain):
        self.write(
            {
                "state": "closed",
                "date_close": fields.Datetime.now(),
                "votes_for": votes_for,
                "votes_against": votes_against,
                "votes_abstain": votes_abstain,
            }
        )
