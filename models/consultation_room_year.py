"""A room's year (年度开展情况): its quota, compliance and close of year."""

from datetime import date, time, timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from .consultation_meeting import HELD_STATES
from .consultation_room import STREET_LEVELS

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
        """Daily: this year's rows, and last year's until the office closes that year."""
        year = self.env.company._consultation_today().year
        self._refresh_year(year)
        # As superuser: whether last year is closed, whatever rooms the cron's user reads.
        if not self.sudo().search_count(
            [("year", "=", year - 1), ("is_closed", "=", True)], limit=1
        ):
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

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_year_end(self):
        """Demo: a whole previous year and this year so far for the demo rooms, dated
        from the start of the current year so that it is complete whatever the day.
        Some rooms fall behind their quota; the previous year's assessment proposes
        each award."""
        env = (
            self.sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_mail_to_attendees=True,
                mail_activity_quick_update=True,
            )
            .env
        )
        company = env.company
        today = company._consultation_today()
        year = today.year
        rooms = env["consultation.room"].search([("company_id", "=", company.id)], order="id")
        rooms.write({"date_established": date(year - 3, 1, 1)})
        departments = env["res.partner"].create(
            [
                {"name": name, "is_company": True}
                for name in ("青川区住房和城乡建设局", "青川区城市管理局", "青川区民政局")
            ]
        )
        subjects = [
            ("老旧小区屋顶漏水维修", "livelihood_project"),
            ("背街小巷路灯补装", "governance"),
            ("社区养老助餐点建设", "livelihood_project"),
            ("菜市场周边交通秩序整治", "governance"),
            ("小区停车位施划与管理", "decision"),
            ("垃圾分类投放点改造", "public_opinion"),
        ]
        Meeting = env["consultation.meeting"]
        streets_seen = []
        for index, room in enumerate(rooms):
            people = room.membership_ids.member_id.partner_id
            if room.level == "village":
                # Two rooms in three meet every two months, the third falls behind: in
                # three windows, or six meetings crowded into two windows.
                months = (1, 3, 5, 7, 9, 11) if index % 3 else (3, 7, 11)
                if room.name.startswith("翠苑社区"):
                    months = (7, 7, 8, 9, 10, 10)
            elif room.level == "street":
                # Four a year due: one street holds them, one holds three, one two.
                months = ((2, 5, 8, 11), (3, 6, 9), (4, 10))[len(streets_seen) % 3]
                streets_seen.append(room)
            elif room.level == "town":
                months = (4, 10)
            else:
                months = (2, 5, 8, 11) if index % 2 else (5, 11)
            # This year so far: all due meetings, half of them, or none (inactive).
            this_year = [m for m in months if m < today.month]
            this_year = (this_year[: len(this_year) // 2], this_year, [])[index % 3]
            for meeting_year, meeting_months in ((year - 1, months), (year, this_year)):
                for number, month in enumerate(meeting_months):
                    # Two meetings in one month: the second a week after the first.
                    day = 15 + 7 * meeting_months[:number].count(month)
                    start = company._consultation_to_utc(
                        date(meeting_year, month, day), time(9, 30)
                    )
                    subject, outcome_type = subjects[(index + number) % len(subjects)]
                    topic = env["consultation.topic"].create(
                        {
                            "name": f"{room.name}{subject}",
                            "room_id": room.id,
                            "source": ("member", "public", "party_gov")[number % 3],
                            "proposer_id": people[:1].id,
                            "date_proposed": date(meeting_year, month, 1),
                            "state": "ready",
                        }
                    )
                    env["consultation.research"].create(
                        {
                            "topic_id": topic.id,
                            "name": f"{subject}入户走访",
                            "method": "visit",
                            "date": date(meeting_year, month, 8),
                            "participant_ids": [Command.set(people[:2].ids)],
                        }
                    )
                    meeting = Meeting.create(
                        {
                            "name": f"{subject}协商议事会",
                            "room_id": room.id,
                            "form": "meeting",
                            "start": start,
                            "stop": start + timedelta(hours=2),
                            "location": room.address or room.name,
                            "topic_ids": [Command.set(topic.ids)],
                            "partner_ids": [Command.set(people.ids)],
                            "consensus": f"<p>就{subject}达成共识，形成协商成果报送落实。</p>",
                        }
                    )
                    meeting.write({"state": "closed" if meeting_year < year else "held"})
                    # Everyone came, except one in four at every other meeting.
                    absent = (
                        meeting.attendance_ids[3::4] if number % 2 else meeting.attendance_ids[:0]
                    )
                    (meeting.attendance_ids - absent).write({"state": "attended"})
                    absent.write({"state": "absent"})
                    for partner in people[:2]:
                        env["consultation.opinion"].create(
                            {
                                "topic_id": topic.id,
                                "meeting_id": meeting.id,
                                "partner_id": partner.id,
                                "channel": "meeting",
                                "date": start,
                                "content": f"关于{subject}，建议先摸清底数、分步实施。",
                                "state": "accepted",
                            }
                        )
                    topic.state = "done" if meeting_year < year else "deliberated"
                    done = meeting_year < year and (index + number) % 4 != 3
                    outcome = env["consultation.outcome"].create(
                        {
                            "name": f"{subject}实施方案",
                            "meeting_id": meeting.id,
                            "topic_id": topic.id,
                            "outcome_type": outcome_type,
                            "department_id": departments[(index + number) % 3].id,
                            "date_deadline": date(meeting_year, month, 15) + timedelta(days=90),
                        }
                    )
                    outcome.state = "in_progress"
                    env["consultation.outcome.update"].create(
                        {
                            "outcome_id": outcome.id,
                            "date": min(date(meeting_year, month, 15) + timedelta(days=60), today),
                            "progress": 100 if done else 40,
                            "note": "已完成并通过验收" if done else "已完成方案设计，正在施工",
                        }
                    )
                    # Fed back two months after the meeting, a month before the deadline;
                    # one in five a fortnight late.
                    late = (index + number) % 5 == 4
                    fed_back = date(meeting_year, month, 15) + timedelta(days=104 if late else 60)
                    outcome.write(
                        {
                            "state": "done" if done else "in_progress",
                            "date_feedback": min(fed_back, today) if done else False,
                            "public_feedback": f"{subject}已完成，欢迎居民监督。"
                            if done
                            else False,
                            "satisfaction": 80 + (index * 7 + number * 3) % 19 if done else 0,
                        }
                    )
        leaders = (
            env.ref("consultation.user_approver", raise_if_not_found=False),
            env.ref("consultation.user_manager", raise_if_not_found=False),
        )
        liaisons = []
        for leader, room in zip(
            leaders, rooms.filtered(lambda r: r.level in STREET_LEVELS), strict=False
        ):
            if not leader:
                continue
            liaisons += [
                {
                    "user_id": leader.id,
                    "room_id": room.id,
                    "year": year - 1,
                    "date_research": date(year - 1, 3, 20),
                    "evidence_research": "实地查看议事室阵地建设和活动开展情况",
                    "date_briefing": date(year - 1, 6, 18),
                    "evidence_briefing": "听取街道协商议事工作专题汇报",
                    "date_meeting": date(year - 1, 10, 15),
                    "date_problem": date(year - 1, 11, 30),
                    "evidence_problem": "推动解决老旧小区屋顶漏水维修资金问题",
                },
                {
                    "user_id": leader.id,
                    "room_id": room.id,
                    "year": year,
                    "date_research": date(year, 1, 10) if today.month > 1 else False,
                    "evidence_research": "走访社区议事室",
                },
            ]
        env["consultation.liaison"].create(liaisons)
        self.with_context(mail_activity_quick_update=True)._cron_refresh()
        assessment = env["consultation.assessment"].create({"year": year - 1})
        assessment.action_compute()
        return True
