from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoNumbers(TransactionCase):
    """The demo's previous year, over at 31 December, read by the documents' numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("consultation.unit_hp_01", raise_if_not_found=False):
            raise SkipTest("Demo data not loaded.")
        cls.year = cls.env.company._consultation_today().year - 1
        cls.rows = {
            row.room_id: row
            for row in cls.env["consultation.room.year"].search([("year", "=", cls.year)])
        }

    def test_a_street_with_three_meetings_reads_behind(self):
        streets = [r for r in self.rows.values() if r.level == "street"]
        self.assertEqual(len(streets), 3, "和平、新华、东湖 are streets, 桃源镇 a town")
        three = [r for r in streets if r.meetings_held == 3]
        self.assertTrue(three)
        self.assertEqual({r.compliance_state for r in three}, {"behind"})
        town = self.rows[self.env.ref("consultation.room_ty")]
        self.assertEqual((town.level, town.meetings_held, town.compliance_state), ("town", 2, "ok"))

    def test_a_village_meeting_in_two_windows_reads_behind(self):
        crowded = self.rows[self.env.ref("consultation.room_dh_cyu")]
        self.assertEqual(crowded.meetings_held, 6)
        self.assertEqual((crowded.windows_due, crowded.windows_missed), (6, 4))
        self.assertEqual(crowded.compliance_state, "behind")

    def test_coverage_shows_units_without_rooms(self):
        street = self.env.ref("consultation.room_hp")
        self.assertEqual((street.unit_count, street.unit_covered_count), (5, 3))
        self.assertEqual(street.unit_coverage, 60.0)
        district = self.env.ref("consultation.room_district")
        self.assertLess(district.unit_coverage, 100.0)
        self.assertTrue(self.env.ref("consultation.room_dh").lacks_model_community)

    def test_no_representative_is_proposed_for_three_good(self):
        assessment = self.env["consultation.assessment"].search([("year", "=", self.year)])
        self.assertTrue(assessment)
        proposed = assessment.member_line_ids.filtered(lambda x: x.award == "three_good")
        self.assertTrue(proposed)
        self.assertEqual(set(proposed.member_id.mapped("member_type")), {"cppcc_member"})
        ranked = assessment.member_line_ids.member_id
        self.assertIn("representative", ranked.mapped("member_type"), "still ranked")
