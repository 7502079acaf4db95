from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_outcome import OutcomeCase
from .test_room_year import held_meeting

YEAR = 2022  # long over, and before any demo data


@tagged("post_install", "-at_install")
class TestAwards(OutcomeCase):
    """Awards by who may hold them, thresholds the office's own, and 结果反馈 measured
    on its own: fed back by the deadline, not the same ratio as outcomes done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        cls.env["consultation.assessment"].search([("year", "=", YEAR)]).unlink()

    def assess(self, **values):
        assessment = self.env["consultation.assessment"].create({"year": YEAR, **values})
        assessment.action_compute()
        return assessment

    def test_three_good_only_for_cppcc_members_representatives_still_ranked(self):
        people = self.member_li.partner_id | self.member_zhang.partner_id
        self.assertEqual(self.member_zhang.member_type, "representative")
        for month in (3, 6, 9):
            meeting = held_meeting(self.env, self.community_a1, datetime(YEAR, month, 5, 2, 0))
            meeting.write({"partner_ids": [Command.link(p.id) for p in people]})
            meeting.attendance_ids.write({"state": "attended"})
        for partner in people:
            self.env["consultation.topic"].create(
                {
                    "name": f"{partner.name}提出的议题",
                    "room_id": self.community_a1.id,
                    "proposer_id": partner.id,
                    "date_proposed": date(YEAR, 2, 1),
                }
            )
        assessment = self.assess(three_good_share=1.0)
        lines = {line.member_id: line for line in assessment.member_line_ids}
        zhang, li = lines[self.member_zhang], lines[self.member_li]
        self.assertEqual(zhang.score, li.score, "the representative is ranked like anyone")
        self.assertFalse(zhang.meets_requirements)
        self.assertFalse(zhang.award, "三好委员 is a title of CPPCC members only")
        self.assertIn("not a CPPCC member", zhang.note)
        self.assertEqual(li.award, "three_good")

    def test_thresholds_are_the_offices_defaults_and_editable(self):
        settings = (
            self.env["consultation.settings"]
            .with_user(self.user_manager)
            .create({"consultation_three_good_attendance": 90, "consultation_quality_count": 3})
        )
        settings.action_save()
        self.assertEqual(self.company.consultation_three_good_attendance, 90)
        assessment = self.env["consultation.assessment"].create({"year": YEAR})
        self.assertEqual(
            (
                assessment.three_good_attendance,
                assessment.quality_count,
                assessment.three_good_share,
            ),
            (90, 3, 0.1),
        )
        assessment.three_good_attendance = 70
        self.assertEqual(self.company.consultation_three_good_attendance, 90, "its own copy")
        with self.assertRaises(AccessError):
            self.env["consultation.settings"].with_user(self.user_secretary).create(
                {"consultation_three_good_attendance": 10}
            ).action_save()

    def test_feedback_is_the_loop_closed_by_the_deadline_not_the_done_ratio(self):
        topic = self.create_topic("楼道照明")
        meeting = held_meeting(self.env, self.community_a1, datetime(YEAR, 3, 10, 2, 0))
        Outcome = self.env["consultation.outcome"]

        def outcome(deadline, state, fed_back=None):
            record = Outcome.create(
                {
                    "name": f"措施{deadline}",
                    "meeting_id": meeting.id,
                    "topic_id": topic.id,
                    "date_deadline": deadline,
                }
            )
            record.write({"state": state, "date_feedback": fed_back, "public_feedback": "已完成"})
            return record

        outcome(date(YEAR, 6, 30), "done", date(YEAR, 6, 20))  # fed back in time
        outcome(date(YEAR, 8, 31), "done", date(YEAR, 10, 1))  # a month late
        outcome(date(YEAR, 9, 30), "in_progress")  # due, never fed back
        outcome(date(YEAR + 1, 3, 1), "done", date(YEAR, 12, 1))  # done early: due, in time
        outcome(date(YEAR + 1, 3, 1), "in_progress")  # due next year
        criteria = self.env["consultation.assessment.criterion"].search([])
        criteria.filtered(lambda c: c.measure != "feedback").active = False
        line = self.assess().room_line_ids.filtered(lambda x: x.room_id == self.community_a1)
        self.assertEqual(line.score, 50.0, "2 of the 4 outcomes due were fed back in time")
        criteria.active = True
        criteria.filtered(lambda c: c.measure != "outcomes").active = False
        self.env["consultation.assessment"].search([("year", "=", YEAR)]).unlink()
        line = self.assess().room_line_ids.filtered(lambda x: x.room_id == self.community_a1)
        self.assertEqual(line.score, 60.0, "3 of the 5 outcomes agreed are done")

    def test_marking_an_outcome_done_dates_its_feedback(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.action_accept()
        outcome.action_start()
        self.report(outcome, 100, "已完工")
        outcome.write({"public_feedback": "两部电梯已投入使用"})
        self.assertFalse(outcome.date_feedback)
        outcome.action_done()
        self.assertEqual(outcome.date_feedback, self.company._consultation_today())
