import re
from urllib.parse import quote_plus

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Topic = cls.env["consultation.topic"].sudo()
        cls.on_notice = Topic.create(
            {
                "name": "公示中的停车议题",
                "room_id": cls.community_a1.id,
                "contact_phone": "13800001111",
            }
        )
        cls.on_notice.write({"state": "published", **cls.notice_window(-1, 5)})
        cls.ended = Topic.create({"name": "公示已结束的议题", "room_id": cls.community_a1.id})
        cls.ended.write({"state": "researching", **cls.notice_window(-20, -10)})
        cls.draft = Topic.create({"name": "尚未公开的草稿议题", "room_id": cls.community_a1.id})
        cls.rejected = Topic.create({"name": "已驳回的议题", "room_id": cls.community_a1.id})
        cls.rejected.write({"state": "rejected"})
        cls.env["consultation.opinion"].sudo().create(
            [
                {
                    "topic_id": cls.on_notice.id,
                    "content": "建议错时开放单位停车场",
                    "author_name": "王阿姨",
                    "contact_phone": "13900002222",
                    "state": "accepted",
                },
                {
                    "topic_id": cls.on_notice.id,
                    "content": "尚未审核的意见",
                    "author_name": "路人",
                    "state": "new",
                },
            ]
        )

    def get(self, url):
        return self.url_open(url)

    def post_form(self, form_url, action, data):
        """Post like a browser: the form's CSRF token first, then the fields."""
        page = self.get(form_url).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(action, data={"csrf_token": token, **data})

    def test_board_lists_only_what_is_public(self):
        page = self.get("/consultation").text
        self.assertIn("公示中的停车议题", page)
        for hidden in ("尚未公开的草稿议题", "已驳回的议题", "公示已结束的议题"):
            self.assertNotIn(hidden, page)
        for topic in (self.draft, self.rejected):
            self.assertEqual(self.get(f"/consultation/topic/{topic.id}").status_code, 404)
        self.assertEqual(self.get("/consultation/topic/999999").status_code, 404)

    def test_board_pages_through_the_topics_on_notice_of_a_street(self):
        """Twenty topics a page, the most urgent first, with a pager when more are on
        notice; a street's code keeps its rooms' topics only."""
        Topic = self.env["consultation.topic"].sudo()
        for index in range(22):
            topic = Topic.create({"name": f"分页议题{index:02d}", "room_id": self.community_a1.id})
            topic.write({"state": "published", **self.notice_window(0, 30 + index)})
        # The street's page, so that demo topics on notice elsewhere stay out of it:
        # the parking topic closes first, then 分页议题00 onwards: 19 of them fit.
        board = f"/consultation?room={self.street_a.code}"
        first = self.get(board).text
        self.assertLess(first.index("公示中的停车议题"), first.index("分页议题00"))
        self.assertIn("分页议题18", first)
        self.assertNotIn("分页议题19", first)
        # The pager's link (portal.pager writes /consultation/page/2) opens page two.
        self.assertIn("/consultation/page/2", first)
        second = self.get(f"/consultation/page/2?room={self.street_a.code}").text
        self.assertIn("分页议题19", second)
        self.assertIn("分页议题21", second)
        self.assertNotIn("分页议题18", second)
        # A page number below one is the first page, not a server error.
        page_zero = self.get(f"/consultation/page/0?room={self.street_a.code}").text
        self.assertIn("分页议题00", page_zero)
        # The street is offered on the whole board; another street's code shows none
        # of its topics.
        self.assertIn(f'value="{self.street_a.code}"', self.get("/consultation").text)
        other = self.get("/consultation?room=T-XH").text
        self.assertNotIn("公示中的停车议题", other)
        self.assertNotIn("分页议题", other)

    def test_topic_page_shows_moderated_opinions_and_no_phone(self):
        page = self.get(f"/consultation/topic/{self.on_notice.id}").text
        self.assertIn("建议错时开放单位停车场", page)
        self.assertNotIn("尚未审核的意见", page)
        self.assertNotIn("13800001111", page)
        self.assertNotIn("13900002222", page)
        self.assertIn("o_consultation_opinion_form", page)

    def test_an_opinion_goes_to_moderation_only_during_the_window(self):
        url = f"/consultation/topic/{self.on_notice.id}"
        Opinion = self.env["consultation.opinion"]
        response = self.post_form(
            url,
            f"{url}/opinion",
            {"content": "可在周边增设停车泊位", "contact_name": "赵先生", "contact_phone": "1"},
        )
        self.assertIn("o_consultation_thanks", response.text)
        opinion = Opinion.search([("content", "=", "可在周边增设停车泊位")])
        self.assertEqual((opinion.state, opinion.channel), ("new", "online"))
        self.assertEqual((opinion.author_name, opinion.contact_phone), ("赵先生", "1"))
        self.assertTrue(opinion.date)

        ended = f"/consultation/topic/{self.ended.id}"
        page = self.get(ended).text
        self.assertIn("o_consultation_closed", page)
        self.assertNotIn("o_consultation_opinion_form", page)
        response = self.post_form(
            url, f"{ended}/opinion", {"content": "期满后的意见", "contact_name": "钱"}
        )
        self.assertIn("o_consultation_error", response.text)
        self.assertFalse(Opinion.search([("content", "=", "期满后的意见")]))

    def test_posts_without_csrf_token_store_nothing(self):
        response = self.url_open(
            "/consultation/suggest",
            data={"name": "无令牌", "description": "x", "contact_name": "y"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["consultation.topic"].search([("name", "=", "无令牌")]))

    def test_a_suggestion_becomes_a_draft_public_topic_with_a_receipt(self):
        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {
                "name": "小区门口缺少斑马线",
                "description": "<script>alert('x')</script>上学时很危险",
                "contact_name": "孙女士",
                "contact_phone": "13700003333",
                "room_code": self.community_a1.code,
            },
        )
        topic = self.env["consultation.topic"].search([("name", "=", "小区门口缺少斑马线")])
        self.assertEqual((topic.state, topic.source), ("draft", "public"))
        self.assertEqual(topic.room_id, self.community_a1)
        self.assertIn(topic.code, response.text)
        # Markup sent by a resident is kept as text, in the backend too.
        self.assertNotIn("<script>", topic.description)
        self.assertIn("&lt;script&gt;", topic.description)
        self.assertIn(
            topic,
            self.env["consultation.topic"].search(
                [("source", "=", "public"), ("state", "=", "draft")]
            ),
        )
        # Without a room code it goes to the district's intake room.
        self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "全区公交站牌老化", "description": "站牌看不清", "contact_name": "周"},
        )
        intake = self.env["consultation.topic"].search([("name", "=", "全区公交站牌老化")])
        self.assertEqual(intake.room_id.level, "district")

    def test_oversize_honeypot_and_rate_limit_store_nothing(self):
        Topic = self.env["consultation.topic"]
        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "超长", "description": "x" * 2_000_000, "contact_name": "x"},
        )
        self.assertIn("o_consultation_error", response.text)
        self.assertFalse(Topic.search([("name", "=", "超长")]))
        # Past the server's own form limit (10 MB) the body is refused before any code
        # of ours runs: nothing is stored either.
        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "超大", "description": "长" * 2_000_000, "contact_name": "x"},
        )
        self.assertEqual(response.status_code, 413)
        self.assertFalse(Topic.search([("name", "=", "超大")]))
        # Under the server's limit but over the field's: refused by the controller.
        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "较长", "description": "长" * 6000, "contact_name": "x"},
        )
        self.assertIn("o_consultation_error", response.text)
        self.assertFalse(Topic.search([("name", "=", "较长")]))

        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "机器人", "description": "spam", "contact_name": "bot", "website": "x"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Topic.search([("name", "=", "机器人")]))

        self.assert_hourly_limit(Topic)

    def assert_hourly_limit(self, Topic):
        # Mid-hour, so that the twelve posts fall in one hourly window.
        with freeze_time("2026-11-26 10:20:00", tick=True):
            self.post_twelve_and_one(Topic)

    def post_twelve_and_one(self, Topic):
        accepted = 0
        for index in range(12):
            self.post_form(
                "/consultation/suggest",
                "/consultation/suggest",
                {"name": f"连发建议{index}", "description": "内容", "contact_name": "同一人"},
            )
            accepted = Topic.search_count([("name", "like", "连发建议")])
        self.assertEqual(accepted, 10)
        response = self.post_form(
            "/consultation/suggest",
            "/consultation/suggest",
            {"name": "第十三条", "description": "内容", "contact_name": "同一人"},
        )
        self.assertIn("o_consultation_error", response.text)
        self.assertFalse(Topic.search([("name", "=", "第十三条")]))

    def test_room_page_and_its_board_with_qr(self):
        page = self.get(f"/consultation/room/{self.community_a1.code}").text
        self.assertIn("朝阳社区", page)
        self.assertIn("李委员", page)
        self.assertEqual(self.get("/consultation/room/NO-SUCH").status_code, 404)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", self.community_a1.ids)[0]
            .decode()
        )
        self.assertIn("/report/barcode/?barcode_type=QR", html)
        self.assertIn(quote_plus(self.community_a1._portal_url()), html)

    def test_my_consultation_lists_my_own_records_with_counters(self):
        resident = new_test_user(self.env, login="cs_resident", groups="base.group_portal")
        other = new_test_user(self.env, login="cs_other", groups="base.group_portal")
        Topic = self.env["consultation.topic"].sudo()
        Topic.create(
            {
                "name": "我的建议",
                "room_id": self.community_a1.id,
                "proposer_id": resident.partner_id.id,
            }
        )
        Topic.create(
            {
                "name": "别人的建议",
                "room_id": self.community_a1.id,
                "proposer_id": other.partner_id.id,
            }
        )
        self.env["consultation.opinion"].sudo().create(
            {
                "topic_id": self.on_notice.id,
                "content": "我的意见",
                "partner_id": resident.partner_id.id,
            }
        )
        self.authenticate("cs_resident", "cs_resident")
        page = self.get("/my/consultation").text
        self.assertIn("我的建议", page)
        self.assertIn("我的意见", page)
        self.assertNotIn("别人的建议", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["consultation_count"]})
        self.assertEqual(counters["consultation_count"], 2)


