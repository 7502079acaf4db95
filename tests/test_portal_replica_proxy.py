import re
from datetime import timedelta
from unittest.mock import patch

from odoo.addons.consultation.models import consultation_portal_submission
from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import ConsultationCase


class PortalHttpCase(HttpCase, ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.env.company._consultation_today()
        cls.topic = (
            cls.env["consultation.topic"]
            .sudo()
            .create({"name": "副本上的公示议题", "room_id": cls.community_a1.id})
        )
        cls.topic.write(
            {
                "state": "published",
                "publish_date_start": today - timedelta(days=1),
                "publish_date_end": today + timedelta(days=5),
            }
        )
        cls.env["consultation.opinion"].sudo().create(
            {
                "topic_id": cls.topic.id,
                "content": "副本页面上的意见",
                "author_name": "王阿姨",
                "state": "accepted",
            }
        )

    def post_suggestion(self, name, headers=None):
        page = self.url_open("/consultation/suggest", headers=headers).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(
            "/consultation/suggest",
            data={
                "csrf_token": token,
                "name": name,
                "description": "内容",
                "contact_name": "居民",
            },
            headers=headers,
        )


@tagged("post_install", "-at_install")
class TestPortalOnReplica(PortalHttpCase):
    """The public pages that only read are served on a read-only cursor, i.e. by the
    database replica when Odoo has one (--db_replica_host)."""

    PAGES = (
        "/consultation",
        "/consultation/page/{page}",
        "/consultation/topic/{topic}",
        "/consultation/room/{company}/{code}",
        "/consultation/room/{code}",
    )

    def test_the_public_pages_that_only_read_are_read_only_routes(self):
        routes = {
            rule.rule: rule.endpoint.routing
            for rule in self.env["ir.http"].routing_map().iter_rules()
            if rule.rule.startswith("/consultation")
        }
        for path in (
            "/consultation",
            "/consultation/page/<int:page>",
            "/consultation/topic/<int:topic_id>",
            "/consultation/room/<int:company_id>/<string:code>",
            "/consultation/room/<string:code>",
        ):
            self.assertTrue(routes[path]["readonly"], path)
        # What a resident posts still goes to the primary.
        for path in (
            "/consultation/topic/<int:topic_id>/opinion",
            "/consultation/suggest",
            "/consultation/suggest/lookup",
        ):
            self.assertFalse(routes[path]["readonly"], path)

    def test_the_read_only_pages_write_nothing_for_a_visitor_or_a_resident(self):
        """Under HttpCase a read-only route gets a read-only cursor: a write would fail
        and be retried on a read/write one with a warning."""
        values = {
            "page": 2,
            "topic": self.topic.id,
            "company": self.community_a1.company_id.id,
            "code": self.community_a1.code,
        }
        for login in (None, "cs_portal"):
            self.authenticate(login, login)
            with self.assertNoLogs("odoo.http", level="WARNING"):
                for page in self.PAGES:
                    response = self.url_open(page.format(**values))
                    self.assertEqual(response.status_code, 200, page)
                page = self.url_open(f"/consultation/topic/{self.topic.id}").text
                self.assertIn("副本页面上的意见", page)
                room = self.url_open(f"/consultation/room/{values['code']}").text
                self.assertIn("朝阳社区", room)


@tagged("post_install", "-at_install")
class TestPortalBehindProxy(PortalHttpCase):
    """Behind a reverse proxy the hourly limit keys on the resident's address, which
    only --proxy-mode reads from X-Forwarded-For."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "consultation.portal_submissions_per_hour", "2"
        )
        self.patch(consultation_portal_submission, "PROXY_WARNING", {"logged": False})

    @staticmethod
    def through_proxy(address):
        return {"X-Forwarded-For": address, "X-Forwarded-Host": "yishi.example.cn"}

    def test_with_proxy_mode_two_residents_are_counted_apart(self):
        Topic = self.env["consultation.topic"]
        with patch.dict(config.options, {"proxy_mode": True}):
            for index in range(3):
                self.post_suggestion(f"甲的建议{index}", self.through_proxy("203.0.113.5"))
            self.post_suggestion("乙的建议", self.through_proxy("198.51.100.7"))
        self.assertEqual(Topic.search_count([("name", "like", "甲的建议")]), 2)
        self.assertTrue(Topic.search([("name", "=", "乙的建议")]), "another resident posts")

    def test_without_proxy_mode_a_forwarded_post_warns_once_naming_the_option(self):
        logger = "odoo.addons.consultation.models.consultation_portal_submission"
        with patch.dict(config.options, {"proxy_mode": False}):
            with self.assertNoLogs(logger, level="WARNING"):
                self.post_suggestion("直连的建议")
            with self.assertLogs(logger, level="WARNING") as logs:
                self.post_suggestion("经代理的建议", self.through_proxy("203.0.113.5"))
            self.assertEqual(len(logs.records), 1)
            self.assertIn("--proxy-mode", logs.output[0])
            with self.assertNoLogs(logger, level="WARNING"):
                self.post_suggestion("再经代理的建议", self.through_proxy("198.51.100.7"))
        # Without proxy mode both residents had the proxy's address: one limit for all.
        Topic = self.env["consultation.topic"]
        self.assertEqual(Topic.search_count([("name", "like", "的建议")]), 2)
