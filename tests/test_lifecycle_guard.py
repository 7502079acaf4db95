from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestLifecycleGuard(ConsultationCase):
    """A record is created in its first state and copied as a draft: only its action
    buttons move it on, whether the client is the form, RPC, a CSV import or a copy."""

    def test_a_topic_created_with_a_later_state_is_refused(self):
        Topic = self.env["consultation.topic"].with_user(self.user_secretary)
        room = self.community_a1.id
        for state in ("approved", "published"):
            with self.assertRaisesRegex(AccessError, "starts as"):
                Topic.create({"name": "跳过审查的议题", "room_id": room, "state": state})
        with self.assertRaises(AccessError):
            Topic.create({"name": "自报已知悉", "room_id": room, "sensitive_state": "acknowledged"})
        with self.assertRaises(AccessError):
            Topic.create(
                {
                    "name": "自填知悉人",
                    "room_id": room,
                    "sensitive_acknowledged_by_id": self.user_party.id,
                }
            )
        self.assertFalse(Topic.search([("name", "in", ("跳过审查的议题", "自报已知悉"))]))
        # Its first state may be named; a default sent in the context is no value.
        named = Topic.create({"name": "草稿议题", "room_id": room, "state": "draft"})
        self.assertEqual(named.state, "draft")
        kanban = Topic.with_context(default_state="approved").create(
            {"name": "看板列中新建", "room_id": room}
        )
        self.assertEqual(kanban.state, "draft")

    def test_every_life_cycle_starts_in_its_first_state(self):
        sec = self.user_secretary
        topic = self.bring_to(self.create_topic(), "ready")
        cases = [
            ("consultation.plan", sec, {"room_id": self.community_a1.id, "year": 2031}, "approved"),
            (
                "consultation.meeting",
                sec,
                {
                    "name": "已开过的会",
                    "room_id": self.community_a1.id,
                    "start": datetime(2030, 5, 1, 2, 0),
                    "stop": datetime(2030, 5, 1, 4, 0),
                },
                "held",
            ),
            (
                "consultation.opinion",
                sec,
                {"topic_id": topic.id, "content": "自己采纳的意见"},
                "accepted",
            ),
            (
                "consultation.case",
                sec,
                {"name": "自发布案例", "room_id": self.community_a1.id},
                "published",
            ),
            ("consultation.assessment", self.user_manager, {"year": 2030}, "confirmed"),
        ]
        for model, user, vals, state in cases:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(user).create({**vals, "state": state})
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        with self.assertRaises(AccessError):
            self.env["consultation.meeting.attendance"].with_user(sec).create(
                {
                    "meeting_id": meeting.id,
                    "partner_id": self.user_viewer.partner_id.id,
                    "state": "attended",
                }
            )
        with self.assertRaises(AccessError):
            self.env["consultation.opinion"].with_user(sec).create(
                {"topic_id": topic.id, "content": "自填审核人", "moderated_by_id": sec.id}
            )

    def test_a_liaison_meeting_and_reminder_are_set_by_the_addon(self):
        held = self.create_meeting(self.bring_to(self.create_topic(), "ready"))
        Liaison = self.env["consultation.liaison"].with_user(self.user_secretary)
        vals = {"user_id": self.user_member.id, "room_id": self.community_a1.id, "year": 2030}
        for forged in ({"meeting_id": held.id}, {"date_reminded": date(2030, 10, 1)}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Liaison.create({**vals, **forged})
        liaison = Liaison.create(vals)
        with self.assertRaises(AccessError):
            liaison.write({"meeting_id": held.id})
        with self.assertRaises(AccessError):
            liaison.write({"date_reminded": date(2030, 10, 1)})

    def test_a_csv_import_creates_drafts_only(self):
        Import = self.env["base_import.import"].with_user(self.user_secretary)
        room = self.community_a1.id

        def load(rows):
            wizard = Import.create(
                {
                    "res_model": "consultation.topic",
                    "file": "name,room_id/.id,state\n" + "".join(rows),
                    "file_type": "text/csv",
                }
            )
            return wizard.execute_import(
                ["name", "room_id/.id", "state"],
                [],
                {"quoting": '"', "separator": ",", "has_headers": True},
            )

        result = load([f"导入已批准议题,{room},approved\n", f"导入已公示议题,{room},published\n"])
        self.assertTrue(result["messages"])
        self.assertEqual(result["messages"][0]["type"], "error")
        Topic = self.env["consultation.topic"]
        self.assertFalse(Topic.search([("name", "in", ("导入已批准议题", "导入已公示议题"))]))
        result = load([f"导入草稿议题,{room},draft\n"])
        self.assertFalse(result["messages"])
        self.assertEqual(Topic.search([("name", "=", "导入草稿议题")]).state, "draft")

    def test_a_copy_of_an_approved_topic_is_a_draft_without_history(self):
        topic = self.bring_to(self.create_topic(), "approved")
        self.assertTrue(topic.review_ids)
        copy = topic.with_user(self.user_secretary).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.review_ids)
        self.assertFalse(copy.screening_rule_ids or copy.screened_by_id or copy.screened_date)
        self.assertNotEqual(copy.code, topic.code)
        self.assertEqual(copy.validation_status, "no")
        with self.assertRaises(AccessError):
            topic.with_user(self.user_secretary).copy({"state": "approved"})

    def test_a_copy_of_a_topic_of_an_approved_plan_is_a_temporary_draft(self):
        plan = (
            self.env["consultation.plan"]
            .with_user(self.user_secretary)
            .create({"room_id": self.community_a1.id, "year": 2031})
        )
        topic = self.create_topic("计划内议题", plan_id=plan.id, planned_quarter="2")
        plan.request_validation()
        plan.invalidate_recordset()
        plan.with_user(self.user_party).validate_tier()
        plan.invalidate_recordset()
        plan.action_approve()
        self.bring_to(topic, "approved")
        copy = topic.with_user(self.user_secretary).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.plan_id)
        self.assertTrue(copy.is_temporary)

    def test_the_addon_itself_still_creates_later_states(self):
        # As superuser (demo data, internal doors) a state may be given.
        topic = self.env["consultation.topic"].create(
            {"name": "历史议题", "room_id": self.community_a1.id, "state": "done"}
        )
        self.assertEqual(topic.state, "done")
