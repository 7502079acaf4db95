import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestUnits(ConsultationCase):
    """全覆盖 counts grass-roots units, with or without a room: units with a room ÷
    units, per street or town and for the district; a town needs a village room, a
    street a model community."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["consultation.unit"]
        cls.town = cls.env["consultation.room"].create(
            {"name": "桃源镇", "code": "T-TY", "level": "town", "parent_id": cls.district.id}
        )
        cls.units = Unit.create(
            [
                {
                    "name": "朝阳社区",
                    "parent_room_id": cls.street_a.id,
                    "room_id": cls.community_a1.id,
                },
                {
                    "name": "东风社区",
                    "parent_room_id": cls.street_a.id,
                    "room_id": cls.community_a2.id,
                },
                {"name": "和平里社区", "parent_room_id": cls.street_a.id},
                {
                    "name": "团结社区",
                    "parent_room_id": cls.street_b.id,
                    "room_id": cls.community_b1.id,
                },
                {"name": "王庄村", "kind": "village", "parent_room_id": cls.town.id},
            ]
        )

    def test_coverage_counts_units_without_a_room(self):
        coverage = self.env["consultation.unit"]._coverage(
            self.street_a | self.street_b | self.town | self.district
        )
        self.assertEqual(coverage[self.street_a]["units"], 3)
        self.assertEqual(coverage[self.street_a]["unit_coverage"], 66.7)
        self.assertEqual(coverage[self.street_b]["unit_coverage"], 100.0)
        self.assertEqual(coverage[self.town]["unit_coverage"], 0.0)
        self.assertEqual(
            (coverage[self.district]["units"], coverage[self.district]["units_covered"]), (5, 3)
        )
        self.assertEqual(self.street_a.unit_coverage, 66.7)
        # The statistics: the units' pivot per street, its total the district's.
        groups = self.env["consultation.unit"]._read_group(
            [("id", "in", self.units.ids)], ["parent_room_id"], ["coverage:avg"]
        )
        self.assertAlmostEqual(dict(groups)[self.street_a], 200 / 3)
        ((total,),) = self.env["consultation.unit"]._read_group(
            [("id", "in", self.units.ids)], [], ["coverage:avg"]
        )
        self.assertEqual(total, 60.0)

    def test_year_rows_carry_coverage_and_flags(self):
        self.env["consultation.room.year"]._cron_refresh()
        year = self.company._consultation_today().year
        rows = {
            row.room_id: row
            for row in self.env["consultation.room.year"].search([("year", "=", year)])
        }
        self.assertEqual((rows[self.street_a].units, rows[self.street_a].units_covered), (3, 2))
        self.assertEqual(rows[self.district].unit_coverage, 60.0)
        self.assertTrue(rows[self.town].lacks_village_room)
        self.assertTrue(rows[self.street_a].lacks_model_community)
        self.assertFalse(rows[self.street_a].lacks_village_room, "a street is not a town")

    def test_flags_clear_when_the_rooms_are_built(self):
        self.assertTrue(self.town.lacks_village_room)
        self.assertTrue(self.street_a.lacks_model_community)
        village = self.env["consultation.room"].create(
            {"name": "王庄村", "code": "T-TY-1", "level": "village", "parent_id": self.town.id}
        )
        self.community_a1.is_model = True
        self.town.invalidate_recordset()
        self.street_a.invalidate_recordset()
        self.assertFalse(self.town.lacks_village_room)
        self.assertFalse(self.street_a.lacks_model_community)
        self.assertTrue(self.street_b.lacks_model_community)
        self.units[4].room_id = village
        self.town.invalidate_recordset()
        self.assertEqual(self.town.unit_coverage, 100.0)

    def test_a_unit_belongs_to_a_street_or_town_and_its_room_sits_under_it(self):
        Unit = self.env["consultation.unit"]
        with self.assertRaisesRegex(ValidationError, "street or a town"):
            Unit.create({"name": "某社区", "parent_room_id": self.community_a1.id})
        with self.assertRaisesRegex(ValidationError, "sits under"):
            Unit.create(
                {
                    "name": "某社区",
                    "parent_room_id": self.street_a.id,
                    "room_id": self.community_b1.id,
                }
            )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_a_secretary_maintains_the_units_of_their_streets_only(self):
        Unit = self.env["consultation.unit"].with_user(self.user_secretary)
        self.assertEqual(Unit.search([("id", "in", self.units.ids)]), self.units, "reads all")
        mine = Unit.create({"name": "河西社区", "parent_room_id": self.street_a.id})
        mine.room_id = self.community_a2
        theirs = self.units[3].with_user(self.user_secretary)
        with self.assertRaises(AccessError):
            theirs.name = "团结社区（改）"
        with self.assertRaises(AccessError):
            Unit.create({"name": "新华里社区", "parent_room_id": self.street_b.id})
        with self.assertRaises(AccessError):
            mine.parent_room_id = self.street_b
        for user in (self.user_viewer, self.user_member):
            units = self.env["consultation.unit"].with_user(user)
            self.assertEqual(units.search([("id", "in", self.units.ids)]), self.units)
            with self.assertRaises(AccessError):
                self.units[0].with_user(user).name = "改名"
        manager = self.units[3].with_user(self.user_manager)
        manager.note = "已列入明年建设计划"

    def test_activity_ledger_shows_coverage_per_street(self):
        self.env["consultation.room.year"]._cron_refresh()
        year = self.company._consultation_today().year
        rows = self.env["consultation.room.year"].search(
            [("year", "=", year), ("room_id", "=", self.district.id)]
        )
        content, _kind = self.env["ir.actions.report"]._render(
            "consultation.ledger_meetings", rows.ids
        )
        book = load_workbook(io.BytesIO(content))
        sheet = book["基层单元覆盖情况"]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        by_street = {r[0]: r for r in values[2:-1]}
        self.assertEqual(by_street[self.street_a.display_name][2:5], [3, 2, 66.7])
        self.assertEqual(
            by_street[self.town.display_name][5], "是", "a town without a village room"
        )
        self.assertEqual(values[-1][2:5], [5, 3, 60.0])
        self.assertIn("年度开展情况", book.sheetnames[1])