@tagged("post_install", "-at_install")
class TestResidentTour(HttpCase, ConsultationCase):
    browser_size = "360x740"
    touch_enabled = True

    def test_resident_gives_an_opinion_and_a_suggestion_on_a_phone(self):
        topic = (
            self.env["consultation.topic"]
            .sudo()
            .create({"name": "社区广场夜间照明", "room_id": self.community_a1.id})
        )
        topic.write({"state": "published", **self.notice_window(0, 7)})
        self.start_tour("/consultation", "consultation_resident_tour")
        opinion = topic.opinion_ids
        self.assertEqual((opinion.author_name, opinion.state), ("居民小陈", "new"))
        suggestion = self.env["consultation.topic"].search([("name", "=", "健身器材损坏")])
        self.assertEqual(suggestion.source, "public")


@tagged("post_install", "-at_install")
class TestPortalSubmissionCounter(ConsultationCase):
    def test_one_counter_per_address_and_hour_under_the_system_parameter(self):
        Counter = self.env["consultation.portal.submission"].sudo()
        self.env["ir.config_parameter"].sudo().set_param(
            "consultation.portal_submissions_per_hour", "2"
        )
        with freeze_time("2026-11-26 10:59:00"):
            self.assertEqual([Counter._count_post("a") for _i in range(3)], [True, True, False])
            self.assertTrue(Counter._count_post("b"), "another address has its own count")
        with freeze_time("2026-11-26 11:00:00"):
            self.assertTrue(Counter._count_post("a"), "a new hour starts a new count")
        rows = Counter.search([("client_key", "=", "a")])
        self.assertEqual(sorted(rows.mapped("count")), [1, 3])


