from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ConsultationCase

TOPIC_LIST_FIELDS = [
    "code",
    "name",
    "room_id",
    "source",
    "category",
    "proposer_id",
    "date_proposed",
    "publish_date_end",
    "is_temporary",
    "user_id",
    "validation_status",
    "state",
    "company_id",
]


@tagged("post_install", "-at_install")
class TestQueryCounts(ConsultationCase):
    """Lists and crons cost the same number of queries for 4 records or for 16."""

    def count_queries(self, func):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        return self.env.cr.sql_log_count - before

    def make_topics(self, count, prefix):
        category = self.env["consultation.expertise"].create({"name": f"{prefix}领域"})
        return self.env["consultation.topic"].create(
            [
                {
                    "name": f"{prefix}议题{i}",
                    "room_id": (self.community_a1 if i % 2 else self.community_a2).id,
                    "category": category.id,
                    "proposer_id": self.member_li.partner_id.id,
                }
                for i in range(count)
            ]
        )

    def test_topic_list_query_count_does_not_grow(self):
        Topic = self.env["consultation.topic"].with_user(self.user_secretary)
        self.make_topics(4, "少")

        def list_page(prefix):
            return lambda: Topic.search_read(
                [("name", "like", prefix)], TOPIC_LIST_FIELDS, limit=80
            )

        list_page("少")()  # the first call fills the registry's and rules' caches
        few = self.count_queries(list_page("少"))
        self.make_topics(16, "多")
        many = self.count_queries(list_page("多"))
        self.assertEqual(few, many)
        with self.assertQueryCount(few):
            self.env.invalidate_all()
            list_page("多")()

    def test_notice_cron_query_count_does_not_grow(self):
        today = fields.Date.context_today(self.env.user)
        Topic = self.env["consultation.topic"].with_context(tracking_disable=False)

        def publish_ended(count, prefix):
            topics = self.make_topics(count, prefix)
            topics.with_context(tracking_disable=True).sudo().write(
                {
                    "state": "published",
                    "publish_date_start": today - timedelta(days=8),
                    "publish_date_end": today - timedelta(days=1),
                }
            )
            return topics

        publish_ended(2, "热")
        Topic._cron_close_publication()  # the first run fills the caches
        few_topics = publish_ended(4, "少")
        few = self.count_queries(Topic._cron_close_publication)
        many_topics = publish_ended(16, "多")
        many = self.count_queries(Topic._cron_close_publication)
        self.assertEqual(few, many)
        self.assertEqual(set((few_topics | many_topics).mapped("state")), {"researching"})
        self.assertIn("notice ended", many_topics[0].message_ids[0].body)
