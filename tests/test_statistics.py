from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import fields, sql_db
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..report import consultation_report_mixin
from .common import ConsultationCase
from .test_outcome import OutcomeCase
from .test_room_year import held_meeting


@tagged("post_install", "-at_install")
class TestStatistics(OutcomeCase):
    """The analysis menu: pivots on topics, meetings and outcomes, and the rates the
    office reports on; a secretary's figures cover their own rooms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()

    def setUp(self):
        super().setUp()
        meeting, topic = self.held_topic()
        self.meeting, self.topic = meeting, topic
        self.env["consultation.meeting.attendance"].create(
            [
                {"meeting_id": meeting.id, "partner_id": p.id, "state": "attended"}
                for p in self.env["res.partner"].create([{"name": "居民甲"}, {"name": "居民乙"}])
            ]
        )
        self.done, self.late = self.done_and_late(meeting, topic, late_by=3, satisfaction=90)
        self.refused = self.create_outcome(meeting, topic, name="拆除围墙")
        self.pending = self.create_outcome(meeting, topic, name="绿化")
        self.refused.action_submit()
        self.refused.rejection_reason = "不具备实施条件"
        self.refused.action_reject()
        self.late.satisfaction = 60
        # Another street's meeting, which Street A's secretary must not count.
        self.env["consultation.topic"].create(
            {"name": "团结社区停车难", "room_id": self.community_b1.id}
        )
        held_meeting(self.env, self.community_b1, fields.Datetime.now() - timedelta(hours=3))
        self.open_analysis()

    def open_analysis(self, fresh_seconds=0):
        """The analysis menus, as the office clicks them: each computes its rows unless
        they are younger than `fresh_seconds`."""
        with patch.object(consultation_report_mixin, "FRESH_SECONDS", fresh_seconds):
            for name in ("topic", "meeting", "outcome"):
                action = self.env.ref(f"consultation.consultation_{name}_report_action_open")
                window = action.run()
                self.assertEqual(window["res_model"], f"consultation.{name}.report")
                self.assertEqual(window["view_mode"], "pivot,graph")

    def totals(self, model, measures, user=None, domain=()):
        Report = self.env[model].with_user(user) if user else self.env[model]
        return Report._read_group(list(domain), [], measures)[0]

    def test_outcome_rates(self):
        count, adoption, overdue, feedback, satisfaction = self.totals(
            "consultation.outcome.report",
            [
                "outcome_count:sum",
                "adoption_rate:avg",
                "overdue_rate:avg",
                "feedback_rate:avg",
                "satisfaction:avg",
            ],
            domain=[("topic_id", "=", self.topic.id)],
        )
        self.assertEqual(count, 4)
        # Decided: two accepted, one refused; the draft one is not counted.
        self.assertAlmostEqual(adoption, 200 / 3)
        # Accepted: one done, one past its deadline.
        self.assertEqual(overdue, 50)
        self.assertEqual(feedback, 50)
        self.assertEqual(satisfaction, 75)
        by_type = self.env["consultation.outcome.report"]._read_group(
            [("topic_id", "=", self.topic.id)], ["outcome_type", "department_id"], ["__count"]
        )
        self.assertEqual(by_type, [("livelihood_project", self.department, 4)])

    def test_meetings_by_room_level_and_month(self):
        rows = self.env["consultation.meeting.report"]._read_group(
            [
                (
                    "meeting_id",
                    "in",
                    (self.meeting | self.env["consultation.meeting"].search([])).ids,
                ),
                ("state", "=", "held"),
            ],
            ["room_id", "level", "parent_id", "form"],
            ["meeting_count:sum", "attended:sum", "topic_count:sum", "outcome_count:sum"],
        )
        mine = [r for r in rows if r[0] == self.community_a1]
        self.assertEqual(
            mine, [(self.community_a1, "village", self.street_a, "meeting", 1, 2, 1, 4)]
        )

    def test_a_secretary_counts_only_their_rooms(self):
        rooms = self.street_a | self.community_a1 | self.community_a2
        for model in (
            "consultation.topic.report",
            "consultation.meeting.report",
            "consultation.outcome.report",
        ):
            with self.subTest(model=model):
                seen = self.env[model].with_user(self.user_secretary).search([]).room_id
                self.assertTrue(seen)
                self.assertLessEqual(seen, rooms)
                if model != "consultation.outcome.report":
                    everything = self.env[model].with_user(self.user_manager).search([])
                    self.assertIn(self.community_b1, everything.room_id)
        (count,) = self.totals(
            "consultation.meeting.report", ["meeting_count:sum"], user=self.user_secretary
        )
        self.assertEqual(count, 1)
        # The department sees the outcomes it implements, like on the outcomes themselves.
        seen = self.env["consultation.outcome.report"].with_user(self.user_department).search([])
        self.assertEqual(seen.outcome_id, self.done | self.late | self.refused | self.pending)

    def test_the_menu_computes_the_rows_a_pivot_reads(self):
        """The large analyses are computed when opened from the menu, not by each of
        the pivot's queries: what was recorded since shows on the next opening, and
        offices opening it within the same minute compute it once."""
        Report = self.env["consultation.outcome.report"]
        domain = [("topic_id", "=", self.topic.id)]
        self.assertEqual(Report.search_count(domain), 4)
        self.create_outcome(self.meeting, self.topic, name="增设路灯")
        self.assertEqual(Report.search_count(domain), 4)
        self.open_analysis(fresh_seconds=60)
        self.assertEqual(Report.search_count(domain), 4, "computed less than a minute ago")
        self.open_analysis()
        self.assertEqual(Report.search_count(domain), 5)
        # The hourly refresh computes them too.
        self.create_outcome(self.meeting, self.topic, name="修缮凉亭")
        self.env.ref("consultation.ir_cron_refresh_statistics").method_direct_trigger()
        self.assertEqual(Report.search_count(domain), 6)

    def test_the_analysis_dates_a_meeting_on_the_organisation_s_day(self):
        """23:30 and 00:30 in Shanghai are 15:30 and 16:30 UTC: the first meeting falls
        on 31 December, the second on 1 January, in the computed rows too."""
        late = held_meeting(self.env, self.community_a2, datetime(2025, 12, 31, 15, 30))
        early = held_meeting(self.env, self.community_a2, datetime(2025, 12, 31, 16, 30))
        self.open_analysis()
        rows = self.env["consultation.meeting.report"].search(
            [("meeting_id", "in", (late | early).ids)]
        )
        self.assertEqual(
            {row.meeting_id: row.date for row in rows},
            {late: date(2025, 12, 31), early: date(2026, 1, 1)},
        )
        years = dict(
            self.env["consultation.meeting.report"]._read_group(
                [("meeting_id", "in", (late | early).ids)], ["date:year"], ["__count"]
            )
        )
        self.assertEqual(sorted(day.year for day in years), [2025, 2026])

    def test_an_employee_without_the_analysis_cannot_compute_it(self):
        stranger = new_test_user(self.env, login="cs_plain_employee", groups="base.group_user")
        action = self.env.ref("consultation.consultation_topic_report_action_open")
        with self.assertRaises(AccessError):
            action.with_user(stranger).run()

    def test_coverage_of_village_rooms(self):
        self.env["consultation.room.year"]._cron_refresh()
        # The meeting's year (two hours ago: the year just ended, at 00:30 on 1 January).
        year = self.company._consultation_year(self.meeting.start)
        (coverage,) = self.totals(
            "consultation.room.year",
            ["coverage:avg"],
            domain=[
                ("year", "=", year),
                ("level", "=", "village"),
                ("room_id", "in", (self.community_a1 | self.community_a2 | self.community_b1).ids),
            ],
        )
        self.assertAlmostEqual(coverage, 200 / 3)


@tagged("post_install", "-at_install")
class TestStatisticsBesideReaders(OutcomeCase):
    def test_the_rows_are_computed_beside_someone_reading_them(self):
        """Someone reading the analysis (another worker's open transaction) is not
        blocked, nor does opening it wait for them: the rows are computed beside."""
        Report = self.env["consultation.outcome.report"]
        meeting, topic = self.held_topic()
        self.create_outcome(meeting, topic, name="增设路灯")
        reader = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            # Fails rather than hangs if the refresh took the table from the reader.
            reader.execute("SET lock_timeout = '5s'")
            reader.execute("SELECT COUNT(*) FROM consultation_outcome_report")
            self.assertTrue(Report._refresh_statistics())
            reader.execute("SELECT COUNT(*) FROM consultation_outcome_report")
        finally:
            reader.rollback()
            reader.close()
        self.assertEqual(Report.search_count([("topic_id", "=", topic.id)]), 1)


@tagged("post_install", "-at_install")
class TestStatisticsInChinese(ConsultationCase):
    def test_analysis_menu_and_quota_read_in_chinese(self):
        zh = self.load_chinese()
        self.assertEqual(zh.ref("consultation.menu_consultation_analysis").name, "统计分析")
        states = dict(
            zh["consultation.room.year"]._fields["compliance_state"]._description_selection(zh)
        )
        self.assertEqual(states["inactive"], "长期未开展活动")
        field = zh["ir.model.fields"]._get("consultation.outcome.report", "adoption_rate")
        self.assertEqual(field.field_description, "采纳率（%）")
