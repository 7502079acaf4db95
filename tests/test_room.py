from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestRoom(ConsultationCase):
    def test_tree_names_and_descendants(self):
        self.assertEqual(self.community_a1.display_name, "青川区 / 和平街道 / 朝阳社区")
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
        self.assertEqual(self.community_a1.complete_name, "青川区 / 和平街道(新) / 朝阳社区")

    def test_room_cannot_be_its_own_ancestor(self):
        with self.assertRaisesRegex(ValidationError, "under itself or under one of its own"):
            self.district.parent_id = self.community_a1
        with self.assertRaisesRegex(ValidationError, "under itself or under one of its own"):
            self.street_a.parent_id = self.street_a

    def test_meetings_per_year_default_by_level(self):
        Room = self.env["consultation.room"]
        expected = {"town": 2, "village": 6, "sector": 4, "committee": 4}
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

    def test_standard_met_needs_all_six_items(self):
        room = self.community_a2
        self.assertFalse(room.standard_met)
        room.write(
            {
                "has_organization": True,
                "has_site": True,
                "has_rules": True,
                "has_facilities": True,
                "has_sign": True,
            }
        )
        self.assertEqual(room.standard_score, 5)
        self.assertFalse(room.standard_met)
        room.has_process = True
        self.assertEqual(room.standard_score, 6)
        self.assertTrue(room.standard_met)
        self.assertIn(room, self.env["consultation.room"].search([("standard_met", "=", True)]))
