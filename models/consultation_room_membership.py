"""Who sits in a room, in which role, and for which term."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

CONVENER_ROLES = ("first_convener", "second_convener")
# Roles that seat a person in the room for good: the party organisation confirms them first.
SEATED_ROLES = (*CONVENER_ROLES, "fixed")

# What a membership grants depends on these: a change clears the cached rights.
ACCESS_FIELDS = frozenset({"room_id", "member_id", "role", "date_start", "date_end", "active"})


class ConsultationRoomMembership(models.Model):
    _name = "consultation.room.membership"
    _description = "Room Membership"
    _order = "room_id, role_sequence, date_start desc, id"
    _rec_name = "member_id"

    room_id = fields.Many2one("consultation.room", required=True, ondelete="cascade", index=True)
    # 成员: residents, departments and experts sit in a room too, not only 委员.
    member_id = fields.Many2one(
        "consultation.member", "Room Member", required=True, ondelete="restrict", index=True
    )
    partner_id = fields.Many2one(related="member_id.partner_id", store=True)
    user_id = fields.Many2one(related="member_id.user_id")
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    role = fields.Selection(
        [
            ("first_convener", "First Convener"),
            ("second_convener", "Second Convener"),
            ("fixed", "Fixed Member"),
            ("liaison", "Liaison"),
            ("invited", "Invited Participant"),
        ],
        required=True,
        default="fixed",
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    date_start = fields.Date(
        "Start Date",
        required=True,
        default=lambda self: self.env.company._consultation_today(),
    )
    date_end = fields.Date("End Date")
    active = fields.Boolean(default=True)
    note = fields.Char()
    party_confirmed = fields.Boolean(related="member_id.party_confirmed")

    @api.model
    def _current_domain(self, day=None):
        """Memberships current on the organisation's `day` (today by default): begun,
        not ended, not archived. Rights and conveners come from these only."""
        day = day or self.env.company._consultation_today()
        return [
            ("active", "=", True),
            ("date_start", "<=", day),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", day),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        roles = {vals.get("role") or self.default_get(["role"]).get("role") for vals in vals_list}
        if roles & set(CONVENER_ROLES):
            self._check_appoint_conveners()
        memberships = super().create(vals_list)
        self.env["consultation.room"]._consultation_clear_access()
        return memberships

    def write(self, vals):
        if self.filtered(lambda m: m.role in CONVENER_ROLES) or vals.get("role") in CONVENER_ROLES:
            self._check_appoint_conveners()
        res = super().write(vals)
        # Only what decides rights: a corrected note need not empty every worker's caches.
        if ACCESS_FIELDS & vals.keys():
            self.env["consultation.room"]._consultation_clear_access()
        return res

    def unlink(self):
        if self.filtered(lambda m: m.role in CONVENER_ROLES):
            self._check_appoint_conveners()
        res = super().unlink()
        self.env["consultation.room"]._consultation_clear_access()
        return res

    def _check_appoint_conveners(self):
        """Conveners run their room and every room below it: only the CPPCC office
        appoints them, changes their terms or removes them."""
        if self.env.su or self.env.user.has_group("consultation.group_consultation_manager"):
            return
        raise AccessError(
            _(
                "Only the CPPCC office appoints the first and second conveners of a room"
                " or changes their terms."
            )
        )

    @api.depends("role")
    def _compute_role_sequence(self):
        order = [key for key, _label in self._fields["role"].selection]
        for membership in self:
            membership.role_sequence = order.index(membership.role)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for membership in self:
            if membership.date_end and membership.date_end < membership.date_start:
                raise ValidationError(
                    _(
                        "The membership of %(member)s in %(room)s ends before it starts.",
                        member=membership.member_id.name,
                        room=membership.room_id.name,
                    )
                )

    @api.constrains("role", "room_id", "date_start", "date_end", "active")
    def _check_single_first_convener(self):
        conveners = self.filtered(lambda m: m.active and m.role == "first_convener")
        if not conveners:
            return
        # One query for all rooms touched, then compare periods in memory.
        others = self.search(
            [("room_id", "in", conveners.room_id.ids), ("role", "=", "first_convener")]
        )
        for membership in conveners:
            for other in others:
                if other == membership or other.room_id != membership.room_id:
                    continue
                if membership._overlaps(other):
                    raise ValidationError(
                        _(
                            "%(room)s already has a first convener (%(other)s) for this"
                            " period. End that membership before appointing %(member)s.",
                            room=membership.room_id.name,
                            other=other.member_id.name,
                            member=membership.member_id.name,
                        )
                    )

    @api.constrains("role", "member_id", "active")
    def _check_party_confirmed(self):
        """Conveners and fixed members take part in every deliberation of the room: the
        party organisation confirms them before they are seated. Memberships recorded
        before the rule stay; the office finds them with the “Not Confirmed” filter."""
        for membership in self:
            if (
                membership.active
                and membership.role in SEATED_ROLES
                and not membership.member_id.party_confirmed
            ):
                raise ValidationError(
                    _(
                        "%(member)s is not confirmed by the party organisation yet: only"
                        " confirmed people become conveners or fixed members of %(room)s."
                        " The CPPCC office records the confirmation on the member first.",
                        member=membership.member_id.name,
                        room=membership.room_id.name,
                    )
                )

    def action_party_confirm(self):
        """The office records the party organisation's confirmation of these members."""
        self.member_id.action_party_confirm()
        return True

    def _overlaps(self, other):
        self.ensure_one()
        own_end = self.date_end or fields.Date.to_date("9999-12-31")
        other_end = other.date_end or fields.Date.to_date("9999-12-31")
        return self.date_start <= other_end and other.date_start <= own_end
