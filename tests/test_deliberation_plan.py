import importlib.util

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestDeliberationPlan(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stakeholder = cls.env["res.partner"].create({"name": "三号楼业主代表"})

    def researched_topic(self, name="老旧小区加装电梯"):
        topic = self.bring_to(self.create_topic(name), "researching")
        topic.stakeholder_ids = self.stakeholder
        self.env["consultation.research"].create(
            {
                "topic_id": topic.id,
                "name": "入户走访",
                "method": "visit",
                "findings": "<p>支持率约七成，顾虑集中在费用分摊。</p>",
            }
        )
        return topic

    def open_plan(self, topic, user=None):
        topic = topic.with_user(user or self.user_secretary)
        action = topic.action_open_deliberation_plan()
        return topic.env["consultation.deliberation.plan"].browse(action["res_id"])

    def test_the_plan_is_drafted_from_the_topic_and_its_research(self):
        topic = self.researched_topic()
        plan = self.open_plan(topic)
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.topic_id, topic)
        self.assertIn("费用分摊", plan.research_summary)
        self.assertIn("入户走访", plan.research_summary)
        # Whom a meeting of the room would invite: its fixed member, the stakeholders.
        self.assertIn(self.member_li.partner_id, plan.participant_ids)
        self.assertIn(self.stakeholder, plan.participant_ids)
        self.assertTrue(plan.agenda)
        # Opened again, it is the same plan.
        self.assertEqual(self.open_plan(topic), plan)
        self.assertEqual(topic.deliberation_plan_id, plan)
        # Research recorded later is drawn in on request.
        self.env["consultation.research"].create(
            {"topic_id": topic.id, "name": "问卷调查", "method": "survey"}
        )
        plan.action_fill_from_topic()
        self.assertIn("问卷调查", plan.research_summary)
        plan.action_confirm()
        self.assertEqual(plan.state, "confirmed")
        self.assertEqual(plan.confirmed_by_id, self.user_secretary)
        with self.assertRaises(UserError):
            plan.action_fill_from_topic()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_deliberation_plan", plan.ids)[0]
            .decode()
        )
        self.assertIn(topic.name, html)
        self.assertIn("费用分摊", html)
        self.assertIn(self.stakeholder.name, html)

    def test_a_plan_is_drafted_once_the_topic_is_researched(self):
        topic = self.create_topic("楼道堆物")
        with self.assertRaises(UserError):
            topic.action_open_deliberation_plan()
        with self.assertRaises(UserError):
            self.env["consultation.deliberation.plan"].with_user(self.user_secretary).create(
                {"name": "过早的方案", "topic_id": topic.id}
            )
        self.assertFalse(topic.deliberation_plan_ids)

    def test_a_plan_is_confirmed_complete(self):
        plan = self.open_plan(self.researched_topic())
        plan.agenda = False
        with self.assertRaisesRegex(UserError, "agenda"):
            plan.action_confirm()
        self.assertEqual(plan.state, "draft")

    def test_no_agenda_without_a_confirmed_plan(self):
        topic = self.researched_topic()
        topic.action_mark_ready()
        meeting = self.create_meeting(topic)
        with self.assertRaisesRegex(UserError, "No deliberation without a plan"):
            meeting.action_schedule()
        plan = self.open_plan(topic)
        with self.assertRaisesRegex(UserError, "No deliberation without a plan"):
            meeting.action_schedule()
        plan.action_confirm()
        meeting.action_schedule()
        self.assertEqual(meeting.state, "scheduled")
        # Deliberated: the plan is part of the record. (The stakeholder, invited by the
        # plan, is confirmed by the party organisation with the participant list first.)
        meeting.with_user(self.user_party).action_confirm_participants()
        meeting.action_hold()
        with self.assertRaises(UserError):
            plan.action_reset_draft()

    def test_the_refusal_is_in_chinese(self):
        zh = self.load_chinese()
        topic = self.researched_topic()
        topic.action_mark_ready()
        meeting = self.create_meeting(topic)
        with self.assertRaisesRegex(UserError, "议事方案"):
            meeting.with_env(zh).with_user(self.user_secretary).action_schedule()

    def test_the_plan_prepares_the_meeting(self):
        topic = self.researched_topic()
        topic.action_mark_ready()
        plan = self.open_plan(topic)
        plan.write({"location": "朝阳社区议事厅", "form": "written"})
        with self.assertRaises(UserError):
            plan.action_create_meeting()
        plan.action_confirm()
        context = plan.action_create_meeting()["context"]
        self.assertEqual(context["default_topic_ids"], topic.ids)
        self.assertEqual(context["default_form"], "written")
        self.assertEqual(context["default_location"], "朝阳社区议事厅")
        self.assertIn(self.stakeholder.id, context["default_partner_ids"])

    def test_topics_ready_or_on_an_agenda_at_the_upgrade_are_exempt(self):
        ready = self.researched_topic("已待协商的议题")
        ready.action_mark_ready()
        researching = self.researched_topic("仍在调研的议题")
        path = get_module_path("consultation") + (
            "/migrations/18.0.1.2.0/post-deliberation_plan_exempt.py"
        )
        spec = importlib.util.spec_from_file_location("deliberation_plan_exempt", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertTrue(ready.deliberation_plan_exempt)
        self.assertFalse(researching.deliberation_plan_exempt)
        meeting = self.create_meeting(ready)
        meeting.action_schedule()
        self.assertEqual(meeting.state, "scheduled")

    def test_plans_follow_room_rights(self):
        plan = self.open_plan(self.researched_topic())
        # A member of the room reads the plan, and changes nothing.
        self.assertEqual(plan.with_user(self.user_member).name, plan.name)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_member).write({"location": "别处"})
        # The secretary of another street neither sees nor drafts it.
        other = new_test_user(
            self.env,
            login="cs_secretary_b",
            groups="base.group_user,consultation.group_consultation_secretary",
            name="新华街道秘书",
            lang="en_US",
        )
        self.street_b.secretary_ids = other
        with self.assertRaises(AccessError):
            plan.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            self.env["consultation.deliberation.plan"].with_user(other).create(
                {"name": "越权方案", "topic_id": self.researched_topic("另一个议题").id}
            )
        self.assertFalse(
            self.env["consultation.deliberation.plan"]
            .with_user(other)
            .search([("id", "=", plan.id)])
        )

    def test_demo_topics_on_an_agenda_have_their_confirmed_plan(self):
        agenda = self.env["consultation.meeting"].search([]).topic_ids
        demo = agenda.filtered(lambda t: t.get_external_id()[t.id].startswith("consultation."))
        if not demo:
            self.skipTest("no demo data")
        for topic in demo:
            with self.subTest(topic=topic.name):
                self.assertTrue(
                    topic.deliberation_plan_exempt or topic.deliberation_plan_state == "confirmed"
                )
