from odoo.tests import HttpCase, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestApproverTour(HttpCase, ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The reviewer works in Chinese, as approvers do.
        cls.load_chinese()
        cls.user_committee.lang = "zh_CN"

    def test_reviewer_approves_from_the_activity_menu(self):
        # A temporary topic of the district: special committee, chairman's meeting, party.
        topic = (
            self.env["consultation.topic"]
            .with_user(self.user_manager)
            .create({"name": "社区停车位紧张", "room_id": self.district.id})
        )
        topic.action_submit()
        self.screen(topic, "screening_rule_include_livelihood")
        topic.request_validation()

        self.start_tour("/odoo", "consultation_approver_tour", login="cs_committee")

        topic.invalidate_recordset()
        committee, chairman, party = topic.review_ids.sorted("sequence")
        self.assertEqual(committee.status, "approved")
        self.assertEqual(committee.done_by, self.user_committee)
        self.assertEqual(chairman.status, "pending")
        self.assertEqual(party.status, "waiting")
        # The approval activity moved on to the chairman's meeting.
        approvals = topic.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("consultation.mail_activity_type_approval")
        )
        self.assertNotIn(self.user_committee, approvals.user_id)
        self.assertIn(self.user_chairman, approvals.user_id)
