from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Meetings a room must hold each year, by level (区县政协 guidance: 镇街 at least
# twice a year, 村社区 every two months, 界别/专委会 quarterly). Rooms can override it.
REQUIRED_MEETINGS_BY_LEVEL = {
    "district": 4,
    "town": 2,
    "village": 6,
    "enterprise": 4,
    "sector": 4,
    "committee": 4,
}


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
        [
            ("district", "District"),
            ("town", "Town / Street"),
            ("village", "Village / Community"),
            ("enterprise", "Enterprise"),
            ("sector", "Sector"),
            ("committee", "Special Committee"),
        ],
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
    description = fields.Html()
    image_128 = fields.Image(max_width=128, max_height=128)

    # People
    membership_ids = fields.One2many(
        "consultation.room.membership", "room_id", string="Memberships"
    )
    member_count = fields.Integer(compute="_compute_member_count")
    first_convener_id = fields.Many2one(
        "res.partner",
        compute="_compute_conveners",
        store=True,
        help="Current first convener, taken from the room's memberships.",
    )
    second_convener_id = fields.Many2one(
        "res.partner",
        compute="_compute_conveners",
        store=True,
        help="Current second convener, taken from the room's memberships.",
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
        help="Defaults from the level; change it when the room's rules ask for more.",
    )

    publish_days = fields.Integer(
        "Notice Days",
        default=7,
        help="How many days a topic stays on public notice, collecting opinions.",
    )

    # Meetings
    meeting_count = fields.Integer(compute="_compute_meeting_stats")
    held_meetings_this_year = fields.Integer(
        compute="_compute_meeting_stats",
        help="Meetings held this year, joint meetings included.",
    )
    last_meeting_date = fields.Datetime(compute="_compute_meeting_stats")
    compliance_state = fields.Selection(
        [("ok", "On Track"), ("behind", "Behind"), ("inactive", "Inactive")],
        compute="_compute_meeting_stats",
        help="On track: as many meetings held this year as the months elapsed require."
        " Inactive: no meeting held in the last twelve months.",
    )
    report_partner_ids = fields.Many2many(
        "res.partner",
        "consultation_room_report_partner_rel",
        "room_id",
        "partner_id",
        string="Report Minutes To",
        help="Party committee and government contacts who receive the room's closed minutes.",
    )

    # Security helpers, never stored: evaluated when a record rule runs, so they
    # follow membership changes without clearing any cache.
    user_is_member = fields.Boolean(compute="_compute_user_access", search="_search_user_is_member")
    user_can_manage = fields.Boolean(
        compute="_compute_user_access", search="_search_user_can_manage"
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
        "membership_ids.date_end",
        "membership_ids.member_id.partner_id",
    )
    def _compute_conveners(self):
        today = fields.Date.context_today(self)
        for room in self:
            current = room.membership_ids.filtered(lambda m: not m.date_end or m.date_end >= today)
            room.first_convener_id = current.filtered(lambda m: m.role == "first_convener")[
                :1
            ].member_id.partner_id
            room.second_convener_id = current.filtered(lambda m: m.role == "second_convener")[
                :1
            ].member_id.partner_id

    def _compute_meeting_stats(self):
        now = fields.Datetime.now()
        year_start = now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        Meeting = self.env["consultation.meeting"]
        held = [("state", "in", ("held", "minutes_review", "closed"))]
        counts = dict(Meeting._read_group([("room_id", "in", self.ids)], ["room_id"], ["__count"]))
        last = dict(
            Meeting._read_group([("room_id", "in", self.ids), *held], ["room_id"], ["start:max"])
        )
        this_year = {}
        joint_domain = [("start", ">=", year_start), *held]
        for room, count in Meeting._read_group(
            [("room_id", "in", self.ids), *joint_domain], ["room_id"], ["__count"]
        ):
            this_year[room] = this_year.get(room, 0) + count
        for room, count in Meeting._read_group(
            [("joint_room_ids", "in", self.ids), *joint_domain], ["joint_room_ids"], ["__count"]
        ):
            this_year[room] = this_year.get(room, 0) + count
        for room in self:
            room.meeting_count = counts.get(room, 0)
            room.held_meetings_this_year = this_year.get(room, 0)
            room.last_meeting_date = last.get(room, False)
            due = room.required_meetings_per_year * now.month // 12
            if not room.last_meeting_date or room.last_meeting_date < now.replace(
                year=now.year - 1
            ):
                room.compliance_state = "inactive"
            elif room.held_meetings_this_year < due:
                room.compliance_state = "behind"
            else:
                room.compliance_state = "ok"

    @api.depends("standard_line_ids.met", "standard_line_ids.item_id.active")
    def _compute_standard(self):
        for room in self:
            lines = room.standard_line_ids.filtered("item_id.active")
            room.standard_item_count = len(lines)
            room.standard_score = len(lines.filtered("met"))
            room.standard_met = bool(lines) and room.standard_score == len(lines)

    def _ensure_standard_lines(self, items=None):
        """Give each room a line for each active item it has none for."""
        items = items if items is not None else self.env["consultation.standard.item"].search([])
        existing = {(line.room_id.id, line.item_id.id) for line in self.sudo().standard_line_ids}
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
        for room in self:
            room.required_meetings_per_year = REQUIRED_MEETINGS_BY_LEVEL.get(room.level, 0)

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

    def _compute_user_access(self):
        member_rooms = self.search([("user_is_member", "=", True)])
        managed_rooms = self.search([("user_can_manage", "=", True)])
        for room in self:
            room.user_is_member = room in member_rooms
            room.user_can_manage = room in managed_rooms

    def _check_bool_search(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("This filter only accepts 'is set' or 'is not set'."))
        return (operator == "=") == value

    def _search_user_is_member(self, operator, value):
        positive = self._check_bool_search(operator, value)
        rooms = (
            self.env["consultation.room.membership"]
            .sudo()
            ._search([("member_id.user_id", "=", self.env.uid)])
            .subselect("room_id")
        )
        return [("id", "in" if positive else "not in", rooms)]

    def _search_user_can_manage(self, operator, value):
        positive = self._check_bool_search(operator, value)
        uid = self.env.uid
        roots = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("secretary_ids", "in", uid),
                    (
                        "membership_ids",
                        "any",
                        [
                            ("role", "in", ("first_convener", "second_convener")),
                            ("member_id.user_id", "=", uid),
                        ],
                    ),
                ]
            )
        )
        domain = [("id", "child_of", roots.ids)]
        return domain if positive else ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        rooms = super().create(vals_list)
        rooms._ensure_standard_lines()
        return rooms

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
        return super().write(vals)

    def _check_new_parent(self, parent):
        parent_path = parent.sudo().parent_path or ""
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
