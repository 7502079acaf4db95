import io
from datetime import date, datetime

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_meeting import pdf_text
from .test_outcome import OutcomeCase
from .test_room_year import held_meeting

YEAR = 2021  # long over, and before any demo data


@tagged("post_install", "-at_install")
class TestAssessment(HttpCase, OutcomeCase):
    """年度考核: the default rules propose 优秀组织奖, 议事质量奖 and 三好委员; the office
    reviews and confirms; the results print as PDF and Excel. An HttpCase: wkhtmltopdf
    fetches the style sheets."""

    def setUp(self):
        super().setUp()
        self.set_organisation_tz()
        rooms = self.env["consultation.room"].search([("code", "=like", "T-%")])
        rooms.date_established = date(2020, 1, 1)
        # Community A1 meets its quota of six and its topic is carried out and fed back;
        # Street A meets its quota of four; Community A2 falls short.
        topic = self.bring_to(self.create_topic("老旧小区加装电梯"), "ready")
        start = datetime(YEAR, 6, 10, 2, 0)
        hours = (start - fields.Datetime.now()).total_seconds() / 3600
        self.meeting = self.create_meeting(topic, hours_from_now=hours)
        self.meeting.action_schedule()
        self.meeting.action_hold()
        self.meeting.attendance_ids.filtered(
            lambda a: a.partner_id == self.member_li.partner_id
        ).action_mark_attended()
        self.env["consultation.opinion"].create(
            {
                "topic_id": topic.id,
                "meeting_id": self.meeting.id,
                "partner_id": self.member_li.partner_id.id,
                "date": start,
                "channel": "meeting",
                "content": "建议先在3号楼试点",
            }
        )
        outcome = self.create_outcome(self.meeting, topic, date_deadline=date(YEAR, 10, 1))
        outcome.action_submit()
        outcome.action_accept()
        outcome.action_start()
        self.env["consultation.outcome.update"].create(
            {"outcome_id": outcome.id, "progress": 100, "note": "电梯已投入使用"}
        )
        outcome.write({"public_feedback": "电梯已投入使用", "satisfaction": 95})
        outcome.action_done()
        self.topic = topic
        for month in (2, 4, 8, 10, 12):
            held_meeting(self.env, self.community_a1, datetime(YEAR, month, 5, 2, 0))
        for month in (3, 5, 9, 11):
            held_meeting(self.env, self.street_a, datetime(YEAR, month, 5, 2, 0))
        held_meeting(self.env, self.community_a2, datetime(YEAR, 5, 5, 2, 0))
        self.assessment = self.env["consultation.assessment"].create({"year": YEAR})

    def line(self, record):
        field = {"consultation.room": "room_id", "consultation.topic": "topic_id"}.get(
            record._name, "member_id"
        )
        kind = {"room_id": "room", "topic_id": "topic", "member_id": "member"}[field]
        return self.assessment.line_ids.filtered(
            lambda line: line.kind == kind and line[field] == record
        )

    def test_default_rules_propose_each_award(self):
        self.assessment.with_user(self.user_manager).action_compute()
        a1, a2, street = (
            self.line(self.community_a1),
            self.line(self.community_a2),
            self.line(self.street_a),
        )
        self.assertTrue(a1.meets_requirements and street.meets_requirements)
        self.assertFalse(a2.meets_requirements)
        self.assertGreater(a1.score, street.score)
        self.assertEqual(a1.award, "organisation")
        self.assertFalse(street.award, "A tenth of two qualified rooms is one room.")
        self.assertEqual(self.line(self.topic).award, "quality")
        self.assertEqual(self.line(self.topic).name, self.topic.name, "the topic, not its room")
        li = self.line(self.member_li)
        self.assertTrue(li.meets_requirements)
        self.assertEqual(li.award, "three_good")
        self.assertEqual(a1.rank, 1)

    def test_office_reviews_then_confirms(self):
        with self.assertRaises(UserError):
            self.assessment.with_user(self.user_manager).action_confirm()
        this_year = self.env["consultation.assessment"].create(
            {"year": self.company._consultation_today().year}
        )
        with self.assertRaisesRegex(UserError, "not over"):
            this_year.action_compute()
        self.assessment.action_compute()
        # The office changes a proposal before confirming.
        self.line(self.street_a).with_user(self.user_manager).award = "organisation"
        self.assessment.with_user(self.user_manager).action_confirm()
        self.assertEqual(self.assessment.state, "confirmed")
        with self.assertRaisesRegex(UserError, "confirmed"):
            self.assessment.action_compute()
        # Members read the confirmed results, and cannot change them.
        self.assertEqual(
            self.assessment.with_user(self.user_member).line_ids, self.assessment.line_ids
        )
        with self.assertRaises(AccessError):
            self.line(self.street_a).with_user(self.user_secretary).award = False
        # Reopening is for confirmed results, and the chatter says who did it.
        with self.assertRaisesRegex(UserError, "not confirmed"):
            this_year.action_reset_draft()
        self.assessment.with_user(self.user_manager).action_reset_draft()
        self.assertEqual(self.assessment.state, "draft")
        self.assertIn(self.user_manager.name, self.assessment.message_ids[:1].body)

    def test_drafts_stay_with_the_office(self):
        self.assessment.action_compute()
        self.assertFalse(
            self.env["consultation.assessment"].with_user(self.user_secretary).search([])
        )

    def test_results_print(self):
        self.assessment.action_compute()
        self.chinese_organisation()
        Report = self.env["ir.actions.report"].with_user(self.user_manager)
        content, kind = Report._render("consultation.assessment_xlsx", self.assessment.ids)
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[1][:3], ("类别", "名次", "名称"))
        self.assertEqual(len(rows) - 3, len(self.assessment.line_ids))
        self.assertEqual(rows[-1][6], f"{self.assessment.award_count} 项")
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "consultation.report_assessment", self.assessment.ids
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        self.assertIn("优秀组织奖", text)
        self.assertIn("三好委员", text)
        self.assertIn("朝阳社区", text)
        self.assertIn(b"/FontFile", pdf)


@tagged("post_install", "-at_install")
class TestDemoYear(OutcomeCase):
    """The demo's previous year is whole, whatever today is, and its assessment
    proposes each of the three awards."""

    def test_previous_year_of_the_demo(self):
        year = self.company._consultation_today().year - 1
        demo_room = self.env.ref("consultation.room_hp_cy")
        row = self.env["consultation.room.year"].search(
            [("room_id", "=", demo_room.id), ("year", "=", year)]
        )
        self.assertGreaterEqual(row.meetings_held, row.meetings_required)
        behind = self.env["consultation.room.year"].search(
            [("year", "=", year), ("compliance_state", "!=", "ok")]
        )
        self.assertTrue(behind, "Some demo rooms fell behind their quota.")
        assessment = self.env["consultation.assessment"].search([("year", "=", year)])
        assessment.action_compute()
        awards = set(assessment.line_ids.mapped("award"))
        self.assertLessEqual({"organisation", "quality", "three_good"}, awards)
