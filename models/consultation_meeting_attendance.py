from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationMeetingAttendance(models.Model):
    """Sign-in sheet row (签到): one per invitee, kept in step with the calendar
    answers until the secretary records who actually came."""

    _name = "consultation.meeting.attendance"
    _description = "Meeting Attendance"
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

    def _replied_rows(self):
        """Rows whose person gave an opinion at their meeting, in one query."""
        if not self:
            return self
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
        self.write({"state": "attended"})
        return True

    def action_mark_absent(self):
        self._check_can_sign_in()
        self.write({"state": "absent"})
        return True

    def action_mark_excused(self):
        self._check_can_sign_in()
        self.write({"state": "excused"})
        return True
