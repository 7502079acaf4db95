"""参与协商的人员须经党组织认可: the people taking part in a meeting are confirmed by
the party organisation of its room's level before it is held. Confirmed members,
experts of the pool and staff need no confirmation; the others are listed, the room's
party reviewers get a to-do, and their confirmation is recorded with who and when."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list


class ConsultationMeeting(models.Model):
    _inherit = "consultation.meeting"

    # 参与协商的人员须经党组织认可: who among the invitees the party organisation has
    # not confirmed (neither a confirmed member, nor an expert of the pool, nor staff),
    # and the reviewer's confirmation of the list.
    participant_unconfirmed_ids = fields.Many2many(
        "res.partner",
        compute="_compute_participant_unconfirmed_ids",
        string="Participants Not Confirmed",
        help="Invitees the party organisation has not confirmed as deliberation"
        " participants: neither a confirmed member nor an expert of the pool.",
    )
    participants_to_confirm = fields.Boolean(compute="_compute_participant_unconfirmed_ids")
    participants_confirmed_partner_ids = fields.Many2many(
        "res.partner",
        "consultation_meeting_confirmed_partner_rel",
        "meeting_id",
        "partner_id",
        string="Participants Confirmed",
        readonly=True,
        copy=False,
    )
    participants_confirmed_by_id = fields.Many2one(
        "res.users", "Participants Confirmed by", readonly=True, copy=False
    )
    participants_confirmed_date = fields.Datetime(
        "Participants Confirmed on", readonly=True, copy=False
    )

    @api.depends("partner_ids", "participants_confirmed_partner_ids")
    def _compute_participant_unconfirmed_ids(self):
        partners = self.partner_ids
        # Read as superuser: whoever opens the meeting sees why it waits.
        confirmed = (
            self.env["consultation.member"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("party_confirmed", "=", True)])
            .partner_id
        )
        # As superuser too: the experts of the pool.
        experts = (
            self.env["consultation.expert"]
            .sudo()
            .search([("partner_id", "in", partners.ids)])
            .partner_id
        )
        # As superuser: staff are told by their users, which not every reader may read.
        staff = partners.sudo().filtered(lambda p: p.user_ids.filtered(lambda u: not u.share))
        exempt = confirmed | experts | staff
        for meeting in self:
            unconfirmed = meeting.partner_ids - exempt
            meeting.participant_unconfirmed_ids = unconfirmed
            meeting.participants_to_confirm = bool(
                unconfirmed - meeting.participants_confirmed_partner_ids
            )

    def _check_participants_confirmed(self):
        for meeting in self:
            if meeting.participants_to_confirm:
                waiting = meeting.participant_unconfirmed_ids - (
                    meeting.participants_confirmed_partner_ids
                )
                raise UserError(
                    _(
                        "The people taking part must be confirmed by the party organisation:"
                        " %(people)s of “%(meeting)s” are not. The party organisation"
                        " reviewers of %(room)s (%(reviewers)s) confirm the participant list"
                        " before the meeting is held.",
                        people=format_list(self.env, waiting.mapped("name")),
                        meeting=meeting.display_name,
                        room=meeting.room_id.display_name,
                        reviewers=format_list(
                            self.env, meeting.room_id._get_party_reviewers().mapped("name")
                        ),
                    )
                )

    def _ask_participants_confirmation(self):
        """A to-do for the room's party organisation reviewers."""
        for meeting in self:
            for user in meeting.room_id._get_party_reviewers():
                meeting.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_("Confirm the participants of the meeting"),
                )

    def action_confirm_participants(self):
        """同级党组织认可: the room's party organisation reviewer confirms the participant
        list as it stands (who and when are recorded; people invited later need a new
        confirmation)."""
        self._check_state(
            ("draft", "scheduled"),
            _("The participants of a draft or scheduled meeting are confirmed before it is held."),
        )
        for meeting in self:
            if not meeting.participant_unconfirmed_ids:
                raise UserError(
                    _(
                        "Every participant of “%(meeting)s” is already confirmed by the party"
                        " organisation.",
                        meeting=meeting.display_name,
                    )
                )
            if not (self.env.su or self.env.user in meeting.room_id._get_party_reviewers()):
                raise UserError(
                    _(
                        "Only the party organisation reviewers of “%(room)s” confirm the"
                        " participants of its meetings.",
                        room=meeting.room_id.display_name,
                    )
                )
        todo = self.env.ref("mail.mail_activity_data_todo")
        # The request's summary, as written in English or in the reviewer's language.
        summaries = {
            "Confirm the participants of the meeting",
            _("Confirm the participants of the meeting"),
        }
        # As superuser: reviewers read meetings, they do not edit them.
        for meeting in self.sudo():
            meeting.write(
                {
                    "participants_confirmed_partner_ids": [
                        (6, 0, meeting.participant_unconfirmed_ids.ids)
                    ],
                    "participants_confirmed_by_id": self.env.user.id,
                    "participants_confirmed_date": fields.Datetime.now(),
                }
            )
            reviewers = meeting.room_id._get_party_reviewers()
            # Only the requests to confirm: a reviewer's other to-dos on the meeting stay.
            meeting.activity_ids.filtered(
                lambda a, users=reviewers: (
                    a.activity_type_id == todo and a.user_id in users and a.summary in summaries
                )
            ).action_feedback()
            meeting.message_post(
                body=_(
                    "The party organisation confirmed the participants: %(people)s (%(user)s).",
                    people=format_list(
                        self.env, meeting.participant_unconfirmed_ids.mapped("name")
                    ),
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
