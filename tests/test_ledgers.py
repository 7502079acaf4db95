import io
from datetime import timedelta

import pytz
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from .test_outcome import OutcomeCase


@tagged("post_install", "-at_install")
class TestLedgers(OutcomeCase):
    """The three Excel ledgers (台账) open with Chinese headers, keep their header row
    in view, and close with totals equal to what the application shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()

    def setUp(self):
        super().setUp()
        self.meeting, self.topic = self.held_topic()
        self.meeting.attendance_ids.filtered(
            lambda a: a.partner_id == self.member_li.partner_id
        ).action_mark_attended()
        self.env["consultation.opinion"].create(
            {
                "topic_id": self.topic.id,
                "meeting_id": self.meeting.id,
                "partner_id": self.member_li.partner_id.id,
                "channel": "meeting",
                "content": "建议先在3号楼试点",
                # Voiced at the meeting (its year, even when the test runs past midnight).
                "date": self.meeting.start,
            }
        )
        self.done, self.late = self.done_and_late(
            self.meeting, self.topic, late_by=5, satisfaction=92
        )
        self.report(self.late, 40)

    def open(self, report, ids, data=None):
        content, kind = self.env["ir.actions.report"]._render(report, ids, data)
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(sheet.freeze_panes, "A3", "Title and header rows stay in view.")
        self.assertGreater(sheet.column_dimensions["B"].width, 10)
        return rows[1], rows[2:-1], rows[-1]

    def test_activity_ledger(self):
        self.env["consultation.room.year"]._cron_refresh()
        # The meeting's year (two hours ago: the year just ended, at 00:30 on 1 January).
        year = self.company._consultation_year(self.meeting.start)
        room_year = self.env["consultation.room.year"].search(
            [("room_id", "=", self.community_a1.id), ("year", "=", year)]
        )
        header, rows, totals = self.open("consultation.ledger_meetings", room_year.ids)
        self.assertEqual(header[:5], ["序号", "议事室", "日期", "形式", "协商议题"])
        self.assertEqual(len(rows), room_year.meetings_held)
        self.assertEqual(rows[0][4], self.topic.name)
        # The date is a date cell, at the organisation's time, for sorting and filtering.
        start = pytz.utc.localize(self.meeting.start).astimezone(self.company._consultation_tz())
        self.assertLess(abs(rows[0][2] - start.replace(tzinfo=None)), timedelta(seconds=1))
        self.assertEqual(totals[0], "合计")
        self.assertEqual(totals[6], room_year.participants)
        self.assertEqual(totals[9], len(self.meeting.outcome_ids))

    def test_member_ledger(self):
        members = self.member_li | self.member_zhang
        year = self.company._consultation_year(self.meeting.start)
        header, rows, totals = self.open("consultation.ledger_members", members.ids, {"year": year})
        self.assertEqual(header[1], "姓名")
        self.assertIn("出席率（%）", header)
        li = next(row for row in rows if row[1] == "李委员")
        self.assertEqual(li[5:7], [1, 1])
        self.assertEqual(li[8], 1, "One opinion given.")
        figures = members._participation(year)
        self.assertEqual(totals[5], sum(f["invited"] for f in figures.values()))
        self.assertEqual(totals[6], sum(f["attended"] for f in figures.values()))
        self.assertEqual(totals[8], sum(f["opinions"] for f in figures.values()))

    def test_outcome_ledger(self):
        # Overdue days count in the organisation's days, as on the outcome's form there.
        outcomes = (self.done | self.late).with_context(tz="Asia/Shanghai")
        header, rows, totals = self.open("consultation.ledger_outcomes", outcomes.ids)
        self.assertEqual(header[1], "协商成果")
        self.assertEqual(header[9], "逾期天数")
        self.assertEqual(len(rows), 2)
        self.assertEqual(
            sorted(row[6].date() for row in rows), sorted(outcomes.mapped("date_deadline"))
        )
        self.assertEqual(totals[9], sum(outcomes.mapped("days_overdue")))
        self.assertEqual(totals[9], 5)
        self.assertEqual(totals[8], sum(outcomes.mapped("progress")) / 2)
        self.assertEqual(totals[11], 92)


# New Year's night on both clocks: 00:30 on 1 January in Beijing (the meeting of two
# hours ago belongs to the year just ended) and 23:30 UTC (07:30 in Beijing).
@tagged("post_install", "-at_install")
class TestLedgersAtBeijingMidnight(TestLedgers):
    allow_inherited_tests_method = True  # Odoo's loader runs inherited tests only then
    frozen = "2026-12-31 16:30:00"

    @classmethod
    def setUpClass(cls):
        cls.startClassPatcher(freeze_time(cls.frozen))
        super().setUpClass()


@tagged("post_install", "-at_install")
class TestLedgersLateUtcEvening(TestLedgersAtBeijingMidnight):
    frozen = "2026-12-31 23:30:00"
