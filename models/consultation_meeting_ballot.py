"""A participant's named vote in one round."""

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationMeetingBallot(models.Model):
    """A named vote (记名表决): once per round and person, by a participant signed in at
    the meeting, while the round is open."""

    _name = "consultation.meeting.ballot"
    _description = "Meeting Ballot"
    _order = "vote_id, id"
    _rec_name = "partner_id"

    vote_id = fields.Many2one(
        "consultation.meeting.vote", required=True, index=True, ondelete="cascade"
    )
    meeting_id = fields.Many2one(related="vote_id.meeting_id", store=True, index=True)
    company_id = fields.Many2one(related="vote_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", "Voter", required=True, ondelete="restrict")
    choice = fields.Selection(
        [("for", "For"), ("against", "Against"), ("abstain", "Abstain")], required=True
    )

    _sql_constraints = [
        ("vote_partner_uniq", "unique(vote_id, partner_id)", "Each person votes once a round."),
    ]

    @api.model
    def _cast(self, meeting, partner, choice):
        """`partner` votes `choice` in the open named round of `meeting`."""
        meeting = meeting.sudo()
        meeting._check_live()
        vote = meeting.live_vote_id
        if not vote or vote.mode != "named":
            raise UserError(
                _("No named vote is open at “%(meeting)s”.", meeting=meeting.display_name)
            )
        if choice not in dict(self._fields["choice"].selection):
            raise UserError(_("Vote for, against or abstain."))
        meeting._check_signed_in(partner)
        if not vote._lock_open():
            raise UserError(_("This vote has closed: your vote was not counted."))
        if vote.ballot_ids.filtered(lambda b: b.partner_id == partner):
            raise UserError(_("You have already voted in this round."))
        try:
            # A double tap on the phone: the second ballot meets the unique constraint.
            with self.env.cr.savepoint():
                ballot = self.sudo().create(
                    {"vote_id": vote.id, "partner_id": partner.id, "choice": choice}
                )
                ballot.flush_recordset()
        except psycopg2.IntegrityError:
            raise UserError(_("You have already voted in this round.")) from None
        meeting._live_notify()
        return ballot
