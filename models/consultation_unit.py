"""The register of grass-roots units (基层单元) and their coverage by rooms (全覆盖)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .consultation_room import STREET_LEVELS


class ConsultationUnit(models.Model):
    """Every village, community, enterprise or sector that should have a room, with or
    without one: coverage (全覆盖) is the share of them that has one, per street or town
    and for the district ("115个基层单元…全覆盖", "覆盖率达到66%")."""

    _name = "consultation.unit"
    _description = "Grass-roots Unit"
    _order = "parent_room_id, kind, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, index=True)
    kind = fields.Selection(
        [
            ("village", "Village"),
            ("community", "Community"),
            ("enterprise", "Enterprise"),
            ("sector", "Sector"),
        ],
        required=True,
        default="community",
    )
    parent_room_id = fields.Many2one(
        "consultation.room",
        "Street / Town",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain=[("level", "in", STREET_LEVELS)],
        help="The room of the street or town the unit belongs to.",
    )
    room_id = fields.Many2one(
        "consultation.room",
        index=True,
        ondelete="set null",
        check_company=True,
        help="The unit's own consultation room, once it has one.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    has_room = fields.Boolean(compute="_compute_coverage", store=True)
    coverage = fields.Float(
        "Coverage (%)",
        compute="_compute_coverage",
        store=True,
        aggregator="avg",
        help="100 for a unit with a room, 0 without: averaged over units, the coverage"
        " (全覆盖) of a street, a town or the district.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "name_parent_uniq",
            "unique(parent_room_id, name)",
            "A street or town lists each of its units once.",
        ),
    ]

    @api.depends("room_id")
    def _compute_coverage(self):
        for unit in self:
            unit.has_room = bool(unit.room_id)
            unit.coverage = 100.0 if unit.room_id else 0.0

    @api.constrains("parent_room_id", "room_id")
    def _check_rooms(self):
        for unit in self:
            if unit.parent_room_id.level not in STREET_LEVELS:
                raise ValidationError(
                    _(
                        "“%(unit)s” belongs to a street or a town: choose the room of one.",
                        unit=unit.name,
                    )
                )
            # As superuser: whether the room is a street or town, which the user may not
            # read.
            if unit.room_id and unit.room_id not in self.env["consultation.room"].sudo().search(
                [("id", "child_of", unit.parent_room_id.id)]
            ):
                raise ValidationError(
                    _(
                        "The room of “%(unit)s” sits under %(street)s, the street or town the"
                        " unit belongs to.",
                        unit=unit.name,
                        street=unit.parent_room_id.display_name,
                    )
                )

    @api.model
    def _coverage(self, parent_rooms):
        """{room: {"units", "units_covered", "unit_coverage"}} for streets and towns (their
        own units) and any room above them (the units of the streets and towns under
        it: the district's). Read as superuser: the figures are the office's."""
        # As superuser, here and below: the coverage figures are the office's, over rooms
        # the reader may not read.
        parent_rooms = parent_rooms.sudo()
        Room = self.env["consultation.room"].sudo()
        counts = {
            (street.id, has_room): count
            for street, has_room, count in self.sudo()._read_group(
                [("parent_room_id", "child_of", parent_rooms.ids)],
                ["parent_room_id", "has_room"],
                ["__count"],
            )
        }
        streets = Room.browse({street for street, _has in counts})
        result = {}
        for room in parent_rooms:
            under = streets.filtered(
                lambda s, r=room: s.parent_path.startswith(r.parent_path or "-")
            )
            units = sum(counts.get((s.id, h), 0) for s in under for h in (True, False))
            covered = sum(counts.get((s.id, True), 0) for s in under)
            result[room] = {
                "units": units,
                "units_covered": covered,
                "unit_coverage": round(100.0 * covered / units, 1) if units else 0.0,
            }
        return result
