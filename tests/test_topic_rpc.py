from datetime import timedelta
from xmlrpc.client import Fault

from odoo import fields
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
        # A community's temporary topic: its party organisation alone approves it.
        self.assertEqual(len(review_ids), 1)
        with self.assertRaisesRegex(Fault, "not your turn"):
            self.topic_call(self.user_committee, "validate_tier", topic_id)
        self.assertTrue(self.topic_call(self.user_party, "validate_tier", topic_id))
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

    def test_no_shortcut_to_an_approved_topic_over_rpc(self):
        sec = self.user_secretary
        vals = {"name": "直接批准的议题", "room_id": self.community_a1.id}
        with self.assertRaisesRegex(Fault, "starts as"):
            self.call(sec, "consultation.topic", "create", {**vals, "state": "approved"})
        topic_id = self.call(sec, "consultation.topic", "create", vals)
        self.assertTrue(self.topic_call(sec, "action_submit", topic_id))
        include = self.env.ref("consultation.screening_rule_include_livelihood")
        self.topic_call(sec, "write", topic_id, {"screening_rule_ids": [(6, 0, include.ids)]})
        self.assertTrue(self.topic_call(sec, "action_screen", topic_id))
        [review_id] = self.topic_call(sec, "request_validation", topic_id)
        # Neither a forged review nor the pending one turned approved by the secretary.
        with self.assertRaisesRegex(Fault, "only through its approval"):
            self.call(
                sec,
                "tier.review",
                "create",
                {"model": "consultation.topic", "res_id": topic_id, "status": "approved"},
            )
        with self.assertRaisesRegex(Fault, "only through its approval"):
            self.call(sec, "tier.review", "write", [review_id], {"status": "approved"})
        with self.assertRaisesRegex(Fault, "not complete"):
            self.topic_call(sec, "action_approve", topic_id)


@tagged("post_install", "-at_install")
class TestMeetingOverRpc(HttpCase, ConsultationCase):
    """The meeting's acceptance, as an external client sees it."""

    call = TestTopicOverRpc.call

    def test_meeting_event_moves_and_closed_minutes_over_rpc(self):
        sec, manager = self.user_secretary, self.user_manager
        topic = self.bring_to(self.create_topic("楼道堆物清理"), "ready")
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=3)
        meeting_id = self.call(
            sec,
            "consultation.meeting",
            "create",
            {
                "name": "楼道堆物清理协商会",
                "room_id": self.community_a1.id,
                "topic_ids": [(6, 0, topic.ids)],
                "start": fields.Datetime.to_string(start),
                "stop": fields.Datetime.to_string(start + timedelta(hours=2)),
            },
        )
        [meeting] = self.call(
            sec, "consultation.meeting", "read", [meeting_id], ["calendar_event_id", "partner_ids"]
        )
        event_ids = self.call(
            sec,
            "calendar.event",
            "search",
            [("res_model", "=", "consultation.meeting"), ("res_id", "=", meeting_id)],
        )
        self.assertEqual(event_ids, [meeting["calendar_event_id"][0]])
        [event] = self.call(sec, "calendar.event", "read", event_ids, ["partner_ids"])
        self.assertEqual(sorted(event["partner_ids"]), sorted(meeting["partner_ids"]))
        self.assertIn(self.member_li.partner_id.id, event["partner_ids"])

        moved = start - timedelta(hours=1)
        self.call(
            sec,
            "calendar.event",
            "write",
            event_ids,
            {
                "start": fields.Datetime.to_string(moved),
                "stop": fields.Datetime.to_string(moved + timedelta(hours=2)),
            },
        )
        [meeting] = self.call(sec, "consultation.meeting", "read", [meeting_id], ["start"])
        self.assertEqual(meeting["start"], fields.Datetime.to_string(moved))

        for method in ("action_schedule", "action_hold"):
            self.assertTrue(self.call(sec, "consultation.meeting", method, [meeting_id]))
        self.call(
            sec,
            "consultation.meeting",
            "write",
            [meeting_id],
            {"consensus": "<p>每月第一个周六集中清理楼道堆物</p>"},
        )
        self.assertTrue(
            self.call(sec, "consultation.meeting", "action_submit_minutes", [meeting_id])
        )
        self.assertTrue(self.call(sec, "consultation.meeting", "validate_tier", [meeting_id]))
        self.assertTrue(self.call(manager, "consultation.meeting", "validate_tier", [meeting_id]))
        # Closing renders the PDF with wkhtmltopdf, which fetches its style sheets from
        # this same test server: inside an RPC request it would wait on the test
        # cursor that request holds. Closed here, read back over RPC below.
        self.env["consultation.meeting"].browse(meeting_id).with_user(sec).action_close()

        [revision] = self.call(
            sec,
            "consultation.minutes.revision",
            "search_read",
            [("meeting_id", "=", meeting_id)],
            ["version", "attachment_id", "pdf_sha256"],
        )
        self.assertEqual(revision["version"], 1)
        [attachment] = self.call(
            sec, "ir.attachment", "read", [revision["attachment_id"][0]], ["mimetype"]
        )
        self.assertEqual(attachment["mimetype"], "application/pdf")
        with self.assertRaisesRegex(Fault, "never change"):
            self.call(
                manager,
                "consultation.minutes.revision",
                "write",
                [revision["id"]],
                {"body": "<p>篡改</p>"},
            )
        with self.assertRaisesRegex(Fault, "under review or closed"):
            self.call(sec, "consultation.meeting", "write", [meeting_id], {"minutes": "<p>改</p>"})
