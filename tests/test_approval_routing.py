from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestApprovalByLevel(ConsultationCase):
    """议题确定 as the seeds describe it: plan topics with their plan, temporary topics by
    the level of their room."""

    def screened(self, topic):
        topic.action_submit()
        self.screen(topic, "screening_rule_include_livelihood")
        return topic

    def office_topic(self, room, name="临时议题", **values):
        return self.screened(
            self.env["consultation.topic"]
            .with_user(self.user_manager)
            .create({"name": name, "room_id": room.id, **values})
        )

    def test_village_temporary_topic_has_one_review_by_its_party_organisation(self):
        party_secretary = self.user_approver
        self.community_a1.with_user(self.user_manager).party_reviewer_ids = party_secretary
        topic = self.screened(self.create_topic("村口路灯维修"))
        self.assertTrue(topic.is_temporary)
        self.assertEqual(topic.party_reviewer_ids, party_secretary)
        topic.request_validation()
        topic.invalidate_recordset()
        self.assertEqual(len(topic.review_ids), 1)
        self.assertEqual(topic.review_ids.reviewer_ids, party_secretary)
        # The district's party organisation is not the community's: not its turn, ever.
        with self.assertRaisesRegex(UserError, "not your turn"):
            topic.with_user(self.user_party).validate_tier()
        topic.with_user(party_secretary).validate_tier()
        topic.invalidate_recordset()
        topic.with_user(self.user_secretary).action_approve()
        self.assertEqual(topic.state, "approved")

    def test_town_temporary_topic_falls_back_to_the_nearest_reviewers_up_the_tree(self):
        topic = self.screened(self.create_topic("街道菜市场改造", room=self.street_a))
        self.assertEqual(topic.party_reviewer_ids, self.user_party)
        topic.request_validation()
        topic.invalidate_recordset()
        self.assertEqual(topic.review_ids.reviewer_ids, self.user_party)

    def test_district_temporary_topic_has_three_reviews_in_order(self):
        topic = self.office_topic(self.district, "区级临时议题")
        reviews = topic.request_validation()
        self.assertEqual(len(reviews), 3)
        committee, chairman, party = reviews.sorted("sequence")
        self.assertEqual(
            committee.reviewer_ids, self.user_committee | self._group_users("committee")
        )
        self.assertIn(self.user_chairman, chairman.reviewer_ids)
        self.assertEqual(party.reviewer_ids, self.user_party)
        self.approve_all_tiers_in_place(topic)
        topic.action_approve()
        self.assertEqual(topic.state, "approved")

    def test_enterprise_and_sector_rooms_route_like_the_district(self):
        for level in ("enterprise", "sector", "committee"):
            room = self.env["consultation.room"].create(
                {"name": f"{level}室", "code": f"T-{level}", "level": level}
            )
            room.party_reviewer_ids = self.user_party
            topic = self.office_topic(room)
            self.assertEqual(len(topic.request_validation()), 3, level)

    def test_topic_of_an_approved_plan_is_confirmed_without_topic_tiers(self):
        plan = self.env["consultation.plan"].create({"room_id": self.community_a1.id, "year": 2031})
        topic = self.create_topic("加装电梯", plan_id=plan.id)
        plan.request_validation()
        plan.invalidate_recordset()
        self.assertEqual(plan.review_ids.reviewer_ids, self.user_party)
        plan.with_user(self.user_party).validate_tier()
        plan.invalidate_recordset()
        plan.action_approve()
        self.screened(topic)
        self.assertFalse(topic.is_temporary)
        with self.assertRaisesRegex(UserError, "approved with the plan"):
            topic.request_validation()
        topic.action_approve()
        self.assertEqual(topic.state, "approved")
        self.assertFalse(topic.review_ids)
        topic.action_publish()
        self.assertEqual(topic.state, "published")

    def test_an_approved_plan_lets_no_topic_in_afterwards(self):
        plan = self.env["consultation.plan"].create({"room_id": self.community_a1.id, "year": 2031})
        self.create_topic("计划内议题", plan_id=plan.id)
        plan.request_validation()
        plan.invalidate_recordset()
        plan.with_user(self.user_party).validate_tier()
        plan.invalidate_recordset()
        plan.action_approve()
        with self.assertRaisesRegex(UserError, "temporary topic"):
            self.create_topic("后来加入的议题", plan_id=plan.id)
        late = self.create_topic("计划外议题")
        with self.assertRaisesRegex(UserError, "temporary topic"):
            late.write({"plan_id": plan.id})
        self.assertTrue(late.is_temporary)

    def test_topic_of_a_plan_not_yet_approved_waits_for_the_plan(self):
        plan = self.env["consultation.plan"].create({"room_id": self.community_a1.id, "year": 2031})
        topic = self.screened(self.create_topic("社区食堂", plan_id=plan.id))
        with self.assertRaisesRegex(UserError, "waits for"):
            topic.action_approve()
        plan.request_validation()
        plan.invalidate_recordset()
        plan.with_user(self.user_party).validate_tier()
        plan.invalidate_recordset()
        plan.action_approve()
        # The plan's approval confirms the topics that waited for it.
        self.assertEqual(topic.state, "approved")

    def test_no_party_reviewers_up_the_tree_refuses_naming_the_room(self):
        self.district.party_reviewer_ids = False
        topic = self.screened(self.create_topic("无人审批"))
        with self.assertRaisesRegex(UserError, "朝阳社区"):
            topic.request_validation()
        self.assertFalse(topic.review_ids)

    def test_only_the_office_names_party_reviewers(self):
        with self.assertRaisesRegex(UserError, "Only the CPPCC office"):
            self.street_a.with_user(self.user_secretary).party_reviewer_ids = self.user_approver
        self.street_a.with_user(self.user_manager).party_reviewer_ids = self.user_approver
        self.assertEqual(self.community_a1.sudo()._get_party_reviewers(), self.user_approver)

    def test_reviewers_are_fixed_when_the_review_is_requested(self):
        topic = self.screened(self.create_topic("楼道照明"))
        topic.request_validation()
        self.community_a1.party_reviewer_ids = self.user_approver
        topic.invalidate_recordset()
        self.assertEqual(topic.party_reviewer_ids, self.user_approver)
        self.assertEqual(topic.review_ids.reviewer_ids, self.user_party)

    def _group_users(self, body):
        return self.env.ref(f"consultation.group_consultation_reviewer_{body}").users

    def approve_all_tiers_in_place(self, topic):
        for reviewer in (self.user_committee, self.user_chairman, self.user_party):
            topic.invalidate_recordset()
            topic.with_user(reviewer).validate_tier()
        topic.invalidate_recordset()


@tagged("post_install", "-at_install")
class TestWorkflowInChinese(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = cls.load_chinese()

    def test_checklist_and_refusals_read_in_chinese(self):
        items = self.zh["consultation.standard.item"].search([])
        self.assertEqual(
            items.mapped("name"), ["有阵地", "有标识", "有制度", "有流程", "有活动", "有实效"]
        )
        self.district.party_reviewer_ids = False
        topic = self.create_topic("无人审批").with_env(self.zh)
        topic.action_submit()
        self.screen(topic, "screening_rule_include_livelihood")
        with self.assertRaisesRegex(UserError, "均未指定同级党组织审批人"):
            topic.with_user(self.user_secretary).with_context(lang="zh_CN").request_validation()
