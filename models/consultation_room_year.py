"""A room's year (年度开展情况): its quota, compliance and close of year."""

from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .consultation_meeting import HELD_STATES

# A room that held no meeting for this long is inactive (once it is that old itself).
INACTIVE_DAYS = 180
# The figures a row keeps for its year; they freeze when the office closes the year.
STAT_FIELDS = (
    "meetings_required",
    "meetings_due",
    "meetings_held",
    "windows_due",
    "windows_missed",
    "participants",
    "opinions",
    "topics_deliberated",
    "outcomes_done",
    "last_meeting_date",
    "compliance_state",
    "units",
    "units_covered",
    "unit_coverage",
    "lacks_village_room",
    "lacks_model_community",
)
COMPLIANCE_STATES = [("ok", "On Track"), ("behind", "Behind"), ("inactive", "Inactive")]


class ConsultationRoomYear(models.Model):
    """What a room did in one year (年度开展情况), kept when the year is over: the
    district's yearly report, the quota check and the assessment read these rows."""

    _name = "consultation.room.year"
    _description = "Room Activity per Year"
    _order = "year desc, room_id"
    _rec_name = "room_id"

    room_id = fields.Many2one(
        "consultation.room", required=True, index=True, ondelete="cascade", readonly=True
    )
    year = fields.Integer(required=True, index=True, readonly=True, aggregator=False)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    level = fields.Selection(related="room_id.level", store=True)
    parent_id = fields.Many2one(
        related="room_id.parent_id", store=True, string="Parent Room", help="Street or town."
    )
    meetings_required = fields.Integer("Quota", readonly=True, help="Meetings due in the year.")
    meetings_due = fields.Integer(
        "Due so Far",
        readonly=True,
        help="Meetings due by the end of the months already ended (village rooms: one per"
        " two-month window already ended).",
    )
    meetings_held = fields.Integer(
        readonly=True, help="Joint meetings count for each of their rooms."
    )
    windows_due = fields.Integer(
        "Windows Ended",
        readonly=True,
        help="Rooms that meet every two months: the two-month windows of the year already"
        " ended since the room was established.",
    )
    windows_missed = fields.Integer(
        readonly=True,
        help="Rooms that meet every two months: the windows ended without their meeting."
        " One is enough to fall behind, whatever the year's total.",
    )
    participants = fields.Integer(
        "Attendances", readonly=True, help="People signed in as present, counted per meeting."
    )
    opinions = fields.Integer(readonly=True, help="Opinions gathered, rejected ones aside.")
    topics_deliberated = fields.Integer(readonly=True)
    outcomes_done = fields.Integer(readonly=True)
    last_meeting_date = fields.Datetime("Last Meeting", readonly=True)
    compliance_state = fields.Selection(
        COMPLIANCE_STATES,
        "Compliance",
        readonly=True,
        index=True,
        help="Behind: fewer meetings than due so far, or (rooms that meet every two"
        " months) a two-month window ended without its meeting. Inactive: no meeting in"
        " the last 180 days, for a room older than that.",
    )
    coverage = fields.Float(
        "Met This Year (%)",
        compute="_compute_coverage",
        store=True,
        aggregator="avg",
        help="100 when the room held at least one meeting in the year: averaged over"
        " rooms, the share of them that met. Coverage (全覆盖) counts grass-roots units"
        " with a room: see Grass-roots Units.",
    )
    # Coverage (全覆盖) of the grass-roots units of a street or town (of all of them
    # for the district), as the register stood when the row was last updated.
    units = fields.Integer(
        "Grass-roots Units", readonly=True, help="Units of the register under this room."
    )
    units_covered = fields.Integer("Units with a Room", readonly=True)
    unit_coverage = fields.Float(
        "Coverage (%)",
        readonly=True,
        aggregator=False,
        help="全覆盖: units with a room ÷ units, for a street or town and for the district.",
    )
    lacks_village_room = fields.Boolean(
        "No Village Room", readonly=True, help="A town without any village or community room."
    )
    lacks_model_community = fields.Boolean(
        "No Model Community", readonly=True, help="A street without a model community."
    )
    is_closed = fields.Boolean(
        "Year Closed",
        readonly=True,
        help="The office closed the year: these figures no longer change.",
    )
    date_refreshed = fields.Datetime("Updated On", readonly=True)

    _sql_constraints = [
        ("room_year_uniq", "unique(room_id, year)", "A room has one row per year."),
    ]

    @api.depends("meetings_held")
    def _compute_coverage(self):
        for row in self:
            row.coverage = 100.0 if row.meetings_held else 0.0

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    @api.model
    def _year_values(self, rooms, year):
        """{room: {field: value}} for `year`, judged at the organisation's today (or at
        the year's end when it is over). The number of queries depends on the number of
        companies, never on the number of rooms."""
        result = {}
        # As superuser: the figures count every meeting and topic of the rooms, whatever the
        # reader reads.
        rooms = rooms.sudo()
        for company in rooms.company_id:
            company_rooms = rooms.filtered(lambda r, c=company: r.company_id == c)
            result.update(self._year_values_company(company, company_rooms, year))
        return result

    def _year_values_company(self, company, rooms, year):
        today = company._consultation_today()
        year_start, year_end = date(year, 1, 1), date(year, 12, 31)
        as_of = min(today, year_end)
        months_ended = 12 if today > year_end else max(today.month - 1, 0)
        if today < year_start:
            months_ended = 0
        utc_start = company._consultation_to_utc(year_start)
        utc_end = company._consultation_to_utc(year_end + timedelta(days=1))
        utc_as_of_end = company._consultation_to_utc(as_of + timedelta(days=1))
        stats = self._query_stats(
            rooms.ids, utc_start, utc_end, utc_as_of_end, tz=company._consultation_tz().zone
        )
        inactive_since = company._consultation_to_utc(as_of - timedelta(days=INACTIVE_DAYS))
        quotas = self.env["consultation.meeting.quota"]._by_level()
        coverage = self.env["consultation.unit"]._coverage(rooms)
        flags = rooms._coverage_flags()
        values = {}
        for room in rooms:
            row = stats.get(room.id, {})
            required = room.required_meetings_per_year
            established = room.date_established or room.create_date.date()
            quota = quotas.get(room.level)
            windows_due = windows_missed = 0
            if quota and quota.two_month_windows:
                # Each two-month window (Jan–Feb, Mar–Apr, …) already ended needs its own
                # meetings, from the window the room was established in. The year's
                # number is spread over the six windows so that they add up to it (15:
                # 3, 2, 3, 2, 3, 2; 3: one every other window).
                def share(window, required=required):
                    # ceil(required × (w + 1) / 6) − ceil(required × w / 6)
                    return -((-required * (window + 1)) // 6) + ((-required * window) // 6)

                first = (established.month - 1) // 2 if established.year == year else 0
                windows = [w for w in range(first, months_ended // 2) if share(w) > 0]
                held_in = row.get("windows", {})
                windows_due = len(windows)
                windows_missed = len([w for w in windows if held_in.get(w, 0) < share(w)])
                due = sum(share(w) for w in windows)
            else:
                due = required * months_ended // 12
            last = row.get("last_meeting")
            old_enough = established <= as_of - timedelta(days=INACTIVE_DAYS)
            held = row.get("meetings_held", 0)
            if old_enough and (not last or last < inactive_since):
                state = "inactive"
            elif held < due or windows_missed:
                state = "behind"
            else:
                state = "ok"
            values[room] = {
                "meetings_required": required,
                "meetings_due": due,
                "meetings_held": held,
                "windows_due": windows_due,
                "windows_missed": windows_missed,
                "participants": row.get("participants", 0),
                "opinions": row.get("opinions", 0),
                "topics_deliberated": row.get("topics_deliberated", 0),
                "outcomes_done": row.get("outcomes_done", 0),
                "last_meeting_date": last or False,
                "compliance_state": state,
                **coverage[room],
                "lacks_village_room": flags[room][0],
                "lacks_model_community": flags[room][1],
            }
        return values

    def _query_stats(self, room_ids, utc_start, utc_end, utc_as_of_end, tz="Asia/Shanghai"):
        """Per room id: held meetings of the year (joint meetings counted for each of
        their rooms) in all and per two-month window of the organisation's calendar
        (`tz`), people present, opinions, topics deliberated, outcomes done and the
        last held meeting up to the day judged."""
        self.env["consultation.meeting"].flush_model()
        self.env["consultation.meeting.attendance"].flush_model()
        self.env["consultation.opinion"].flush_model()
        self.env["consultation.outcome"].flush_model()
        self.env["calendar.event"].flush_model(["start"])
        stats = {}
        if not room_ids:
            return stats
        cr = self.env.cr
        # Every held meeting with each room it counts for.
        links = """
            WITH held AS (
                SELECT m.id, m.room_id, e.start
                  FROM consultation_meeting m
                  JOIN calendar_event e ON e.id = m.calendar_event_id
                 WHERE m.state IN %(held)s AND e.start < %(as_of_end)s
            ), link AS (
                SELECT id AS meeting_id, room_id, start FROM held
                 UNION
                SELECT h.id, j.room_id, h.start
                  FROM held h
                  JOIN consultation_meeting_joint_room_rel j ON j.meeting_id = h.id
            )
        """
        params = {
            "held": HELD_STATES,
            "as_of_end": utc_as_of_end,
            "start": utc_start,
            "end": utc_end,
            "rooms": list(room_ids),
        }
        cr.execute(
            links
            + """
            SELECT link.room_id,
                   COUNT(DISTINCT link.meeting_id) FILTER (WHERE link.start >= %(start)s),
                   MAX(link.start),
                   COUNT(DISTINCT t.topic_id) FILTER (WHERE link.start >= %(start)s)
              FROM link
              LEFT JOIN consultation_meeting_topic_rel t ON t.meeting_id = link.meeting_id
             WHERE link.room_id = ANY(%(rooms)s)
             GROUP BY link.room_id
            """,
            params,
        )
        for room_id, held, last, topics in cr.fetchall():
            stats[room_id] = {
                "meetings_held": held,
                "last_meeting": last,
                "topics_deliberated": topics,
            }
        # Held meetings per two-month window (0: January–February, …, 5: November–December).
        cr.execute(
            links
            + """
            SELECT link.room_id,
                   (EXTRACT(MONTH FROM link.start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::int - 1)
                       / 2,
                   COUNT(DISTINCT link.meeting_id)
              FROM link
             WHERE link.room_id = ANY(%(rooms)s) AND link.start >= %(start)s
             GROUP BY 1, 2
            """,
            dict(params, tz=tz),
        )
        for room_id, window, count in cr.fetchall():
            stats.setdefault(room_id, {}).setdefault("windows", {})[window] = count
        # People present (人次), apart: the topic join above would repeat them.
        cr.execute(
            links
            + """
            SELECT link.room_id, COUNT(*)
              FROM link
              JOIN consultation_meeting_attendance a ON a.meeting_id = link.meeting_id
             WHERE link.room_id = ANY(%(rooms)s) AND link.start >= %(start)s
               AND a.state = 'attended'
             GROUP BY link.room_id
            """,
            params,
        )
        for room_id, count in cr.fetchall():
            stats.setdefault(room_id, {})["participants"] = count
        cr.execute(
            """
            SELECT room_id, COUNT(*)
              FROM consultation_opinion
             WHERE room_id = ANY(%(rooms)s) AND state != 'rejected'
               AND date >= %(start)s AND date < %(end)s
             GROUP BY room_id
            """,
            params,
        )
        for room_id, count in cr.fetchall():
            stats.setdefault(room_id, {})["opinions"] = count
        # An outcome belongs to the year of the meeting that agreed it.
        cr.execute(
            """
            SELECT o.room_id, COUNT(*)
              FROM consultation_outcome o
              LEFT JOIN consultation_meeting m ON m.id = o.meeting_id
              LEFT JOIN calendar_event e ON e.id = m.calendar_event_id
             WHERE o.room_id = ANY(%(rooms)s) AND o.state = 'done'
               AND COALESCE(e.start, o.create_date) >= %(start)s
               AND COALESCE(e.start, o.create_date) < %(end)s
             GROUP BY o.room_id
            """,
            params,
        )
        for room_id, count in cr.fetchall():
            stats.setdefault(room_id, {})["outcomes_done"] = count
        return stats

    # ------------------------------------------------------------------
    # Refresh, close
    # ------------------------------------------------------------------
    @api.model
    def _refresh_year(self, year, notify=True):
        """Create or update the rows of `year` for every room that existed in it; closed
        rows are left as they are. Rooms newly behind get an activity for their convener
        (unless `notify` is false: an upgrade recomputing the figures)."""
        # As superuser, here and below: the yearly rows are the system's, computed for every
        # room whoever refreshes them.
        Room = self.env["consultation.room"].sudo()
        rooms = Room.search([("date_established", "<=", date(year, 12, 31))])
        rows = self.sudo().search([("year", "=", year), ("room_id", "in", rooms.ids)])
        by_room = {row.room_id: row for row in rows}
        open_rooms = rooms.filtered(lambda r: not (by_room.get(r) and by_room[r].is_closed))
        values = self._year_values(open_rooms, year)
        now = fields.Datetime.now()
        to_create, fallen_behind = [], Room
        for room, vals in values.items():
            row = by_room.get(room)
            if row:
                if row.compliance_state != "behind" and vals["compliance_state"] == "behind":
                    fallen_behind |= room
                row.write(dict(vals, date_refreshed=now))
            else:
                if vals["compliance_state"] == "behind":
                    fallen_behind |= room
                to_create.append(dict(vals, room_id=room.id, year=year, date_refreshed=now))
        if to_create:
            self.sudo().create(to_create)
        if notify and fallen_behind and year == self.env.company._consultation_today().year:
            fallen_behind._notify_behind_quota()
        return True

    @api.model
    def _cron_refresh(self):
        """Daily: this year's rows, and last year's rows that are not closed. A closed
        row is left as it is (_refresh_year), so one organisation closing its year does
        not stop another's last-year figures, nor the row of a room recorded late."""
        year = self.env.company._consultation_today().year
        self._refresh_year(year)
        self._refresh_year(year - 1)
        return True

    def action_close_year(self, year=None):
        """The office closes a year that is over: its rows are brought up to date one
        last time, then never change again. From the list, the years of the selected
        rows (the web client passes their ids); from code, `year`."""
        if not self.env.user.has_group("consultation.group_consultation_manager"):
            raise UserError(_("Only the CPPCC office can close a year."))
        years = {year} if year else set(self.mapped("year"))
        current = self.env.company._consultation_today().year
        for closing in sorted(years):
            if closing >= current:
                raise UserError(
                    _("The year %(year)s is not over yet: it cannot be closed.", year=closing)
                )
            self._refresh_year(closing)
            # As superuser: every room's row of the year closes, also those the office's
            # rules hide.
            open_rows = self.sudo().search([("year", "=", closing), ("is_closed", "=", False)])
            open_rows.write({"is_closed": True})
        return True

    def write(self, vals):
        # Only the refresh writes, as superuser: no group has write access (a context
        # key would not do: any RPC caller can send one).
        if self.filtered("is_closed"):
            raise UserError(
                _("This year has been closed by the office: its figures no longer change.")
            )
        return super().write(vals)
