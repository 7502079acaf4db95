"""A room's annual consultation plan (年度协商计划), approved with its topics."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# 同级党组织 by room level, as the approved plan names it (经××审定).
PARTY_ORGANISATIONS = {
    "district": "区委",
    "street": "街道党工委",
    "town": "镇党委",
    "village": "村（社区）党组织",
    "enterprise": "企业党组织",
    "sector": "政协党组",
    "committee": "政协党组",
}


class ConsultationPlan(models.Model):
    _name = "consultation.plan"
    _description = "Annual Consultation Plan"
    _inherit = ["consultation.approval.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, room_id"

    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _approval_activity_type = "consultation.mail_activity_type_approval_plan"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        # A year is a label: never summed in lists, pivots or groups.
        aggregator=False,
        required=True,
        default=lambda self: self.env.company._consultation_today().year,
        tracking=True,
    )
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    topic_ids = fields.One2many("consultation.topic", "plan_id", string="Topics")
    topic_count = fields.Integer(compute="_compute_topic_count")
    note = fields.Html()
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    approved_date = fields.Date(readonly=True, copy=False)
    party_reviewer_ids = fields.Many2many(
        "res.users",
        compute="_compute_party_reviewer_ids",
        string="Party Organisation Reviewers",
        help="同级党组织 of the plan's room (or of the nearest room above it that names"
        " some): they approve the plan.",
    )

    _sql_constraints = [
        (
            "room_year_uniq",
            "unique(room_id, year)",
            "A room has one annual plan per year.",
        ),
    ]

    @api.depends("year", "room_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = _(
                "%(year)s Consultation Plan of %(room)s", year=plan.year, room=plan.room_id.name
            )

    @api.depends("room_id.party_reviewer_ids", "room_id.parent_id")
    def _compute_party_reviewer_ids(self):
        for plan in self:
            plan.party_reviewer_ids = plan.room_id._get_party_reviewers() if plan.room_id else False

    def _compute_topic_count(self):
        counts = dict(
            self.env["consultation.topic"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.topic_count = counts.get(plan, 0)

    @api.returns("tier.review")
    def request_validation(self):
        for plan in self:
            if not plan.topic_ids:
                raise UserError(
                    _("Add the topics of %(plan)s before sending it for approval.", plan=plan.name)
                )
            plan.room_id._check_party_reviewers()
        return super().request_validation()

    def action_approve(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(_("Only a draft plan can be approved."))
            if plan.validation_status != "validated":
                raise UserError(
                    _(
                        "%(plan)s has not been approved by the party organisation yet: send it"
                        " for approval and wait for its decision.",
                        plan=plan.name,
                    )
                )
        self._set_state(
            {"state": "approved", "approved_date": self.env.company._consultation_today()}
        )
        # Screened topics waited for the plan: its approval confirms them.
        self.topic_ids.filtered(lambda t: t.state == "screened" and not t.excluded).action_approve()
        return True

    def action_cancel(self):
        if any(plan.state == "cancelled" for plan in self):
            raise UserError(_("This plan is already cancelled."))
        self.filtered("review_ids").restart_validation()
        self._set_state({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        if any(plan.state != "cancelled" for plan in self):
            raise UserError(_("Only a cancelled plan can be reset to draft."))
        self._set_state({"state": "draft"})
        return True

    def _party_organisation_label(self):
        """The party organisation of the room's level that approves its plan
        (同级党组织), as the printed plan names it: 经街道党工委审定."""
        self.ensure_one()
        return PARTY_ORGANISATIONS.get(self.room_id.level, "同级党组织")

    def _print_rows(self):
        """The printed plan's rows, in quarter order: the topic, its leading unit
        (the special committee of its deliberation plan, else the room), its form of
        consultation and its planned time (the deliberation plan's day, else the
        quarter)."""
        self.ensure_one()
        topics = self.topic_ids.sorted(lambda t: (t.planned_quarter or "9", t.id))
        quarters = dict(topics._fields["planned_quarter"]._description_selection(self.env))
        dates = self.company_id._consultation_dates()
        rows = []
        for topic in topics:
            deliberation = topic.deliberation_plan_id
            forms = dict(deliberation._fields["form"]._description_selection(self.env))
            rows.append(
                {
                    "topic": topic.name,
                    "lead": deliberation.lead_committee or topic.room_id.name,
                    "form": forms.get(deliberation.form, "") if deliberation else "",
                    "when": dates.date(deliberation.date_planned)
                    if deliberation.date_planned
                    else quarters.get(topic.planned_quarter, ""),
                }
            )
        return rows

    def action_view_topics(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_topic_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "default_room_id": self.room_id.id}
        return action
