from odoo import Command
from odoo.tests import tagged

from .test_results_feedback import FeedbackCase


@tagged("post_install", "-at_install")
class TestEveryoneIsTold(FeedbackCase):
    """提前向参加协商议事的主体通报协商内容; 向协商主体、利益相关方和群众反馈落实情况."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guest = cls.create_member("业主代表陈", email="chen@example.com").partner_id

    def ready_topic(self, name):
        topic = self.create_topic(name, description="<p>六栋老楼无电梯，老人上下楼困难。</p>")
        self.bring_to(topic, "researching")
        self.env["consultation.research"].create(
            {
                "topic_id": topic.id,
                "name": "入户走访",
                "method": "visit",
                "findings": "<p>七成住户同意出资，一楼住户担心采光。</p>",
            }
        )
        topic.action_mark_ready()
        self.add_deliberation_plan(topic)
        return topic

    def test_invitees_get_the_content_before_the_meeting(self):
        zh = self.load_chinese()
        self.env.company.partner_id.lang = "zh_CN"
        topic = self.ready_topic("加装电梯")
        meeting = self.create_meeting(topic, hours_from_now=48)
        meeting.partner_ids = [Command.link(self.guest.id)]
        meeting.with_env(zh).with_user(self.user_secretary).action_schedule()
        agenda = meeting.message_ids.filtered(lambda m: self.guest in m.partner_ids)
        self.assertEqual(len(agenda), 1)
        for text in ("老人上下楼困难", "七成住户同意出资", "议程", meeting.location):
            self.assertIn(text, agenda.body)
        # The guest gets a mail; the member with an account is notified as they chose
        # (by mail or in the inbox).
        self.assertIn(self.member_li.partner_id, agenda.partner_ids)
        notified = self.env["mail.notification"].search([("mail_message_id", "=", agenda.id)])
        by_mail = notified.filtered(lambda n: n.notification_type == "email")
        self.assertIn(self.guest, by_mail.res_partner_id)
        self.assertIn(self.member_li.partner_id, notified.res_partner_id)

    def test_a_written_consultation_sends_its_own_content_once(self):
        topic = self.ready_topic("书面议题")
        meeting = self.create_meeting(topic, hours_from_now=48, form="written")
        meeting.action_schedule()
        sent = meeting.message_ids.filtered(lambda m: self.member_li.partner_id in m.partner_ids)
        self.assertEqual(len(sent), 1)
        self.assertIn("written opinion", sent.body)

    def test_attendees_and_stakeholders_get_the_results(self):
        zh = self.load_chinese()
        self.env.company.partner_id.lang = "zh_CN"
        stakeholder = self.env["res.partner"].create(
            {"name": "三号楼业主", "email": "yezhu@example.com"}
        )
        absent = self.create_member("缺席代表", email="absent@example.com").partner_id
        topic = self.ready_topic("加装电梯")
        meeting = self.create_meeting(
            topic, partner_ids=[Command.set((self.member_li.partner_id | absent).ids)]
        )
        meeting.action_schedule()
        meeting.attendance_ids.filtered(
            lambda a: a.partner_id == self.member_li.partner_id
        ).action_mark_attended()
        meeting.action_hold()
        topic.stakeholder_ids = stakeholder
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.action_accept()
        self.report(outcome, 100, "已完工")
        outcome.write({"public_feedback": "两部电梯已投入使用"})
        outcome.with_env(zh).action_done()
        self.assertEqual(topic.state, "done")
        told = topic.message_ids.filtered(lambda m: stakeholder in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn("两部电梯已投入使用", told.body)
        self.assertIn("感谢", told.body)
        # The attendee with an account finds it in the inbox; the absent is not told.
        self.assertIn(self.member_li.partner_id, told.partner_ids)
        self.assertNotIn(absent, told.partner_ids)
        self.assertTrue(
            self.env["mail.notification"].search(
                [
                    ("mail_message_id", "=", told.id),
                    ("res_partner_id", "=", self.member_li.partner_id.id),
                ]
            )
        )
