"""The meeting ledger (协商议事活动台账) as a spreadsheet."""

from collections import Counter
from datetime import date

from odoo import models
from odoo.tools import format_list, html2plaintext

from ..models.consultation_meeting import HELD_STATES
from ..models.consultation_room import STREET_LEVELS


class ConsultationMeetingLedgerXlsx(models.AbstractModel):
    """协商议事活动台账: every meeting held by the chosen rooms in the chosen years
    (printed from their rows of 年度开展情况); joint meetings show in each room."""

    _name = "report.consultation.ledger_meetings"
    _inherit = "report.consultation.ledger_xlsx"
    _description = "Consultation Activity Ledger (Excel)"

    COLUMNS = [
        ("序号", 6),
        ("议事室", 28),
        ("日期", 17),
        ("形式", 10),
        ("协商议题", 40),
        ("邀请人数", 9),
        ("出席人数", 9),
        ("达成共识", 50),
        ("意见建议", 9),
        ("协商成果", 9),
    ]

    YEAR_COLUMNS = [
        ("议事室", 32),
        ("层级", 10),
        ("年度", 7),
        ("年度要求", 9),
        ("应开展", 9),
        ("已开展", 9),
        ("未开展的双月", 12),
        ("达标情况", 10),
    ]
    COVERAGE_COLUMNS = [
        ("街道（镇）", 32),
        ("层级", 8),
        ("基层单元", 9),
        ("已建议事室", 11),
        ("覆盖率（%）", 11),
        ("无村（社区）议事室", 18),
        ("无样板社区", 11),
    ]

    def _meetings(self, room_years):
        """The meetings held by the rows' rooms in the rows' years: one search a year,
        whatever the number of rooms."""
        Meeting = self.env["consultation.meeting"]
        company = self.env.company
        meetings = Meeting
        for year in sorted(set(room_years.mapped("year"))):
            rooms = room_years.filtered(lambda r, y=year: r.year == y).room_id
            meetings |= Meeting.search(
                [
                    "|",
                    ("room_id", "in", rooms.ids),
                    ("joint_room_ids", "in", rooms.ids),
                    ("state", "in", HELD_STATES),
                    ("start", ">=", company._consultation_to_utc(date(year, 1, 1))),
                    ("start", "<", company._consultation_to_utc(date(year + 1, 1, 1))),
                ]
            )
        return meetings

    def _fetch(self, room_years, meetings):
        """What the ledger prints of the meetings and the rooms, each model read in one
        query for all its records (iterating records reads them 1,000 a query), and
        once: fetching again what is in memory may query again to check access."""
        meetings.fetch(["calendar_event_id", "room_id", "form", "consensus", "topic_ids"])
        # The rows' rooms and the meetings' (a joint meeting's room may not be printed).
        rooms = room_years.room_id | meetings.room_id
        rooms.fetch(["complete_name", "level", "parent_path", "company_id"])
        # The start alone: reading calendar.event's private fields (its name, its
        # invitees) makes Odoo read every invitee to hide other people's private events.
        meetings.calendar_event_id.fetch(["start"])
        meetings.topic_ids.fetch(["name"])

    def _figures(self, meetings):
        """{meeting: (invited, attended, opinions, outcomes)}, counted in one query each
        for all the meetings."""
        Attendance = self.env["consultation.meeting.attendance"]
        invited, attended = Counter(), Counter()
        for meeting, state, count in Attendance._read_group(
            [("meeting_id", "in", meetings.ids)], ["meeting_id", "state"], ["__count"]
        ):
            invited[meeting] += count
            if state == "attended":
                attended[meeting] += count
        opinions = dict(
            self.env["consultation.opinion"]._read_group(
                [("meeting_id", "in", meetings.ids), ("state", "!=", "rejected")],
                ["meeting_id"],
                ["__count"],
            )
        )
        outcomes = dict(
            self.env["consultation.outcome"]._read_group(
                [("meeting_id", "in", meetings.ids)], ["meeting_id"], ["__count"]
            )
        )
        return {
            meeting: (
                invited[meeting],
                attended[meeting],
                opinions.get(meeting, 0),
                outcomes.get(meeting, 0),
            )
            for meeting in meetings
        }

    def generate_xlsx_report(self, workbook, data, room_years):
        room_years.fetch(
            [
                "room_id",
                "year",
                "level",
                "meetings_required",
                "meetings_due",
                "meetings_held",
                "windows_missed",
                "windows_due",
                "compliance_state",
            ]
        )
        meetings = self._meetings(room_years)
        self._fetch(room_years, meetings)
        meetings = meetings.sorted(lambda m: (m.start, m.id))
        figures = self._figures(meetings)
        forms = self._selection_labels("consultation.meeting", "form")
        rows = []
        for index, meeting in enumerate(meetings, start=1):
            invited, attended, opinions, outcomes = figures[meeting]
            rows.append(
                [
                    index,
                    meeting.room_id.display_name,
                    self._local_date(meeting.start),
                    forms.get(meeting.form, ""),
                    "；".join(meeting.topic_ids.mapped("name")),
                    invited,
                    attended,
                    html2plaintext(meeting.consensus or "").strip(),
                    opinions,
                    outcomes,
                ]
            )
        totals = ["合计", f"{len(meetings)} 次", "", "", ""]
        totals += [sum(row[col] for row in rows) for col in (5, 6)]
        totals += ["", sum(row[8] for row in rows), sum(row[9] for row in rows)]
        years = format_list(self.env, [str(y) for y in sorted(set(room_years.mapped("year")))])
        self._write_ledger(workbook, f"{years}年协商议事活动台账", self.COLUMNS, rows, totals)
        self._write_years(workbook, years, room_years)
        self._write_coverage(workbook, room_years)

    def _write_years(self, workbook, years, room_years):
        """The quota rule each row was judged by: held, due, two-month windows missed."""
        levels = self._selection_labels("consultation.room", "level")
        states = self._selection_labels("consultation.room.year", "compliance_state")
        rows = [
            [
                row.room_id.display_name,
                levels.get(row.level, ""),
                str(row.year),
                row.meetings_required,
                row.meetings_due,
                row.meetings_held,
                row.windows_missed if row.windows_due else "",
                states.get(row.compliance_state, ""),
            ]
            for row in room_years.sorted(lambda r: (r.year, r.room_id.complete_name))
        ]
        behind = len([r for r in room_years if r.compliance_state != "ok"])
        totals = ["合计", "", "", *(sum(row[c] for row in rows) for c in (3, 4, 5))]
        totals += ["", f"未达标 {behind} 个"]
        self._write_ledger(workbook, f"{years}年度开展情况", self.YEAR_COLUMNS, rows, totals)

    def _write_coverage(self, workbook, room_years):
        """全覆盖 as the register stands: each street and town of the rooms printed (the
        district: all of them), its units with a room, and the two rules each street or
        town must meet."""
        Room = self.env["consultation.room"]
        rooms = room_years.room_id
        # Found and read in one query, whether or not the rooms printed include them.
        streets = Room.search_fetch(
            [
                ("level", "in", STREET_LEVELS),
                "|",
                ("id", "parent_of", rooms.ids),
                ("id", "child_of", rooms.filtered(lambda r: r.level == "district").ids),
            ],
            ["complete_name", "level", "parent_path"],
        )
        coverage = self.env["consultation.unit"]._coverage(streets)
        flags = streets._coverage_flags()
        levels = self._selection_labels("consultation.room", "level")
        rows = []
        for street in streets:
            figures = coverage[street]
            rows.append(
                [
                    street.display_name,
                    levels.get(street.level, ""),
                    figures["units"],
                    figures["units_covered"],
                    figures["unit_coverage"],
                    "是" if flags[street][0] else "",
                    "是" if flags[street][1] else "",
                ]
            )
        units = sum(row[2] for row in rows)
        covered = sum(row[3] for row in rows)
        share = round(100.0 * covered / units, 1) if units else 0.0
        totals = ["合计", "", units, covered, share, "", ""]
        self._write_ledger(workbook, "基层单元覆盖情况", self.COVERAGE_COLUMNS, rows, totals)
