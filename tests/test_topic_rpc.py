from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestTopicOverRpc(HttpCase, ConsultationCase):
    """External clients drive the whole topic life cycle over XML-RPC."""

    def call(self, user, model, method, *args, **kwargs):
        # An RPC client chooses the language of the messages it gets back.
        kwargs.setdefault("context", {"lang": "en_US"})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def topic_call(self, user, method, topic_id, *args):
        return self.call(user, "consultation.topic", method, [topic_id], *args)

    def test_draft_to_ready_over_rpc_and_refusals_raise(self):
        sec = self.user_secretary
        topic_id = self.call(
            sec,
            "consultation.topic",
            "create",
            {"name": "背街小巷路灯不亮", "room_id": self.community_a1.id, "source": "public"},
        )
        self.assertTrue(self.topic_call(sec, "action_submit", topic_id))
        include = self.env.ref("consultation.screening_rule_include_livelihood")
        self.topic_call(sec, "write", topic_id, {"screening_rule_ids": [(6, 0, include.ids)]})
        self.assertTrue(self.topic_call(sec, "action_screen", topic_id))
        with self.assertRaisesRegex(Fault, "not complete"):
            self.topic_call(sec, "action_approve", topic_id)
        review_ids = self.topic_call(sec, "request_validation", topic_id)
        self.assertEqual(len(review_ids), 3)
        with self.assertRaisesRegex(Fault, "not your turn"):
            self.topic_call(self.user_party, "validate_tier", topic_id)
        for reviewer in (self.user_committee, self.user_chairman, self.user_party):
            self.assertTrue(self.topic_call(reviewer, "validate_tier", topic_id))
        self.assertTrue(self.topic_call(sec, "action_approve", topic_id))
        self.assertTrue(self.topic_call(sec, "action_publish", topic_id))
        self.assertTrue(self.topic_call(sec, "action_start_research", topic_id))
        with self.assertRaisesRegex(Fault, "research"):
            self.topic_call(sec, "action_mark_ready", topic_id)
        self.call(
            sec,
            "consultation.research",
            "create",
            {"topic_id": topic_id, "name": "夜间实地查看", "method": "field"},
        )
        self.assertTrue(self.topic_call(sec, "action_mark_ready", topic_id))
        [topic] = self.call(sec, "consultation.topic", "read", [topic_id], ["state"])
        self.assertEqual(topic["state"], "ready")
