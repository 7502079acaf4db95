"""四个一: the yearly duties of a CPPCC leader liaising with a room."""

from datetime import date

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_list

from .consultation_lifecycle_mixin import transition
from .consultation_meeting import HELD_STATES

# The "四个一" of a leader who liaises with a room, in the order the seeds list them.
DUTIES = ("research", "briefing", "meeting", "problem")

# What a leader records of their own duties (the consultation attended fills itself).
LEADER_FIELDS = frozenset(
    {f"{kind}_{duty}" for kind in ("date", "evidence") for duty in DUTIES if duty != "meeting"}
    | {"evidence_meeting"}
)


class ConsultationLiaison(models.Model):
    """四个一: each year, a chairman's-meeting member or committee head liaising with a
    room does one field visit, hears one report, attends one consultation there and
    helps solve one real problem."""

    _name = "consultation.liaison"
    _description = "Liaison Duties (四个一)"
    _inherit = ["consultation.lifecycle.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, user_id, room_id"
    _rec_name = "room_id"
    # The consultation attended is found by the addon in the sign-in sheets, and the
    # reminder is the cron's: nobody types them.
    _guarded_fields = ("meeting_id", "date_reminded")

    user_id = fields.Many2one(
        "res.users",
        "Leader",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    year = fields.Integer(
        # A year is a label: never summed in lists, pivots or groups.
        aggregator=False,
        required=True,
        index=True,
        default=lambda self: self.env.company._consultation_today().year,
    )
    date_research = fields.Date("Field Research On", tracking=True)
    evidence_research = fields.Text("Field Research", help="Where, with whom, what was found.")
    date_briefing = fields.Date("Report Heard On", tracking=True)
    evidence_briefing = fields.Text("Report Heard", help="Which report, given by whom.")
    date_meeting = fields.Date(
        "Consultation Attended On",
        tracking=True,
        help="Filled in by itself once the leader has attended a meeting of the room.",
    )
    meeting_id = fields.Many2one("consultation.meeting", "Consultation Attended", readonly=True)
    evidence_meeting = fields.Text("Consultation Attended Notes")
    date_problem = fields.Date("Problem Solved On", tracking=True)
    evidence_problem = fields.Text("Problem Solved", help="The problem and how it was solved.")
    duties_done = fields.Integer(
        "Done (of 4)", compute="_compute_duties_done", store=True, aggregator="sum"
    )
    date_reminded = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "user_room_year_uniq",
            "unique(user_id, room_id, year)",
            "This leader already has the duties of this room for that year.",
        ),
    ]

    @api.depends("date_research", "date_briefing", "date_meeting", "date_problem")
    def _compute_duties_done(self):
        for liaison in self:
            liaison.duties_done = sum(bool(liaison[f"date_{duty}"]) for duty in DUTIES)

    def _duty_labels(self):
        return {
            "research": _("one field research"),
            "briefing": _("one report heard"),
            "meeting": _("one consultation attended"),
            "problem": _("one real problem solved"),
        }

    @api.model_create_multi
    def create(self, vals_list):
        liaisons = super().create(vals_list)
        liaisons._fill_meeting_duty()
        return liaisons

    def write(self, vals):
        # Record rules are checked before a write, not on what it writes: a leader may
        # record their duties, not move the row to another leader, room or year.
        if (
            vals.keys() - LEADER_FIELDS
            and not self.env.su
            and not self.env.user.has_group("consultation.group_consultation_secretary")
        ):
            raise AccessError(
                _(
                    "Leaders record the dates and evidence of their duties; the leader, room,"
                    " year and the consultation attended are set by the room's secretaries"
                    " and the CPPCC office."
                )
            )
        return super().write(vals)

    def _fill_meeting_duty(self):
        """参加一次协商议事活动 is done when the leader signed in at a held meeting of
        the room (or a joint meeting it took part in) that year. A fixed number of
        queries for any number of rows."""
        todo = self.filtered(lambda liaison: not liaison.date_meeting)
        if not todo:
            return
        company = self.env.company
        tz = company._consultation_tz()
        years = set(todo.mapped("year"))
        start = company._consultation_to_utc(date(min(years), 1, 1))
        end = company._consultation_to_utc(date(max(years) + 1, 1, 1))
        # As superuser: a leader's attendances in the room's meetings, which the leader may
        # not read.
        attendances = (
            self.env["consultation.meeting.attendance"]
            .sudo()
            .search(
                [
                    ("state", "=", "attended"),
                    ("partner_id", "in", todo.user_id.partner_id.ids),
                    ("meeting_id.state", "in", HELD_STATES),
                    ("meeting_id.start", ">=", start),
                    ("meeting_id.start", "<", end),
                ]
            )
        )
        first = {}
        for attendance in attendances.sorted(lambda a: a.meeting_id.start):
            meeting = attendance.meeting_id
            day = pytz.utc.localize(meeting.start).astimezone(tz).date()
            for room in meeting.room_id | meeting.joint_room_ids:
                first.setdefault((attendance.partner_id.id, room.id, day.year), (meeting, day))
        # As superuser: the duty is filled by the system from the sign-in; leaders do not
        # set it themselves.
        for liaison in todo.sudo():
            found = first.get((liaison.user_id.partner_id.id, liaison.room_id.id, liaison.year))
            if found:
                liaison.write({"meeting_id": found[0].id, "date_meeting": found[1]})

    @api.model
    def _cron_follow_up(self):
        """Daily: record the consultations attended; from October on, remind each leader
        once of what is still missing for the year."""
        today = self.env.company._consultation_today()
        current = self.search([("year", "=", today.year)])
        current._fill_meeting_duty()
        if today.month < 10:
            return True
        labels = self._duty_labels()
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        late = current.filtered(
            lambda liaison: liaison.duties_done < 4 and not liaison.date_reminded
        )
        for liaison in late:
            missing = [labels[duty] for duty in DUTIES if not liaison[f"date_{duty}"]]
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": liaison.id,
                    "activity_type_id": todo.id,
                    "user_id": liaison.user_id.id,
                    "date_deadline": date(today.year, 12, 31),
                    "summary": _("Liaison duties still to do"),
                    "note": _(
                        "For %(room)s this year, still to do: %(missing)s.",
                        room=liaison.room_id.display_name,
                        missing=format_list(self.env, missing),
                    ),
                }
            )
        # As superuser: to-dos for other users (the leaders), which the cron's user may not
        # create.
        self.env["mail.activity"].sudo().create(vals_list)
        with transition():
            late.write({"date_reminded": today})
        return True
