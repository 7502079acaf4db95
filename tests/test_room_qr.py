from datetime import date

from odoo.tests import HttpCase, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestRoomQr(HttpCase, ConsultationCase):
    """Two organisations may give their rooms the same code: the QR code on each room's
    board leads to that room's page, never to the other organisation's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "邻区政协"})
        Room = cls.env["consultation.room"].with_context(default_date_established=date(2020, 1, 1))
        cls.ours = Room.create({"name": "本区一号议事室", "code": "QR-1", "level": "town"})
        cls.theirs = Room.with_company(cls.other_company).create(
            {"name": "邻区一号议事室", "code": "QR-1", "level": "town"}
        )

    def test_each_room_s_qr_leads_to_its_own_page(self):
        for room, other in ((self.ours, self.theirs), (self.theirs, self.ours)):
            with self.subTest(room=room.name):
                url = room._portal_url()
                self.assertIn(str(room.company_id.id), url)
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertIn(room.name, page.text)
                self.assertNotIn(other.name, page.text)

    def test_the_printed_board_carries_the_room_s_own_address(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", self.theirs.ids)[0]
            .decode()
        )
        self.assertIn(f"consultation%2Froom%2F{self.other_company.id}%2FQR-1", html)

    def test_an_old_link_still_leads_to_a_room_whose_code_is_unique(self):
        page = self.url_open(f"/consultation/room/{self.community_a1.code}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.community_a1.name, page.text)

    def test_an_old_link_to_a_shared_code_lets_the_visitor_choose(self):
        page = self.url_open("/consultation/room/QR-1")
        self.assertEqual(page.status_code, 200)
        for room in self.ours | self.theirs:
            self.assertIn(room._portal_url(), page.text)
            self.assertIn(room.company_id.name, page.text)

    def test_a_room_of_another_organisation_is_not_found_under_ours(self):
        page = self.url_open(f"/consultation/room/{self.company.id}/T-NONE")
        self.assertEqual(page.status_code, 404)

    def test_a_suggestion_from_a_room_s_page_goes_to_that_room(self):
        page = self.url_open(self.theirs._portal_url()).text
        self.assertIn(f"company={self.other_company.id}", page)
        values = {"name": "路灯不亮", "description": "晚上太黑", "contact_name": "居民甲"}
        Topic = self.env["consultation.topic"]
        for room in self.ours | self.theirs:
            topic = Topic._create_from_suggestion(
                {**values, "room_code": "QR-1", "room_company": str(room.company_id.id)}
            )
            self.assertEqual(topic.room_id, room)
