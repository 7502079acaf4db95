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
        Topic = self.env["consultation.topic"].with_context(tracking_disable=False)

        def publish_ended(count, prefix):
            topics = self.make_topics(count, prefix)
            topics.with_context(tracking_disable=True).sudo().write(
                {"state": "published", **self.notice_window(-8, -1)}
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


MEETING_LIST_FIELDS = [
    "code",
    "name",
    "start",
    "room_id",
    "form",
    "location",
    "topic_ids",
    "quorum_display",
    "user_id",
    "validation_status",
    "state",
    "company_id",
]


@tagged("post_install", "-at_install")
class TestMeetingQueryCounts(TestQueryCounts):
    def make_meetings(self, count, prefix, attendees=3):
        partners = self.env["res.partner"].create(
            [{"name": f"{prefix}居民{i}"} for i in range(attendees)]
        )
        start = fields.Datetime.now().replace(microsecond=0)
        return self.env["consultation.meeting"].create(
            [
                {
                    "name": f"{prefix}会议{i}",
                    "room_id": (self.community_a1 if i % 2 else self.community_a2).id,
                    "start": start + timedelta(days=i),
                    "stop": start + timedelta(days=i, hours=2),
                    "partner_ids": [(6, 0, partners.ids)],
                }
                for i in range(count)
            ]
        )

    def test_meeting_list_query_count_does_not_grow(self):
        Meeting = self.env["consultation.meeting"].with_user(self.user_secretary)

        def list_page(prefix):
            return lambda: Meeting.search_read(
                [("name", "like", prefix)], MEETING_LIST_FIELDS, limit=80
            )

        self.make_meetings(4, "少")
        self.make_meetings(16, "多")
        self.env.flush_all()
        # First calls fill the registry's, the rules' and the ORM's caches.
        list_page("少")()
        list_page("多")()
        few = self.count_queries(list_page("少"))
        many = self.count_queries(list_page("多"))
        # Never more queries for 16 meetings than for 4 (the first of the two measures
        # may still pay for a cache the set-up emptied).
        self.assertLessEqual(many, few)

    def test_minutes_of_a_large_meeting_render_in_constant_queries(self):
        Report = self.env["ir.actions.report"]

        def render(meeting):
            def run():
                # From empty caches each time, as the final count below.
                self.env.invalidate_all()
                self.env["consultation.minutes.revision"]._render_draft(meeting)
                Report._render_qweb_html("consultation.report_meeting_signin", meeting.ids)

            return run

        small = self.make_meetings(1, "小", attendees=5)
        large = self.make_meetings(1, "大", attendees=50)
        (small | large).attendance_ids.write({"state": "attended"})
        self.assertEqual(len(large.attendance_ids), 50)
        # Each measured once before, so that neither pays for a cache that earlier
        # tests or the set-up emptied.
        self.count_queries(render(small))
        self.count_queries(render(large))
        few = self.count_queries(render(small))
        many = self.count_queries(render(large))
        self.assertEqual(few, many)
        with self.assertQueryCount(many):
            render(large)()