@tagged("post_install", "-at_install")
class TestPortalIntake(ConsultationCase):
    """The intake rules the portal's routes call, without HTTP."""

    def test_a_suggestion_lands_in_the_named_room_or_the_district(self):
        Topic = self.env["consultation.topic"]
        self.street_a.secretary_ids = self.user_secretary
        resident = self.user_portal.partner_id
        topic = Topic._create_from_suggestion(
            {
                "name": "小区门口积水",
                "description": "<b>雨天</b>积水",
                "contact_name": "刘",
                "room_code": " T-HP ",
            },
            resident,
        )
        self.assertEqual(
            (topic.room_id, topic.state, topic.source), (self.street_a, "draft", "public")
        )
        self.assertEqual(topic.user_id, self.user_secretary)
        self.assertEqual(topic.proposer_id, resident)
        self.assertNotIn("<b>", topic.description, "markup sent by a resident is kept as text")
        anonymous = Topic._create_from_suggestion(
            {
                "name": "公交站牌",
                "description": "看不清",
                "contact_name": "周",
                "room_code": "无此编码",
            }
        )
        self.assertEqual(anonymous.room_id.level, "district")
        self.assertFalse(anonymous.proposer_id)

    def test_an_opinion_is_taken_only_during_the_notice(self):
        topic = self.bring_to(self.create_topic("社区停车"), "published")
        Opinion = self.env["consultation.opinion"]
        opinion = Opinion._create_from_portal(
            topic, {"content": "错时停车", "contact_name": "王阿姨"}
        )
        self.assertEqual((opinion.channel, opinion.state), ("online", "new"))
        topic.write(self.notice_window(-9, -2))
        with self.assertRaisesRegex(UserError, "notice period has ended"):
            Opinion._create_from_portal(topic, {"content": "晚了", "contact_name": "李"})

    def test_a_post_is_checked_for_size_fields_and_rate(self):
        Submission = self.env["consultation.portal.submission"]
        self.env["ir.config_parameter"].sudo().set_param(
            "consultation.portal_submissions_per_hour", "1"
        )
        required = ("content", "contact_name")
        self.assertIn("too long", Submission._check_post({"content": "长" * 6000}, required, "k"))
        self.assertIn("required", Submission._check_post({"content": "x"}, required, "k"))
        post = {"content": "意见", "contact_name": "周"}
        with freeze_time("2026-11-26 10:20:00"):
            self.assertIsNone(Submission._check_post(post, required, "k"))
            self.assertIn("last hour", Submission._check_post(post, required, "k"))
