from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestRoom(ConsultationCase):
    def test_tree_names_and_descendants(self):
        self.assertEqual(self.community_a1.display_name, "禾澜区 / 和平街道 / 朝阳社区")
        under_district = self.env["consultation.room"].search(
            [("id", "child_of", self.district.id)]
        )
        self.assertEqual(
            under_district,
            self.district
            | self.street_a
            | self.street_b
            | self.community_a1
            | self.community_a2
            | self.community_b1,
        )
        self.assertEqual(self.street_a.child_ids, self.community_a1 | self.community_a2)
        self.assertEqual(self.street_a.child_count, 2)

    def test_renaming_a_street_renames_its_communities(self):
        self.street_a.name = "和平街道(新)"
        self.assertEqual(self.community_a1.complete_name, "禾澜区 / 和平街道(新) / 朝阳社区")

    def test_room_cannot_be_its_own_ancestor(self):
        with self.assertRaisesRegex(ValidationError, "under itself or under one of its own"):
            self.district.parent_id = self.community_a1
        with self.assertRaisesRegex(ValidationError, "under itself or under one of its own"):
            self.street_a.parent_id = self.street_a

    def test_meetings_per_year_default_by_level(self):
        Room = self.env["consultation.room"]
        expected = {"street": 4, "town": 2, "village": 6, "sector": 4, "committee": 4}
        for level, meetings in expected.items():
            room = Room.create({"name": level, "code": f"M-{level}", "level": level})
            self.assertEqual(room.required_meetings_per_year, meetings, level)
        # A room's own rule wins over the level's default, and a level change resets it.
        room = Room.create(
            {"name": "x", "code": "M-x", "level": "village", "required_meetings_per_year": 12}
        )
        self.assertEqual(room.required_meetings_per_year, 12)
        room.level = "town"
        self.assertEqual(room.required_meetings_per_year, 2)

    @mute_logger("odoo.sql_db")
    def test_code_unique_per_company(self):
        other_company = self.env["res.company"].create({"name": "另一个区政协"})
        twin = self.env["consultation.room"].create(
            {"name": "同码", "code": "T-HP", "company_id": other_company.id}
        )
        self.assertEqual(twin.code, self.street_a.code)
        with self.assertRaises(IntegrityError):
            self.env["consultation.room"].create({"name": "重复", "code": "T-HP"})

    def test_standard_met_follows_the_checklist_lines(self):
        room = self.community_a2
        items = self.env["consultation.standard.item"].search([])
        self.assertEqual(
            items.mapped("name"),
            [
                "Has Premises",
                "Has Signage",
                "Has Rules",
                "Has Procedure",
                "Has Activities",
                "Has Results",
            ],
            "the seeds' 六个有 ship as data",
        )
        self.assertEqual(room.standard_line_ids.item_id, items, "a line per item, unmet")
        self.assertFalse(room.standard_met)
        secretary_lines = room.with_user(self.user_secretary).standard_line_ids
        secretary_lines[:5].write({"met": True})
        self.assertEqual(room.standard_score, 5)
        self.assertFalse(room.standard_met)
        photo = self.env["ir.attachment"].create({"name": "议事室门牌.jpg", "raw": b"jpeg"})
        secretary_lines[5].write({"met": True, "attachment_ids": [(6, 0, photo.ids)]})
        self.assertEqual(room.standard_score, 6)
        self.assertTrue(room.standard_met)
        self.assertEqual(
            secretary_lines[5].date, self.env.company._consultation_today(), "dated when ticked"
        )
        self.assertIn(room, self.env["consultation.room"].search([("standard_met", "=", True)]))
        # An office adds an item of its own: every room has it to meet, unmet.
        extra = self.env["consultation.standard.item"].create({"name": "有档案"})
        self.assertIn(extra, room.standard_line_ids.item_id)
        self.assertFalse(room.standard_met)
        extra.active = False
        self.assertTrue(room.standard_met, "an archived item no longer counts")
        board = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", room.ids)[0]
            .decode()
        )
        # The board is an official document: in the organisation's language.
        signage = items[1].with_context(lang=self.env.company._consultation_lang()).name
        self.assertIn(signage, board)
        self.assertNotIn("有档案", board)

    def test_checklist_lines_follow_room_rights(self):
        line = self.community_b1.standard_line_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.user_secretary).write({"met": True})
        with self.assertRaises(AccessError):
            line.with_user(self.user_approver).write({"met": True})
        self.community_a1.with_user(self.user_member).standard_line_ids.mapped("met")
        with self.assertRaises(AccessError):
            self.community_a1.standard_line_ids[:1].with_user(self.user_member).write({"met": True})
        with self.assertRaises(AccessError):
            self.env["consultation.standard.item"].with_user(self.user_secretary).create(
                {"name": "越权项目"}
            )
