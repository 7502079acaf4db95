from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestPlan(ConsultationCase):
    def test_party_organisation_approves_the_annual_plan(self):
        plan = (
            self.env["consultation.plan"]
            .with_user(self.user_secretary)
            .create({"room_id": self.community_a1.id, "year": 2027})
        )
        self.assertEqual(plan.name, "2027 Consultation Plan of 朝阳社区")
        with self.assertRaisesRegex(UserError, "Add the topics"):
            plan.request_validation()
        self.create_topic(plan_id=plan.id, planned_quarter="1")
        self.create_topic(name="社区食堂", plan_id=plan.id, planned_quarter="3")
        with self.assertRaisesRegex(UserError, "not been approved by the party organisation"):
            plan.action_approve()
        plan.request_validation()
        plan.invalidate_recordset()
        # The party reviewer finds the plan among their activities, as a plan to approve.
        todo = plan.activity_ids.filtered(lambda a: a.user_id == self.user_party)
        self.assertEqual(
            todo.activity_type_id, self.env.ref("consultation.mail_activity_type_approval_plan")
        )
        self.assertEqual(todo.activity_type_id.res_model, "consultation.plan")
        with self.assertRaises(UserError):
            plan.with_user(self.user_committee).validate_tier()
        plan.with_user(self.user_party).validate_tier()
        plan.invalidate_recordset()
        plan.action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertTrue(plan.approved_date)
        self.assertEqual(plan.topic_count, 2)

    def test_plan_pdf_lists_its_topics_by_quarter(self):
        plan = self.env["consultation.plan"].create({"room_id": self.community_a1.id, "year": 2027})
        self.create_topic("加装电梯", plan_id=plan.id, planned_quarter="2")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_plan", plan.ids)[0]
            .decode()
        )
        self.assertIn("加装电梯", html)
        # The quarter as the organisation's language writes it (第二季度 in Chinese).
        env = self.env(context={"lang": self.env.company._consultation_lang()})
        topics = env["consultation.topic"]
        self.assertIn(
            dict(topics._fields["planned_quarter"]._description_selection(env))["2"], html
        )
        for heading in ("序号", "议题", "牵头单位", "协商形式", "计划时间"):
            self.assertIn(heading, html)
        self.assertIn("（送审稿）", html)

    def test_topic_notice_pdf(self):
        topic = self.bring_to(self.create_topic("社区停车难"), "published")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_topic_notice", topic.ids)[0]
            .decode()
        )
        self.assertIn("社区停车难", html)
        self.assertIn(topic.code, html)
        # The notice window, as the organisation writes it (2026年12月4日至12月11日).
        org = self.env.company.with_context(lang=self.env.company._consultation_lang())
        window = org._consultation_dates().range(topic.publish_date_start, topic.publish_date_end)
        self.assertIn(window, html)
