"""CPPCC members and the other people who sit in the rooms, with their yearly figures."""

from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .consultation_meeting import HELD_STATES

PARTY_FIELDS = frozenset({"party_confirmed", "party_confirmed_date", "party_confirmed_by_id"})


class ConsultationMember(models.Model):
    _name = "consultation.member"
    _description = "Consultation Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", index=True
    )
    name = fields.Char("Full Name", related="partner_id.name", store=True, readonly=False)
    image_128 = fields.Image(related="partner_id.image_128")
    phone = fields.Char(related="partner_id.phone", readonly=False)
    mobile = fields.Char(related="partner_id.mobile", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    user_id = fields.Many2one(
        "res.users",
        index=True,
        help="Odoo account of this person, if they sign in: they then see the rooms"
        " they belong to.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    member_type = fields.Selection(
        [
            ("cppcc_member", "CPPCC Member"),
            ("representative", "Deliberation Representative"),
            ("stakeholder", "Stakeholder"),
            ("department", "Department Representative"),
            ("expert", "Expert"),
            ("public", "Resident"),
        ],
        string="Type",
        required=True,
        default="cppcc_member",
        tracking=True,
    )
    sector = fields.Char(help="The CPPCC sector (界别) the member belongs to.")
    organization = fields.Char(help="Work unit and position.")
    party_confirmed = fields.Boolean(
        "Confirmed by Party Organisation",
        tracking=True,
        copy=False,
        help="The party organisation at the same level has approved this person as a"
        " deliberation participant: required of conveners and fixed members. The CPPCC"
        " office records it.",
    )
    party_confirmed_date = fields.Date("Confirmation Date", tracking=True, copy=False)
    party_confirmed_by_id = fields.Many2one(
        "res.users", "Confirmation Recorded by", readonly=True, copy=False
    )
    membership_ids = fields.One2many(
        "consultation.room.membership", "member_id", string="Memberships"
    )
    room_ids = fields.Many2many("consultation.room", compute="_compute_room_ids", string="Rooms")
    room_count = fields.Integer(compute="_compute_room_ids")
    note = fields.Html()

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(partner_id)",
            "This contact is already registered as a member.",
        ),
        (
            "user_uniq",
            "unique(user_id)",
            "This user is already linked to another member.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("party_confirmed") for vals in vals_list):
            self._check_record_party_confirmation()
        if any(vals.get("user_id") for vals in vals_list):
            self._check_link_users()
        members = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self.env["consultation.room"]._consultation_clear_access()
        return members

    def write(self, vals):
        if PARTY_FIELDS & vals.keys():
            self._check_record_party_confirmation()
        if "user_id" in vals:
            self._check_link_users()
        res = super().write(vals)
        if {"user_id", "active"} & vals.keys():
            self.env["consultation.room"]._consultation_clear_access()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["consultation.room"]._consultation_clear_access()
        return res

    def _check_link_users(self):
        """The account linked to a member inherits the member's rooms and convener
        roles: only the CPPCC office links members to users."""
        if self.env.su or self.env.user.has_group("consultation.group_consultation_manager"):
            return
        raise AccessError(
            _("Only the CPPCC office links a member to a user account (who signs in as them).")
        )

    @api.depends("membership_ids.room_id")
    def _compute_room_ids(self):
        # Whether each room is open, read for all the members at once: reading the rooms
        # of each member as it is computed takes a query for each member.
        self.membership_ids.room_id.fetch(["active"])
        for member in self:
            member.room_ids = member.membership_ids.room_id
            member.room_count = len(member.room_ids)

    def _check_record_party_confirmation(self):
        """参与协商的人员须经党组织认可: the office records the party organisation's
        confirmation; nobody else ticks it."""
        if self.env.su or self.env.user.has_group("consultation.group_consultation_manager"):
            return
        raise AccessError(
            _(
                "Only the CPPCC office records that the party organisation has confirmed a"
                " deliberation participant."
            )
        )

    def action_party_confirm(self):
        """The party organisation has confirmed these people: recorded by the office,
        with the day."""
        self._check_record_party_confirmation()
        unconfirmed = self.filtered(lambda m: not m.party_confirmed)
        if not unconfirmed:
            raise UserError(
                _(
                    "%(member)s is already confirmed by the party organisation.",
                    member=self[:1].name,
                )
            )
        unconfirmed.write(
            {
                "party_confirmed": True,
                "party_confirmed_date": self.env.company._consultation_today(),
                "party_confirmed_by_id": self.env.user.id,
            }
        )
        return True

    def action_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_room_membership_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action

    def _participation(self, year):
        """{member: figures} of `year` (the organisation's calendar year): meetings held
        they were invited to and attended, opinions given, topics proposed, research
        joined. Read in a fixed number of queries for any number of members."""
        company = self.env.company
        start = company._consultation_to_utc(date(year, 1, 1))
        end = company._consultation_to_utc(date(year + 1, 1, 1))
        partners = self.partner_id
        # As superuser, here and below: a member's participation counts every room, beyond
        # what the reader sees.
        Attendance = self.env["consultation.meeting.attendance"].sudo()
        held = [
            ("partner_id", "in", partners.ids),
            ("meeting_id.state", "in", HELD_STATES),
            ("meeting_id.start", ">=", start),
            ("meeting_id.start", "<", end),
        ]
        invited = dict(Attendance._read_group(held, ["partner_id"], ["__count"]))
        attended = dict(
            Attendance._read_group([*held, ("state", "=", "attended")], ["partner_id"], ["__count"])
        )
        opinions = dict(
            # As superuser: the member's opinions in every room.
            self.env["consultation.opinion"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "!=", "rejected"),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        topics = dict(
            # As superuser: the topics the member proposed, in every room.
            self.env["consultation.topic"]
            .sudo()
            ._read_group(
                [
                    ("proposer_id", "in", partners.ids),
                    ("date_proposed", ">=", date(year, 1, 1)),
                    ("date_proposed", "<", date(year + 1, 1, 1)),
                ],
                ["proposer_id"],
                ["__count"],
            )
        )
        research = dict(
            # As superuser: the research the member took part in, in every room.
            self.env["consultation.research"]
            .sudo()
            ._read_group(
                [
                    ("participant_ids", "in", partners.ids),
                    ("date", ">=", date(year, 1, 1)),
                    ("date", "<", date(year + 1, 1, 1)),
                ],
                ["participant_ids"],
                ["__count"],
            )
        )
        result = {}
        for member in self:
            partner = member.partner_id
            result[member] = {
                "invited": invited.get(partner, 0),
                "attended": attended.get(partner, 0),
                "opinions": opinions.get(partner, 0),
                "topics_proposed": topics.get(partner, 0),
                "research": research.get(partner, 0),
            }
        return result

    def _liaison_duties(self, year):
        """The 四个一 rows of this member's user for `year` (none without a user)."""
        self.ensure_one()
        if not self.user_id or "consultation.liaison" not in self.env:
            return []
        return (
            # As superuser: a leader's duties, which the member's readers may not read.
            self.env["consultation.liaison"]
            .sudo()
            .search([("user_id", "=", self.user_id.id), ("year", "=", year)])
        )

    def action_print_record(self):
        """履职档案 of this year."""
        return self.env.ref("consultation.action_report_member_record").report_action(self)
