"""Consultation rooms (协商议事室): their tree, people, standard checklist and access."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .consultation_meeting_quota import LEVELS

# Levels of a street or a town (街道、镇): the rooms villages and communities belong to.
STREET_LEVELS = ("street", "town")


class ConsultationRoom(models.Model):
    _name = "consultation.room"
    _description = "Consultation Room"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _parent_store = True
    _parent_name = "parent_id"
    _rec_name = "complete_name"
    _order = "complete_name, id"
    _check_company_auto = True

    # Identity
    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short unique code of the room, printed on its board and QR code.",
    )
    level = fields.Selection(
        LEVELS,
        required=True,
        default="village",
        tracking=True,
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # Hierarchy
    parent_id = fields.Many2one(
        "consultation.room",
        string="Parent Room",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("consultation.room", "parent_id", string="Sub-rooms")
    child_count = fields.Integer(compute="_compute_child_count")

    # Site
    address = fields.Char(help="Where the room sits, as residents would look for it.")
    # Printed on the room's public notices (联系人、联系电话), whom residents call.
    contact_name = fields.Char(
        "Contact Person", help="Named on the room's notices; empty: its first convener."
    )
    contact_phone = fields.Char(help="Printed on the room's notices.")

    def _notice_contact(self):
        """(person, telephone) printed on the room's notices."""
        self.ensure_one()
        convener = self.sudo().first_convener_id
        phone = self.contact_phone
        if not (phone or self.contact_name):
            phone = convener.phone or convener.mobile
        return self.contact_name or convener.name or "", phone or ""

    description = fields.Html()
    image_128 = fields.Image(max_width=128, max_height=128)

    # People
    membership_ids = fields.One2many(
        "consultation.room.membership", "room_id", string="Memberships"
    )
    member_count = fields.Integer(compute="_compute_member_count")
    # Not stored: the convener of the day, whose term has begun and not ended, so it
    # never goes stale when a term ends or begins without any write.
    first_convener_id = fields.Many2one(
        "res.partner",
        compute="_compute_conveners",
        search="_search_first_convener_id",
        help="Current first convener, taken from the room's memberships current today.",
    )
    second_convener_id = fields.Many2one(
        "res.partner",
        compute="_compute_conveners",
        search="_search_second_convener_id",
        help="Current second convener, taken from the room's memberships current today.",
    )
    secretary_ids = fields.Many2many(
        "res.users",
        "consultation_room_secretary_rel",
        "room_id",
        "user_id",
        string="Secretaries",
        domain=[("share", "=", False)],
        help="Users who run this room and the rooms under it: they schedule meetings,"
        " keep records and manage memberships.",
    )
    party_reviewer_ids = fields.Many2many(
        "res.users",
        "consultation_room_party_reviewer_rel",
        "room_id",
        "user_id",
        string="Party Organisation Reviewers",
        # They read the topics they approve: the Approver group gives them every room.
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("consultation.group_consultation_approver").ids)
        ],
        tracking=True,
        help="Users who approve, for the party organisation of the same level (同级党组织),"
        " the annual plan and the temporary topics of this room. When empty, those of the"
        " nearest room above that has some apply.",
    )

    # Standard checklist (六个有): one line per item of consultation.standard.item
    standard_line_ids = fields.One2many(
        "consultation.room.standard", "room_id", string="Standard Checklist"
    )
    standard_score = fields.Integer(
        compute="_compute_standard", store=True, help="How many items of the checklist are met."
    )
    standard_item_count = fields.Integer(
        compute="_compute_standard", store=True, help="How many items the checklist has."
    )
    standard_met = fields.Boolean(
        compute="_compute_standard",
        store=True,
        help="Every item of the standard checklist is met.",
    )
    stage = fields.Selection(
        [("pilot", "Pilot"), ("promoted", "Promoted"), ("established", "Established")],
        default="pilot",
        required=True,
        tracking=True,
    )
    required_meetings_per_year = fields.Integer(
        compute="_compute_required_meetings_per_year",
        store=True,
        readonly=False,
        tracking=True,
        help="Defaults from the level's quota (Configuration > Meeting Quotas); change it"
        " when the room's rules ask for more.",
    )
    is_model = fields.Boolean(
        "Model Community",
        tracking=True,
        help="样板: the community a street built as its example"
        " (各街道还要精心打造一个社区作为样本).",
    )

    publish_days = fields.Integer(
        "Notice Days",
        default=7,
        help="How many days a topic stays on public notice, collecting opinions.",
    )

    # Meetings
    date_established = fields.Date(
        "Established On",
        default=lambda self: self.env.company._consultation_today(),
        required=True,
        help="A room is judged inactive only once it is 180 days old.",
    )
    meeting_count = fields.Integer(compute="_compute_meeting_stats")
    held_meetings_this_year = fields.Integer(
        compute="_compute_meeting_stats",
        help="Meetings held this year, joint meetings included.",
    )
    meetings_due = fields.Integer(
        "Meetings Due so Far",
        compute="_compute_meeting_stats",
        help="Meetings due by the end of the months of this year already ended.",
    )
    last_meeting_date = fields.Datetime(compute="_compute_meeting_stats")
    compliance_state = fields.Selection(
        [("ok", "On Track"), ("behind", "Behind"), ("inactive", "Inactive")],
        compute="_compute_meeting_stats",
        search="_search_compliance_state",
        help="Behind: fewer meetings held this year than due by the months already ended"
        " (village rooms: one per two-month window). Inactive: no meeting held in the last"
        " 180 days, for a room older than that.",
    )
    # Grass-roots units (基层单元) of a street or town, and coverage (全覆盖)
    unit_ids = fields.One2many("consultation.unit", "parent_room_id", string="Grass-roots Units")
    unit_count = fields.Integer("Units", compute="_compute_unit_coverage")
    unit_covered_count = fields.Integer("Units with a Room", compute="_compute_unit_coverage")
    unit_coverage = fields.Float(
        "Coverage (%)",
        compute="_compute_unit_coverage",
        help="全覆盖: the share of the grass-roots units of the street or town (of the"
        " streets and towns under it, for the district) that have a room.",
    )
    lacks_village_room = fields.Boolean(
        "No Village Room",
        compute="_compute_unit_coverage",
        help="A town without any village or community room: every town builds at least one"
        " (每个区(镇)至少在1个村(社区)建立).",
    )
    lacks_model_community = fields.Boolean(
        "No Model Community",
        compute="_compute_unit_coverage",
        help="A street without a model community: every street builds one as its example"
        " (各街道还要精心打造一个社区作为样本).",
    )
    room_year_ids = fields.One2many(
        "consultation.room.year", "room_id", string="Activity per Year", readonly=True
    )
    report_partner_ids = fields.Many2many(
        "res.partner",
        "consultation_room_report_partner_rel",
        "room_id",
        "partner_id",
        string="Report Minutes To",
        help="Party committee and government contacts who receive the room's closed minutes.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another room of this company already uses this code.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for room in self:
            if room.parent_id:
                room.complete_name = f"{room.parent_id.complete_name} / {room.name}"
            else:
                room.complete_name = room.name

    def _compute_child_count(self):
        counts = dict(
            self.env["consultation.room"]._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for room in self:
            room.child_count = counts.get(room, 0)

    def _compute_member_count(self):
        counts = dict(
            self.env["consultation.room.membership"]._read_group(
                [("room_id", "in", self.ids)], ["room_id"], ["__count"]
            )
        )
        for room in self:
            room.member_count = counts.get(room, 0)

    @api.depends(
        "membership_ids.role",
        "membership_ids.active",
        "membership_ids.date_start",
        "membership_ids.date_end",
        "membership_ids.partner_id",
    )
    def _compute_conveners(self):
        conveners = {}
        if self.ids:
            # As superuser: the conveners of a room are shown to whoever reads it,
            # memberships or not.
            Membership = self.env["consultation.room.membership"].sudo()
            for membership in Membership.search_fetch(
                [
                    ("room_id", "in", self.ids),
                    ("role", "in", ("first_convener", "second_convener")),
                    *Membership._current_domain(),
                ],
                ["room_id", "role", "partner_id"],
                order="date_start desc, id desc",
            ):
                conveners.setdefault((membership.room_id.id, membership.role), membership)
        for room in self:
            first = conveners.get((room.id, "first_convener"))
            second = conveners.get((room.id, "second_convener"))
            room.first_convener_id = first.partner_id.id if first else False
            room.second_convener_id = second.partner_id.id if second else False

    def _search_convener(self, role, operator, value):
        Membership = self.env["consultation.room.membership"]
        domain = [("role", "=", role), *Membership._current_domain()]
        if operator in ("=", "!=") and value is False:
            positive = operator == "="
            # As superuser: the filter on conveners reads memberships the user may not read.
            rooms = Membership.sudo()._search(domain).subselect("room_id")
            return [("id", "not in" if positive else "in", rooms)]
        # As superuser: as above.
        rooms = Membership.sudo()._search([*domain, ("partner_id", operator, value)])
        return [("id", "in", rooms.subselect("room_id"))]

    def _search_first_convener_id(self, operator, value):
        return self._search_convener("first_convener", operator, value)

    def _search_second_convener_id(self, operator, value):
        return self._search_convener("second_convener", operator, value)

    def _compute_unit_coverage(self):
        rooms = self.filtered("id")._origin
        coverage = self.env["consultation.unit"]._coverage(rooms)
        flags = rooms._coverage_flags()
        for room in self:
            figures = coverage.get(room._origin, {})
            room.unit_count = figures.get("units", 0)
            room.unit_covered_count = figures.get("units_covered", 0)
            room.unit_coverage = figures.get("unit_coverage", 0.0)
            room.lacks_village_room, room.lacks_model_community = flags.get(
                room._origin, (False, False)
            )

    def _coverage_flags(self):
        """{room: (town without a village room, street without a model community)};
        read as superuser, active sub-rooms only."""
        # As superuser: the sub-rooms of a street, also those the reader does not read.
        children = (
            self.env["consultation.room"]
            .sudo()
            .search_fetch(
                [("parent_id", "in", self.ids), ("level", "=", "village")],
                ["parent_id", "is_model"],
            )
        )
        # One pass over the villages (not one per room: 2,000 streets × 36,000 villages).
        has_village, has_model = set(), set()
        for child in children:
            has_village.add(child.parent_id.id)
            if child.is_model:
                has_model.add(child.parent_id.id)
        return {
            room: (
                room.level == "town" and room.id not in has_village,
                room.level == "street" and room.id not in has_model,
            )
            for room in self
        }

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_unit_action"
        )
        action["domain"] = [("parent_room_id", "child_of", self.id)]
        action["context"] = {"default_parent_room_id": self.id}
        return action

    def _compute_meeting_stats(self):
        # The same figures as this year's row (consultation.room.year), taken live so
        # that a meeting just held shows at once; last year's stay in their own rows.
        Meeting = self.env["consultation.meeting"]
        counts = dict(Meeting._read_group([("room_id", "in", self.ids)], ["room_id"], ["__count"]))
        rooms = self.filtered("id")
        year = self.env.company._consultation_today().year
        values = self.env["consultation.room.year"]._year_values(rooms._origin, year)
        for room in self:
            vals = values.get(room._origin, {})
            room.meeting_count = counts.get(room, 0)
            room.held_meetings_this_year = vals.get("meetings_held", 0)
            room.meetings_due = vals.get("meetings_due", 0)
            room.last_meeting_date = vals.get("last_meeting_date", False)
            room.compliance_state = vals.get("compliance_state", "ok")

    def _search_compliance_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(_("This filter only accepts a compliance state."))
        wanted = {value} if isinstance(value, str) else set(value or ())
        # As superuser: the compliance filter compares every room; the rules apply to the
        # result.
        rooms = self.sudo().search([])
        year = self.env.company._consultation_today().year
        values = self.env["consultation.room.year"]._year_values(rooms, year)
        matching = [r.id for r, vals in values.items() if vals["compliance_state"] in wanted]
        positive = operator in ("=", "in")
        return [("id", "in" if positive else "not in", matching)]

    def _notify_behind_quota(self):
        """An activity for the convener of each room that has fallen behind its quota
        (the first convener's user, else the room's secretary, else one above)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        year = self.env.company._consultation_today().year
        # As superuser: the year's figures of rooms the cron's user may not read.
        figures = self.env["consultation.room.year"]._year_values(self.sudo(), year)
        # As superuser: the conveners and secretaries of every room behind its quota.
        for room in self.sudo():
            user = room._convener_user()
            if not user:
                continue
            missed = figures.get(room, {}).get("windows_missed")
            if missed:
                note = _(
                    "%(room)s: two-month windows of this year ended without a meeting of"
                    " their own: %(missed)s, whatever the meetings held in other windows."
                    " Please plan the next consultation.",
                    room=room.display_name,
                    missed=missed,
                )
            else:
                note = _(
                    "%(room)s has held %(held)s meetings this year while %(due)s are due"
                    " by now: please plan the next consultation.",
                    room=room.display_name,
                    held=room.held_meetings_this_year,
                    due=room.meetings_due,
                )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": room.id,
                    "activity_type_id": todo.id,
                    "user_id": user.id,
                    "summary": _("Meetings behind quota"),
                    "note": note,
                }
            )
        if vals_list:
            # As superuser: to-dos for other users (the conveners), which the cron's user
            # may not create.
            self.env["mail.activity"].sudo().create(vals_list)

    def _convener_user(self):
        self.ensure_one()
        users = self.first_convener_id.user_ids.filtered(lambda u: not u.share)
        room = self
        while not users and room:
            users = room.secretary_ids
            room = room.parent_id
        return users[:1]

    @api.depends("standard_line_ids.met", "standard_line_ids.item_id.active")
    def _compute_standard(self):
        for room in self:
            lines = room.standard_line_ids.filtered("item_id.active")
            room.standard_item_count = len(lines)
            room.standard_score = len(lines.filtered("met"))
            room.standard_met = bool(lines) and room.standard_score == len(lines)

    def _minutes_approvers(self):
        """Who approves a meeting's minutes first: the room's conveners with a user or,
        when none has one, the secretaries of the nearest room up the tree that has
        some (a community's minutes go to its street)."""
        self.ensure_one()
        # As superuser: the approvers are found up the room tree, above the rooms the
        # meeting's secretary reads.
        room = self.sudo()
        users = (room.first_convener_id | room.second_convener_id).user_ids.filtered(
            lambda u: not u.share
        )
        if not users and room.parent_path:
            ancestors = room.browse(int(rid) for rid in reversed(room.parent_path.split("/")[:-1]))
            users = next((r.secretary_ids for r in ancestors if r.secretary_ids), users)
        # Nobody up the tree either: the CPPCC office, so the minutes never stall.
        return users or self.env.ref("consultation.group_consultation_manager").users.filtered(
            "active"
        )

    def _meeting_invitees(self, topics=None):
        """Conveners and fixed members of the room, the topics' experts and
        stakeholders: who a secretary would invite anyway."""
        self.ensure_one()
        # As superuser: the room's members, whom its secretary may invite without reading
        # their memberships.
        Membership = self.env["consultation.room.membership"].sudo()
        memberships = Membership.search(
            [
                ("room_id", "=", self.id),
                ("role", "in", ("first_convener", "second_convener", "fixed")),
                *Membership._current_domain(),
            ]
        )
        partners = memberships.member_id.partner_id
        if topics:
            # As superuser: the topics' experts and stakeholders, which the secretary may
            # not read.
            partners |= topics.sudo().expert_ids.partner_id | topics.sudo().stakeholder_ids
        return partners

    def _ensure_standard_lines(self, items=None):
        """Give each room a line for each active item it has none for."""
        items = items if items is not None else self.env["consultation.standard.item"].search([])
        # As superuser: the checklist lines are the system's, created for every room.
        existing = {(line.room_id.id, line.item_id.id) for line in self.sudo().standard_line_ids}
        # As superuser: as above; users do not create checklist lines.
        self.env["consultation.room.standard"].sudo().create(
            [
                {"room_id": room.id, "item_id": item.id}
                for room in self
                for item in items
                if (room.id, item.id) not in existing
            ]
        )

    @api.depends("level")
    def _compute_required_meetings_per_year(self):
        quotas = self.env["consultation.meeting.quota"]._by_level()
        for room in self:
            quota = quotas.get(room.level)
            room.required_meetings_per_year = quota.meetings_per_year if quota else 0

    def _get_party_reviewers(self):
        """同级党组织: the room's own reviewers, else those of the nearest room above."""
        self.ensure_one()
        # parent_path lists the ancestors from the root down: walk it back up.
        ids = [int(i) for i in (self.sudo().parent_path or str(self.id)).split("/") if i]
        rooms = self.sudo().browse(ids)
        for room in reversed(rooms):
            if room.party_reviewer_ids:
                return room.party_reviewer_ids
        return self.env["res.users"]

    def _check_party_reviewers(self):
        """Refuse to ask for an approval nobody could give."""
        for room in self:
            if not room._get_party_reviewers():
                raise UserError(
                    _(
                        "Neither “%(room)s” nor any room above it names the reviewers of its"
                        " party organisation: fill in the party organisation reviewers of"
                        " “%(room)s” (or of a room above it) before asking for approval.",
                        room=room.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Cleared before too: the create rule is checked on the new rooms within
        # super().create, and a new sub-room belongs to its parent's managers.
        self._consultation_clear_access()
        rooms = super().create(vals_list)
        self._consultation_clear_access()
        rooms._ensure_standard_lines()
        return rooms

    def unlink(self):
        res = super().unlink()
        self._consultation_clear_access()
        return res

    def write(self, vals):
        # Checked before the write: Odoo's parent store would otherwise stop it with a
        # bare "Recursion Detected".
        if vals.get("parent_id"):
            self._check_new_parent(self.browse(vals["parent_id"]))
        # Approvers are named by the CPPCC office, never by the room they approve for.
        if "party_reviewer_ids" in vals and not (
            self.env.su or self.env.user.has_group("consultation.group_consultation_manager")
        ):
            raise UserError(
                _("Only the CPPCC office names the party organisation reviewers of a room.")
            )
        res = super().write(vals)
        if {"parent_id", "secretary_ids", "active", "company_id"} & vals.keys():
            self._consultation_clear_access()
        return res

    def _check_new_parent(self, parent):
        # As superuser: the new parent's place in the tree, which the user may not read.
        parent_path = parent.sudo().parent_path or ""
        # As superuser: the rooms' own places in the tree, checked against the new parent.
        for room in self.sudo():
            if room == parent or (room.parent_path and parent_path.startswith(room.parent_path)):
                raise ValidationError(
                    _(
                        "%(room)s cannot be placed under itself or under one of its own sub-rooms.",
                        room=room.name,
                    )
                )

    def action_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_room_action"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {"default_parent_id": self.id, "default_company_id": self.company_id.id}
        return action

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_meeting_action"
        )
        action["domain"] = ["|", ("room_id", "=", self.id), ("joint_room_ids", "in", self.ids)]
        action["context"] = {"default_room_id": self.id}
        return action

    def action_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_room_membership_action"
        )
        action["domain"] = [("room_id", "=", self.id)]
        action["context"] = {"default_room_id": self.id}
        return action
