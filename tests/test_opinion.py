from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestOpinion(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.topic = cls.create_topic()
        cls.Opinion = cls.env["consultation.opinion"].with_user(cls.user_secretary)

    def setUp(self):
        super().setUp()
        self.bring_to(self.topic, "published")

    def opinion(self, content="建议由物业牵头统计意愿", **values):
        return self.Opinion.create({"topic_id": self.topic.id, "content": content, **values})

    def test_moderation_accept_merge_reject_keeps_everything_on_record(self):
        first = self.opinion(author_name="王阿姨", channel="visit")
        repeat = self.opinion("同意物业牵头", channel="written")
        off_topic = self.opinion("小区门口乱停车", channel="online")
        first.action_accept()
        self.assertEqual(first.moderated_by_id, self.user_secretary)

        with self.assertRaisesRegex(UserError, "Choose the accepted opinion"):
            repeat.action_merge()
        repeat.merged_into_id = first
        repeat.action_merge()
        self.assertEqual(first.merged_ids, repeat)

        with self.assertRaisesRegex(UserError, "Write why"):
            off_topic.action_reject()
        off_topic.rejection_reason = "与本议题无关,已转交城管"
        off_topic.action_reject()

        with self.assertRaisesRegex(UserError, "already been moderated"):
            first.action_reject()
        with self.assertRaisesRegex(UserError, "stay on record"):
            (repeat | off_topic).unlink()
        self.assertEqual(self.topic.opinion_count, 3)
        self.assertEqual(self.topic.opinion_new_count, 0)

        first.response = "已采纳,将在协商会上讨论"
        with self.assertRaisesRegex(UserError, "merged into this one"):
            first.action_reset()

    def test_opinions_only_on_announced_topics(self):
        draft = self.create_topic(name="未公示议题")
        with self.assertRaisesRegex(ValidationError, "has not been announced"):
            self.Opinion.create({"topic_id": draft.id, "content": "提前提意见"})

    def test_online_opinions_only_during_the_notice(self):
        self.opinion(channel="online")
        self.topic.write(self.notice_window(-9, -2))
        with self.assertRaisesRegex(ValidationError, "notice of .* is closed"):
            self.opinion(channel="online")
        # Written opinions and visits are still recorded by staff.
        self.opinion(channel="written")

    def test_merging_across_topics_is_refused(self):
        other = self.bring_to(self.create_topic(name="另一议题"), "published")
        target = self.Opinion.create({"topic_id": other.id, "content": "别处的意见"})
        target.action_accept()
        with self.assertRaisesRegex(ValidationError, "same topic"):
            self.opinion(merged_into_id=target.id)

    def test_member_of_another_room_cannot_read_the_opinions(self):
        self.opinion()
        outsider = self.create_member("外社区委员", user=self.user_viewer)
        self.env["consultation.room.membership"].create(
            {"room_id": self.community_b1.id, "member_id": outsider.id}
        )
        with self.assertRaises(AccessError):
            self.topic.with_user(self.user_viewer).read(["name"])
        self.assertFalse(self.env["consultation.opinion"].with_user(self.user_viewer).search([]))
        # A member of the topic's own room reads them, and gives their own.
        mine = self.env["consultation.opinion"].with_user(self.user_member)
        self.assertEqual(len(mine.search([("topic_id", "=", self.topic.id)])), 1)
        given = mine.create(
            {"topic_id": self.topic.id, "content": "支持加装", "channel": "written"}
        )
        with self.assertRaises(AccessError):
            given.action_accept()
