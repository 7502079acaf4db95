from datetime import timedelta

from odoo.tests import tagged

from .common import ConsultationCase

NINE_LINKS = [
    "议题提出",
    "议题审查",
    "议题确定",
    "信息发布",
    "意见收集",
    "意见整理",
    "协商讨论",
    "达成共识",
    "结果落实",
]


@tagged("post_install", "-at_install")
class TestTopicLink(ConsultationCase):
    def test_a_topic_goes_through_the_nine_links(self):
        topic = self.create_topic("加装电梯")
        self.assertEqual(topic.link, "proposal")
        self.bring_to(topic, "screened")
        self.assertEqual(topic.link, "review")
        self.approve_all_tiers(topic)
        topic.action_approve()
        self.assertEqual(topic.link, "confirmation")
        topic.action_publish()
        self.assertEqual(topic.link, "publication")
        # The first opinion on the notice: opinions are being collected.
        self.env["consultation.opinion"].create(
            {"topic_id": topic.id, "channel": "online", "content": "建议公开费用分摊方案"}
        )
        self.assertEqual(topic.link, "collection")
        topic.action_start_research()
        self.assertEqual(topic.link, "sorting")
        self.bring_to_ready(topic)
        self.assertEqual(topic.link, "sorting")
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        meeting.action_hold()
        self.assertEqual(topic.link, "discussion")
        outcome = self.env["consultation.outcome"].create(
            {
                "name": "分两期加装电梯",
                "meeting_id": meeting.id,
                "topic_id": topic.id,
                "outcome_type": "livelihood_project",
                "department_id": self.env["res.partner"].create({"name": "住建局"}).id,
                "user_id": self.user_secretary.id,
                "date_deadline": self.env.company._consultation_today() + timedelta(days=30),
            }
        )
        self.assertEqual(topic.link, "consensus")
        outcome.action_submit()
        outcome.action_accept()
        outcome.action_start()
        self.assertEqual(topic.state, "implementing")
        self.assertEqual(topic.link, "implementation")
        # Rejected and cancelled topics stand in no link.
        cancelled = self.create_topic("停车难")
        cancelled.action_cancel()
        self.assertFalse(cancelled.link)

    def bring_to_ready(self, topic):
        self.env["consultation.research"].create(
            {"topic_id": topic.id, "name": "入户走访", "method": "visit"}
        )
        topic.action_mark_ready()
        self.add_deliberation_plan(topic)

    def test_nine_links_in_chinese_filterable_and_grouped(self):
        zh = self.load_chinese()
        Topic = zh["consultation.topic"]
        links = dict(Topic._fields["link"]._description_selection(zh))
        self.assertEqual(list(links.values()), NINE_LINKS)
        topic = self.bring_to(self.create_topic("楼道堆物"), "screened")
        self.assertIn(topic, Topic.search([("link", "=", "review")]))
        # The list groups by link, all nine shown in order, even the empty ones.
        groups = Topic.read_group([("id", "=", topic.id)], ["link"], ["link"])
        self.assertEqual([group["link"] for group in groups][:2], ["proposal", "review"])
        self.assertEqual(len(groups), 9)

    def test_the_room_board_prints_the_method_from_the_selections(self):
        self.load_chinese()
        self.env.company.partner_id.lang = "zh_CN"
        board = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", self.community_a1.ids)[0]
            .decode()
        )
        self.assertIn("区（县）、街道（镇）、村（社区）", board)
        self.assertIn("议题征集、议题筛选、议题公示、协商准备、协商议事、结果反馈", board)
        self.assertIn("、".join(NINE_LINKS), board)
