"""One row of a meeting's sign-in sheet: who was invited, in which role, and who came."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Attendance answers that the calendar may still change; the sign-in wins over them.
CALENDAR_ANSWERS = {
    "needsAction": "invited",
    "tentative": "invited",
    "accepted": "confirmed",
    "declined": "excused",
}
ROLE_FROM_MEMBERSHIP = {
    "first_convener": "convener",
    "second_convener": "convener",
    "fixed": "fixed",
    "liaison": "liaison",
    "invited": "invited",
}
# Attendees sign in from the sheet's QR code from an hour before to an hour after.
SIGN_IN_MARGIN = timedelta(hours=1)


class ConsultationMeetingAttendance(models.Model):
    """Sign-in sheet row (签到): one per invitee, kept in step with the calendar
    answers until the secretary records who actually came."""

    _name = "consultation.meeting.attendance"
    _description = "Meeting Attendance"
    # Who came is recorded with the sheet's buttons (or the QR sign-in), while the
    # meeting is scheduled or just held; the rows follow the calendar answers before.
    _inherit = ["consultation.lifecycle.mixin"]
    _order = "meeting_id, role_sequence, id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="cascade"
    )
    room_id = fields.Many2one(related="meeting_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Person", required=True, index=True)
    role = fields.Selection(
        [
            ("convener", "Convener"),
            ("fixed", "Fixed Member"),
            ("liaison", "Liaison"),
            ("invited", "Invited Member"),
            ("expert", "Expert"),
            ("stakeholder", "Stakeholder"),
            ("department", "Department Representative"),
            ("guest", "Guest"),
        ],
        required=True,
        default="guest",
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    state = fields.Selection(
        [
            ("invited", "Invited"),
            ("confirmed", "Confirmed"),
            ("attended", "Attended"),
            ("absent", "Absent"),
            ("excused", "Excused"),
        ],
        default="invited",
        required=True,
    )
    note = fields.Char()
    replied = fields.Boolean(
        compute="_compute_replied",
        help="Online and written consultations: this invitee has given an opinion.",
    )

    _sql_constraints = [
        (
            "meeting_partner_uniq",
            "unique(meeting_id, partner_id)",
            "This person is already on the sign-in sheet of the meeting.",
        ),
    ]

    @api.depends("role")
    def _compute_role_sequence(self):
        order = [key for key, _label in self._fields["role"].selection]
        for row in self:
            row.role_sequence = order.index(row.role) if row.role in order else len(order)

    def _compute_replied(self):
        replied = self._replied_rows()
        for row in self:
            row.replied = row in replied

    @api.model
    def _quorum_counts(self, meetings):
        """{meeting: (invited, attended, conveners and fixed members current today)},
        in one query for the whole meeting list, which shows the quorum."""
        day = self.env.company._consultation_today()
        counts = {}
        saved = meetings.filtered(lambda m: isinstance(m.id, int))
        if saved:
            self.flush_model(["meeting_id", "state"])
            self.env["consultation.room.membership"].flush_model(
                ["room_id", "role", "active", "date_start", "date_end"]
            )
            saved.flush_recordset(["room_id"])
            self.env.cr.execute(
                """
                SELECT m.id,
                       (SELECT COUNT(*) FROM consultation_meeting_attendance a
                         WHERE a.meeting_id = m.id),
                       (SELECT COUNT(*) FROM consultation_meeting_attendance a
                         WHERE a.meeting_id = m.id AND a.state = 'attended'),
                       (SELECT COUNT(*) FROM consultation_room_membership r
                         WHERE r.room_id = m.room_id AND r.active
                           AND r.role IN ('first_convener', 'second_convener', 'fixed')
                           AND r.date_start <= %(day)s
                           AND (r.date_end IS NULL OR r.date_end >= %(day)s))
                  FROM consultation_meeting m
                 WHERE m.id IN %(ids)s
                """,
                {"day": day, "ids": tuple(saved.ids)},
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
            counts = {meeting: rows.get(meeting.id, (0, 0, 0)) for meeting in saved}
        Membership = self.env["consultation.room.membership"]
        for meeting in meetings - saved:  # a meeting being edited, not saved yet
            attendances = meeting.attendance_ids
            counts[meeting] = (
                len(attendances),
                len(attendances.filtered(lambda a: a.state == "attended")),
                Membership.search_count(
                    [
                        ("room_id", "=", meeting.room_id.id),
                        ("role", "in", ("first_convener", "second_convener", "fixed")),
                        *Membership._current_domain(day),
                    ]
                ),
            )
        return counts

    def _replied_rows(self):
        """Rows whose person gave an opinion at their meeting, in one query."""
        if not self:
            return self
        # As superuser: whether an invitee replied counts all their opinions, also those the
        # reader cannot see.
        pairs = {
            (meeting.id, partner.id)
            for meeting, partner in self.env["consultation.opinion"]
            .sudo()
            ._read_group(
                [
                    ("meeting_id", "in", self.meeting_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                ],
                ["meeting_id", "partner_id"],
            )
        }
        return self.filtered(lambda row: (row.meeting_id.id, row.partner_id.id) in pairs)

    @api.model
    def _sync_from_events(self, meetings):
        """The rows of `meetings` follow their events' invitees and answers. Rows already
        signed in (attended/absent) stay as the secretary recorded them."""
        # As superuser: the rows follow the calendar, whoever changed the invitees or
        # answered (an invitee without a role).
        Attendance = self.sudo()
        to_create = []
        to_unlink = Attendance
        # As superuser: the meetings' events and invitees, whoever triggered the sync.
        for meeting in meetings.sudo():
            event = meeting.calendar_event_id
            answers = {att.partner_id: att.state for att in event.attendee_ids}
            rows = {row.partner_id: row for row in meeting.attendance_ids}
            roles = self._roles_for(meeting)
            for partner in event.partner_ids:
                state = CALENDAR_ANSWERS.get(answers.get(partner), "invited")
                row = rows.get(partner)
                if not row:
                    to_create.append(
                        {
                            "meeting_id": meeting.id,
                            "partner_id": partner.id,
                            "role": roles.get(partner, "guest"),
                            "state": state,
                        }
                    )
                elif row.state in CALENDAR_ANSWERS.values() and row.state != state:
                    row._set_state({"state": state})
            to_unlink |= meeting.attendance_ids.filtered(
                lambda r, e=event: (
                    r.partner_id not in e.partner_ids and r.state in CALENDAR_ANSWERS.values()
                )
            )
        to_unlink.unlink()
        Attendance.create(to_create)

    @api.model
    def _roles_for(self, meeting):
        """Why each invitee is there: stakeholder, expert, department, or their role in
        the room on the organisation's day."""
        roles = {}
        for partner in meeting.topic_ids.stakeholder_ids:
            roles[partner] = "stakeholder"
        for expert in meeting.expert_ids | meeting.topic_ids.expert_ids:
            roles[expert.partner_id] = "expert"
        members = self.env["consultation.member"].search(
            [("partner_id", "in", meeting.calendar_event_id.partner_ids.ids)]
        )
        for member in members.filtered(lambda m: m.member_type == "department"):
            roles[member.partner_id] = "department"
        Membership = self.env["consultation.room.membership"]
        for membership in Membership.search(
            [("room_id", "=", meeting.room_id.id), *Membership._current_domain()]
        ):
            role = ROLE_FROM_MEMBERSHIP.get(membership.role)
            if role:
                roles[membership.member_id.partner_id] = role
        return roles

    @api.model
    def _signin_units(self):
        """单位及职务 of the sign-in sheet, by row: a member's 工作单位及职务, else the
        person's company and job title; read for all rows at once."""
        members = (
            self.env["consultation.member"]
            .sudo()
            .search([("partner_id", "in", self.partner_id.ids)])
        )
        units = {
            member.partner_id.id: member.organization for member in members if member.organization
        }
        result = {}
        for row in self:
            partner = row.partner_id.sudo()
            result[row.id] = units.get(partner.id) or "".join(
                part for part in (partner.parent_id.name, partner.function) if part
            )
        return result

    def _sign_in(self, meeting, partner):
        """Self sign-in from the QR code of the sign-in sheet: an invitee marks their own
        attendance, at the sitting."""
        # As superuser: an invitee signs in with no right on the meeting; being invited is
        # checked below.
        meeting = meeting.sudo()
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == partner)
        if not row:
            raise UserError(
                _(
                    "You are not on the sign-in sheet of “%(meeting)s”: ask its secretary.",
                    meeting=meeting.display_name,
                )
            )
        now = fields.Datetime.now()
        if not (
            meeting.state in ("scheduled", "held")
            and meeting.start - SIGN_IN_MARGIN <= now <= meeting.stop + SIGN_IN_MARGIN
        ):
            raise UserError(
                _(
                    "Signing in to “%(meeting)s” is open from an hour before it starts to an"
                    " hour after it ends.",
                    meeting=meeting.display_name,
                )
            )
        row._set_state({"state": "attended"})
        return row

    def _check_can_sign_in(self):
        closed = self.meeting_id.filtered(lambda m: m.state not in ("scheduled", "held"))
        if closed:
            raise UserError(
                _(
                    "Attendance of “%(meeting)s” is recorded while it is scheduled or just"
                    " held, not once its minutes are under review or closed.",
                    meeting=closed[0].display_name,
                )
            )

    def action_mark_attended(self):
        self._check_can_sign_in()
        self._set_state({"state": "attended"})
        return True

    def action_mark_absent(self):
        self._check_can_sign_in()
        self._set_state({"state": "absent"})
        return True

    def action_mark_excused(self):
        self._check_can_sign_in()
        self._set_state({"state": "excused"})
        return True
