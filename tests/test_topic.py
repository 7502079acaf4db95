from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestTopicLifeCycle(ConsultationCase):
    def create_district_topic(self, name="区级临时议题"):
        """A temporary topic of the district room, run by the CPPCC office: three tiers."""
        return (
            self.env["consultation.topic"]
            .with_user(self.user_manager)
            .create({"name": name, "room_id": self.district.id})
        )

    def test_happy_path_from_draft_to_ready_as_the_people_who_do_it(self):
        topic = self.create_topic(proposer_id=self.member_li.partner_id.id)
        self.assertTrue(topic.code.startswith("YT"), "the proposer gets a receipt number")
        topic.action_submit()
        self.assertEqual(topic.state, "submitted")

        # 议题审查 in the wizard: the 民生改善实事 rule fits.
        wizard = Form(
            self.env["consultation.topic.screening.wizard"]
            .with_user(self.user_secretary)
            .with_context(default_topic_id=topic.id)
        )
        wizard.include_rule_ids.add(self.env.ref("consultation.screening_rule_include_livelihood"))
        wizard.note = "群众反映强烈"
        wizard.save().action_confirm()
        self.assertEqual(topic.state, "screened")
        self.assertEqual(topic.screened_by_id, self.user_secretary)

        # A community's temporary topic: the party organisation of its level approves it
        # (the district's reviewers, nearest up the tree), and finds a to-do for it.
        topic.request_validation()
        approval = self.env.ref("consultation.mail_activity_type_approval")
        topic.invalidate_recordset()
        self.assertEqual(topic.review_ids.reviewer_ids, self.user_party)
        todo = topic.activity_ids.filtered(lambda a: a.activity_type_id == approval)
        self.assertEqual(todo.user_id, self.user_party)
        self.assertIn(topic, topic.with_user(self.user_party).search([("can_review", "=", True)]))
        with self.assertRaises(UserError):
            topic.action_approve()
        topic.with_user(self.user_party).validate_tier()
        topic.invalidate_recordset()
        self.assertEqual(topic.validation_status, "validated")
        self.assertFalse(topic.activity_ids.filtered(lambda a: a.activity_type_id == approval))

        topic.action_approve()
        self.assertEqual(topic.state, "approved")
        topic.action_publish()
        self.assertEqual(topic.state, "published")
        today = self.env.company._consultation_today()
        self.assertEqual(topic.publish_date_start, today)
        self.assertEqual(topic.publish_date_end, today + timedelta(days=7))
        self.assertTrue(topic.in_publication_window)

        topic.action_start_research()
        self.env["consultation.research"].with_user(self.user_secretary).create(
            {"topic_id": topic.id, "name": "居民座谈会", "method": "symposium"}
        )
        topic.action_mark_ready()
        self.assertEqual(topic.state, "ready")

    def test_notice_length_follows_the_room(self):
        self.community_a1.publish_days = 10
        topic = self.bring_to(self.create_topic(), "published")
        self.assertEqual((topic.publish_date_end - topic.publish_date_start).days, 10)

    def test_wrong_state_is_refused_with_a_clear_message(self):
        topic = self.create_topic()
        topic.action_submit()
        with self.assertRaisesRegex(
            UserError, "is Submitted. Only a draft topic can be submitted."
        ):
            topic.action_submit()
        with self.assertRaisesRegex(UserError, "Only an approved topic can be published."):
            topic.action_publish()

    def test_screening_needs_a_ticked_rule(self):
        topic = self.create_topic()
        topic.action_submit()
        with self.assertRaisesRegex(UserError, "Tick the rule"):
            topic.action_screen()

    def test_topic_hit_by_a_rule_not_to_deliberate_can_only_be_rejected(self):
        topic = self.create_topic(proposer_id=self.member_zhang.partner_id.id)
        topic.action_submit()
        self.screen(topic, "screening_rule_exclude_individual")
        self.assertTrue(topic.excluded)
        with self.assertRaisesRegex(UserError, "can only be rejected"):
            topic.request_validation()
        with self.assertRaisesRegex(UserError, "can only be rejected"):
            topic.action_approve()
        with self.assertRaisesRegex(UserError, "reason"):
            topic.action_reject()
        self.env["consultation.topic.reject.wizard"].create(
            {"topic_id": topic.id, "reason": "属于邻里纠纷,建议人民调解"}
        ).action_reject()
        self.assertEqual(topic.state, "rejected")
        self.assertEqual(topic.rejection_reason, "属于邻里纠纷,建议人民调解")

    def test_screening_wizard_rejects_with_the_note_as_reason_and_tells_the_proposer(self):
        self.member_zhang.partner_id.email = "zhang@example.com"
        topic = self.create_topic(proposer_id=self.member_zhang.partner_id.id)
        topic.action_submit()
        wizard = self.env["consultation.topic.screening.wizard"].create(
            {
                "topic_id": topic.id,
                "exclude_rule_ids": [
                    (6, 0, self.env.ref("consultation.screening_rule_exclude_unfair").ids)
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "reject the topic instead"):
            wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_reject()
        wizard.note = "属于市级事权"
        wizard.action_reject()
        self.assertEqual(topic.state, "rejected")
        self.assertEqual(topic.rejection_reason, "属于市级事权")
        told = topic.message_ids.filtered(lambda m: self.member_zhang.partner_id in m.partner_ids)
        self.assertTrue(told, "the proposer is notified of the rejection")
        self.assertIn("属于市级事权", told[0].body)

    def test_approval_incomplete_blocks_confirmation_and_publication(self):
        topic = self.create_district_topic()
        topic.action_submit()
        self.screen(topic, "screening_rule_include_governance")
        topic.request_validation()
        topic.invalidate_recordset()
        topic.with_user(self.user_committee).validate_tier()
        with self.assertRaisesRegex(UserError, "not complete"):
            topic.action_approve()
        with self.assertRaisesRegex(UserError, "Only an approved topic can be published."):
            topic.action_publish()

    def test_reviewer_cannot_approve_out_of_turn(self):
        topic = self.create_district_topic()
        topic.action_submit()
        self.screen(topic, "screening_rule_include_governance")
        topic.request_validation()
        topic.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "not your turn"):
            topic.with_user(self.user_party).validate_tier()
        self.assertEqual(topic.validation_status, "pending")

    def test_a_refusal_sends_the_topic_back_to_its_secretary(self):
        topic = self.create_district_topic()
        topic.action_submit()
        self.screen(topic, "screening_rule_include_governance")
        topic.request_validation()
        topic.invalidate_recordset()
        topic.with_user(self.user_committee).validate_tier()
        topic.invalidate_recordset()
        # The chairman's meeting refuses, with a comment, through the stock wizard.
        action = topic.with_user(self.user_chairman).reject_tier()
        comment = (
            self.env[action["res_model"]]
            .with_user(self.user_chairman)
            .with_context(**action["context"])
            .create({"comment": "调研不足,请补充后再报"})
        )
        comment.add_comment()
        self.assertEqual(topic.state, "submitted")
        self.assertFalse(topic.review_ids)
        rework = topic.activity_ids.filtered(lambda a: a.user_id == self.user_manager)
        self.assertTrue(rework, "the topic's secretary gets a to-do to rework it")
        self.assertTrue(any("调研不足" in (m.body or "") for m in topic.message_ids))

    def test_notice_dates_cannot_be_inverted(self):
        topic = self.bring_to(self.create_topic(), "approved")
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            topic.write(
                {"publish_date_start": date(2026, 5, 10), "publish_date_end": date(2026, 5, 1)}
            )

    def test_no_deliberation_without_research(self):
        topic = self.bring_to(self.create_topic(), "researching")
        with self.assertRaisesRegex(UserError, "record at least one research"):
            topic.action_mark_ready()
        self.assertEqual(topic.state, "researching")

    def test_cancel_any_open_topic_and_reset_it(self):
        topic = self.bring_to(self.create_topic(), "published")
        topic.action_cancel()
        self.assertEqual(topic.state, "cancelled")
        topic.action_reset_draft()
        self.assertEqual(topic.state, "draft")

    def test_only_drafts_can_be_deleted(self):
        topic = self.bring_to(self.create_topic(), "submitted")
        with self.assertRaisesRegex(UserError, "Only draft or cancelled"):
            topic.unlink()

    def test_experts_of_the_topic_field_are_suggested_with_their_load(self):
        Expert = self.env["consultation.expert"]
        planning = self.env["consultation.expertise"].create({"name": "城市更新(测试)"})
        law = self.env["consultation.expertise"].create({"name": "物权法(测试)"})

        def expert(name, expertise, available=True):
            partner = self.env["res.partner"].create({"name": name})
            return Expert.create(
                {
                    "partner_id": partner.id,
                    "expertise_ids": [(6, 0, expertise.ids)],
                    "available": available,
                }
            )

        planner = expert("周规划", planning)
        busy = expert("吴工", planning, available=False)
        lawyer = expert("郑律师", law)
        topic = self.create_topic(category=planning.id)
        self.assertEqual(topic.suggested_expert_ids, planner)
        self.assertNotIn(busy, topic.suggested_expert_ids)
        self.assertNotIn(lawyer, topic.suggested_expert_ids)
        topic.action_add_suggested_experts()
        self.assertEqual(topic.expert_ids, planner)
        self.assertFalse(topic.suggested_expert_ids)
        self.create_topic(name="另一议题", category=planning.id, expert_ids=[(6, 0, planner.ids)])
        planner.invalidate_recordset()
        self.assertEqual(planner.topic_count_year, 2)

    def test_topics_outside_the_plan_are_temporary(self):
        plan = self.env["consultation.plan"].create({"room_id": self.community_a1.id})
        planned = self.create_topic(plan_id=plan.id, planned_quarter="2")
        extra = self.create_topic(name="突发议题")
        self.assertFalse(planned.is_temporary)
        self.assertTrue(extra.is_temporary)

    def test_the_year_follows_the_date_proposed(self):
        """The year filters, statistics and ledgers group a topic by the year it was
        proposed in, also when the date is corrected afterwards."""
        topic = self.create_topic("道路积水治理", date_proposed=date(2025, 12, 30))
        self.assertEqual(topic.year, 2025)
        topic.date_proposed = date(2026, 1, 2)
        self.assertEqual(topic.year, 2026)
        self.assertIn(topic, self.env["consultation.topic"].search([("year", "=", 2026)]))


@tagged("post_install", "-at_install")
class TestTopicCron(ConsultationCase):
    def test_cron_moves_only_topics_whose_notice_ended(self):
        ended = self.bring_to(self.create_topic(name="已结束公示"), "approved")
        ended.write(self.notice_window(-10, -1))
        ended.action_publish()
        running = self.bring_to(self.create_topic(name="公示中"), "published")
        ends_today = self.bring_to(self.create_topic(name="今天截止"), "approved")
        ends_today.write(self.notice_window(-6, 0))
        ends_today.action_publish()
        approved = self.bring_to(self.create_topic(name="未公示"), "approved")

        self.env["consultation.topic"]._cron_close_publication()
        self.assertEqual(ended.state, "researching")
        self.assertEqual(running.state, "published")
        self.assertEqual(ends_today.state, "published", "the last day still collects opinions")
        self.assertEqual(approved.state, "approved")


@tagged("post_install", "-at_install")
class TestDuplicates(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls.create_topic("朝阳社区老旧小区加装电梯")
        cls.create_topic("朝阳社区垃圾分类投放点设置")
        cls.create_topic("朝阳社区老旧小区加装电梯", room=cls.community_a2)

    def check_both_ways(self, topic, expected):
        Topic = self.env["consultation.topic"]
        self.assertEqual(topic._find_duplicates(), expected)
        # Same answer without pg_trgm (a PostgreSQL that lacks the extension).
        with patch.object(Topic.env.registry, "has_trigram", False):
            self.assertEqual(topic._find_duplicates(), expected)

    def test_similar_title_in_the_same_room_is_found(self):
        new = self.create_topic("老旧小区加装电梯问题")
        self.check_both_ways(new, self.old)
        wizard = self.env["consultation.topic.screening.wizard"].create({"topic_id": new.id})
        self.assertEqual(wizard.duplicate_ids, self.old)

    def test_unrelated_or_old_topics_are_not_duplicates(self):
        new = self.create_topic("社区食堂助老服务")
        self.check_both_ways(new, self.env["consultation.topic"])
        self.old.date_proposed = self.env.company._consultation_today() - timedelta(days=800)
        again = self.create_topic("老旧小区加装电梯问题")
        self.check_both_ways(again, self.env["consultation.topic"])


@tagged("post_install", "-at_install")
class TestTopicAccess(ConsultationCase):
    def test_member_proposes_a_topic_in_their_room_and_submits_it(self):
        Topic = self.env["consultation.topic"].with_user(self.user_member)
        topic = Topic.create({"name": "小区充电桩不足", "room_id": self.community_a1.id})
        topic.write({"description": "<p>电动车充电难</p>"})
        topic.action_submit()
        self.assertEqual(topic.state, "submitted")
        # Submitted, it is the secretary's: the member can no longer change it.
        with self.assertRaises(AccessError):
            topic.write({"name": "改题"})
        with self.assertRaises(AccessError):
            Topic.create({"name": "别的社区的事", "room_id": self.community_b1.id})

    def test_status_moves_only_through_the_actions(self):
        topic = (
            self.env["consultation.topic"]
            .with_user(self.user_member)
            .create({"name": "跳过审批", "room_id": self.community_a1.id})
        )
        with self.assertRaisesRegex(AccessError, "action buttons"):
            topic.write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "action buttons"):
            topic.with_user(self.user_manager).write({"state": "published"})
        self.assertEqual(topic.state, "draft")

    def test_secretary_of_another_street_cannot_act_on_the_topic(self):
        topic = self.create_topic()
        other = self.env["res.users"].create(
            {
                "name": "新华街道秘书",
                "login": "cs_secretary_b",
                "groups_id": [(6, 0, self.user_secretary.groups_id.ids)],
            }
        )
        self.street_b.secretary_ids = other
        with self.assertRaises(AccessError):
            topic.with_user(other).action_submit()
        self.assertEqual(topic.state, "draft")
