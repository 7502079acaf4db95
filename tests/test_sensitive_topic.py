from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestSensitiveTopic(ConsultationCase):
    def screen_sensitive(self, name="涉及拆迁补偿的议题"):
        topic = self.create_topic(name)
        topic.action_submit()
        wizard = Form(
            self.env["consultation.topic.screening.wizard"]
            .with_user(self.user_secretary)
            .with_context(default_topic_id=topic.id)
        )
        wizard.include_rule_ids.add(self.env.ref("consultation.screening_rule_include_governance"))
        wizard.sensitive = True
        wizard.save().action_confirm()
        return topic

    def test_sensitive_topic_is_reported_and_waits_for_acknowledgement(self):
        topic = self.screen_sensitive()
        self.assertTrue(topic.sensitive)
        self.assertEqual(topic.sensitive_state, "reported")
        todo = topic.activity_ids.filtered(lambda a: a.user_id == self.user_party)
        self.assertTrue(todo, "the party organisation of the level gets a to-do")
        self.assertTrue(any("sensitive" in (m.body or "") for m in topic.message_ids))
        self.approve_all_tiers(topic)
        topic.action_approve()
        with self.assertRaisesRegex(UserError, "sensitive topic"):
            topic.action_publish()
        self.assertEqual(topic.state, "approved")
        # Neither unticking "sensitive" nor writing the acknowledgement by hand (RPC)
        # gets round the party organisation.
        topic.with_user(self.user_secretary).sensitive = False
        with self.assertRaisesRegex(UserError, "sensitive topic"):
            topic.action_publish()
        with self.assertRaises(AccessError):
            topic.with_user(self.user_secretary).write({"sensitive_state": "acknowledged"})
        # The secretary cannot acknowledge for the party organisation.
        with self.assertRaisesRegex(UserError, "Only the party organisation"):
            topic.with_user(self.user_secretary).action_acknowledge_sensitive()
        topic.with_user(self.user_party).action_acknowledge_sensitive()
        self.assertEqual(topic.sensitive_state, "acknowledged")
        self.assertEqual(topic.sensitive_acknowledged_by_id, self.user_party)
        self.assertFalse(topic.activity_ids.filtered(lambda a: a.user_id == self.user_party))
        topic.action_publish()
        self.assertEqual(topic.state, "published")

    def test_acknowledged_while_the_review_runs(self):
        topic = self.screen_sensitive("征地议题")
        topic.request_validation()
        topic.invalidate_recordset()
        topic.with_user(self.user_party).action_acknowledge_sensitive()
        self.assertEqual(topic.sensitive_state, "acknowledged")
        with self.assertRaisesRegex(UserError, "no sensitive-topic report"):
            topic.with_user(self.user_party).action_acknowledge_sensitive()

    def test_ordinary_topics_are_not_reported(self):
        topic = self.bring_to(self.create_topic("普通议题"), "published")
        self.assertFalse(topic.sensitive_state)

    def test_a_room_without_party_reviewers_cannot_report(self):
        self.district.party_reviewer_ids = False
        with self.assertRaisesRegex(UserError, "朝阳社区"):
            self.screen_sensitive("无人接收的敏感议题")
