"""Consultation topics from collection through screening, approval, publication and research."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.rules import id_among

OPEN_STATES = (
    "draft",
    "submitted",
    "screened",
    "approved",
    "published",
    "researching",
    "ready",
    "deliberated",
    "implementing",
)
# A topic is cancelled only before it is deliberated: after, it is history.
CANCELLABLE_STATES = OPEN_STATES[: OPEN_STATES.index("deliberated")]
# States in which a topic is public: announced and after.
PUBLIC_STATES = ("published", "researching", "ready", "deliberated", "implementing", "done")


class ConsultationTopic(models.Model):
    _name = "consultation.topic"
    _description = "Consultation Topic"
    _inherit = [
        "consultation.numbered.mixin",
        "consultation.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sequence_code = "consultation.topic"
    # Kanban columns: the two dead ends only when topics sit there.
    _dead_end_states = ("rejected", "cancelled")
    _order = "id desc"
    # The party organisation's report and acknowledgement move only through their
    # actions, like the status.
    _guarded_fields = ("state", "sensitive_state", "sensitive_acknowledged_by_id")

    _state_from = ["screened"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _approval_activity_type = "consultation.mail_activity_type_approval"

    # Identity
    code = fields.Char("Receipt Number", help="Number given to the proposer to follow the topic.")
    # A trigram index where PostgreSQL has pg_trgm: the title search of lists and
    # the board, and the similar titles of screening (consultation_topic_duplicate).
    name = fields.Char("Title", required=True, tracking=True, index="trigram")
    description = fields.Html()
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
        help="Secretary who follows the topic.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("screened", "Screened"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("researching", "Researching"),
            ("ready", "Ready for Deliberation"),
            ("deliberated", "Deliberated"),
            ("implementing", "Implementing"),
            ("done", "Done"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )

    # Origin (议题提出)
    source = fields.Selection(
        [
            ("party_gov", "Assigned by Party and Government"),
            ("member", "Proposed by Members"),
            ("public", "Collected from the Public"),
            ("joint", "Joint"),
        ],
        required=True,
        default="member",
        tracking=True,
    )
    proposer_id = fields.Many2one("res.partner", tracking=True)
    contact_name = fields.Char(help="Name left by a resident who proposed the topic.")
    # Never shown publicly, nor to a meeting's invitees: the consultation roles only.
    contact_phone = fields.Char(
        help="Never shown publicly.", groups="consultation.group_consultation_viewer"
    )
    category = fields.Many2one(
        "consultation.expertise",
        string="Field",
        tracking=True,
        help="Field the topic belongs to; experts of that field are suggested.",
    )
    date_proposed = fields.Date(
        default=lambda self: self.env.company._consultation_today(), required=True
    )
    # Year filters of the topic list and the experts' topics of the year (a seq scan
    # of 100,000 topics, 11 ms, at province scale; an index scan of the year's after).
    year = fields.Integer(compute="_compute_year", store=True, index=True, aggregator=False)
    plan_id = fields.Many2one(
        "consultation.plan",
        string="Annual Plan",
        index=True,
        tracking=True,
        domain="[('room_id', '=', room_id), ('state', '=', 'draft')]",
    )
    planned_quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        help="Quarter of the annual plan in which the topic is to be deliberated.",
    )
    is_temporary = fields.Boolean(
        "Temporary Topic",
        compute="_compute_is_temporary",
        store=True,
        help="Added outside the annual plan.",
    )
    party_reviewer_ids = fields.Many2many(
        "res.users",
        compute="_compute_party_reviewer_ids",
        string="Party Organisation Reviewers",
        help="同级党组织 of the topic's room (or of the nearest room above it that names"
        " some): the last tier of a temporary topic's approval.",
    )

    rejection_reason = fields.Text(copy=False, tracking=True)

    # Preparation (协商准备)
    research_ids = fields.One2many("consultation.research", "topic_id")
    research_count = fields.Integer(compute="_compute_counts")
    opinion_ids = fields.One2many("consultation.opinion", "topic_id", string="Opinions")
    opinion_count = fields.Integer(compute="_compute_counts")
    opinion_new_count = fields.Integer(compute="_compute_counts")
    expert_ids = fields.Many2many(
        "consultation.expert",
        "consultation_topic_expert_rel",
        "topic_id",
        "expert_id",
        string="Experts",
    )
    suggested_expert_ids = fields.Many2many(
        "consultation.expert",
        compute="_compute_suggested_expert_ids",
        help="Available experts of the topic's field who are not invited yet.",
    )
    stakeholder_ids = fields.Many2many(
        "res.partner",
        "consultation_topic_stakeholder_rel",
        "topic_id",
        "partner_id",
        string="Stakeholders",
    )
    deliberation_plan_ids = fields.One2many(
        "consultation.deliberation.plan", "topic_id", string="Deliberation Plans"
    )
    deliberation_plan_id = fields.Many2one(
        "consultation.deliberation.plan",
        compute="_compute_deliberation_plan_id",
    )
    deliberation_plan_state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        compute="_compute_deliberation_plan_id",
        string="Deliberation Plan Status",
    )
    deliberation_plan_exempt = fields.Boolean(
        "Deliberated without a Plan",
        readonly=True,
        copy=False,
        help="Ready for deliberation or on an agenda before deliberation plans were"
        " required: it may be deliberated without one.",
    )
    meeting_ids = fields.Many2many(
        "consultation.meeting",
        "consultation_meeting_topic_rel",
        "topic_id",
        "meeting_id",
        string="Meetings",
        readonly=True,
        copy=False,
    )
    # Whoever a scheduled meeting on the agenda invites reads the topic (the invitee
    # rule). A search field, so that the rule is found by index (tools.rules.id_among),
    # not an EXISTS per topic: a secretary's list of 100,000 topics counted 5× slower.
    invitee_partner_ids = fields.Many2many(
        "res.partner",
        string="Invited to Its Meetings",
        compute="_compute_invitee_partner_ids",
        search="_search_invitee_partner_ids",
        compute_sudo=True,
        # For the record rules (evaluated as superuser): nobody reads who is invited
        # to meetings they may not see through it.
        groups="base.group_system",
    )
    meeting_count = fields.Integer(compute="_compute_counts")
    outcome_ids = fields.One2many("consultation.outcome", "topic_id", string="Outcomes")
    outcome_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer()

    @api.depends("deliberation_plan_ids.state")
    def _compute_deliberation_plan_id(self):
        for topic in self:
            topic.deliberation_plan_id = topic.deliberation_plan_ids[:1]
            topic.deliberation_plan_state = topic.deliberation_plan_id.state

    @api.depends("meeting_ids.partner_ids", "meeting_ids.state")
    def _compute_invitee_partner_ids(self):
        for topic in self:
            meetings = topic.meeting_ids.filtered(lambda m: m.state != "draft")
            topic.invitee_partner_ids = meetings.partner_ids

    def _search_invitee_partner_ids(self, operator, value):
        if operator != "in":
            raise UserError(_("Search the topics by their meetings' invitees with “in”."))
        # As superuser: this field serves the invitee rule, which is itself the check.
        meetings = (
            self.env["consultation.meeting"].sudo()._search([("invitee_partner_ids", "in", value)])
        )
        agenda = self._fields["meeting_ids"]
        return id_among(
            SQL(
                "SELECT %s FROM %s WHERE %s IN %s",
                SQL.identifier(agenda.column1),
                SQL.identifier(agenda.relation),
                SQL.identifier(agenda.column2),
                meetings.subselect(),
                to_flush=agenda,
            )
        )

    @api.depends("date_proposed")
    def _compute_year(self):
        for topic in self:
            topic.year = topic.date_proposed.year if topic.date_proposed else False

    @api.depends("plan_id")
    def _compute_is_temporary(self):
        for topic in self:
            topic.is_temporary = not topic.plan_id

    @api.depends("room_id.party_reviewer_ids", "room_id.parent_id")
    def _compute_party_reviewer_ids(self):
        for topic in self:
            topic.party_reviewer_ids = (
                topic.room_id._get_party_reviewers() if topic.room_id else False
            )

    def _compute_counts(self):
        def count(model, groupby):
            # What the user may read: a meeting's invitees read the topic, not its
            # research or outcomes.
            Model = self.env[model]
            if not Model.has_access("read"):
                return []
            return Model._read_group([(groupby[0], "in", self.ids)], groupby, ["__count"])

        research = dict(count("consultation.research", ["topic_id"]))
        opinions = {}
        new_opinions = {}
        for topic, state, number in count("consultation.opinion", ["topic_id", "state"]):
            opinions[topic] = opinions.get(topic, 0) + number
            if state == "new":
                new_opinions[topic] = number
        meetings = dict(count("consultation.meeting", ["topic_ids"]))
        outcomes = dict(count("consultation.outcome", ["topic_id"]))
        for topic in self:
            topic.outcome_count = outcomes.get(topic, 0)
            topic.meeting_count = meetings.get(topic, 0)
            topic.research_count = research.get(topic, 0)
            topic.opinion_count = opinions.get(topic, 0)
            topic.opinion_new_count = new_opinions.get(topic, 0)

    @api.depends("category", "expert_ids")
    def _compute_suggested_expert_ids(self):
        experts = self.env["consultation.expert"].search(
            [("available", "=", True), ("expertise_ids", "in", self.category.ids)]
        )
        for topic in self:
            topic.suggested_expert_ids = (
                experts.filtered(lambda e, t=topic: t.category in e.expertise_ids)
                - topic.expert_ids
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_plan_open(vals.get("plan_id"))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("plan_id") and any(topic.plan_id.id != vals["plan_id"] for topic in self):
            self._check_plan_open(vals["plan_id"])
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        # A copy is a new topic: once its plan is approved it joins no plan, and is a
        # temporary topic approved on its own (as _check_plan_open asks).
        for topic, vals in zip(self, vals_list, strict=True):
            if "plan_id" not in (default or {}) and topic.plan_id.state != "draft":
                vals.pop("plan_id", None)
                vals.pop("planned_quarter", None)
        return vals_list

    def _check_plan_open(self, plan_id):
        """Topics join a plan before the party organisation approves it: one added later
        is a temporary topic (计划外), approved on its own, not let in through the plan."""
        if not plan_id or self.env.su:
            return
        plan = self.env["consultation.plan"].browse(plan_id)
        if plan.state != "draft":
            raise UserError(
                _(
                    "%(plan)s is no longer a draft: a topic added now is a temporary topic,"
                    " approved on its own. Leave its annual plan empty.",
                    plan=plan.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        # Whatever its state: a topic a held meeting deliberated, or with outcomes, is
        # part of the record.
        topics = self.sudo()
        held = topics.meeting_ids.filtered(
            lambda m: m.state in ("held", "minutes_review", "closed")
        )
        if held or topics.outcome_ids:
            raise UserError(
                _(
                    "A topic that a held meeting deliberated or that has outcomes is part of"
                    " the record and cannot be deleted."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(topic.state not in ("draft", "cancelled") for topic in self):
            raise UserError(
                _("Only draft or cancelled topics can be deleted. Cancel or archive the others.")
            )

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def action_submit(self):
        self._check_state(("draft",), _("Only a draft topic can be submitted."))
        self._set_state({"state": "submitted"})
        return True

    def action_approve(self):
        """议题确定: possible once every tier has approved."""
        self._check_state(("screened",), _("Only a screened topic can be approved."))
        self._check_not_excluded()
        self._check_approval_complete()
        self._set_state({"state": "approved"})
        self._notify_proposer("consultation.mail_template_topic_approved")
        return True

    def action_publish(self):
        """信息发布: announce the topic and open it for opinions."""
        self._check_state(("approved",), _("Only an approved topic can be published."))
        today = self.env.company._consultation_today()
        self._check_approval_complete()
        for topic in self:
            # Once reported, the report stands even if "sensitive" is unticked later.
            if (topic.sensitive or topic.sensitive_state) and topic.sensitive_state != (
                "acknowledged"
            ):
                raise UserError(
                    _(
                        "“%(topic)s” is a sensitive topic: it is published only once the party"
                        " organisation has acknowledged its report.",
                        topic=topic.name,
                    )
                )
            start = topic.publish_date_start or today
            end = topic.publish_date_end or start + timedelta(days=topic.room_id.publish_days)
            if end < start:
                raise UserError(
                    _(
                        "The notice of “%(topic)s” cannot end before it starts.",
                        topic=topic.name,
                    )
                )
            topic._set_state(
                {"state": "published", "publish_date_start": start, "publish_date_end": end}
            )
        self._notify_proposer("consultation.mail_template_topic_published")
        return True

    def action_start_research(self):
        self._check_state(("published",), _("Only a published topic can move to research."))
        self._set_state({"state": "researching"})
        return True

    def _check_deliberable(self, researched=False):
        """Only topics approved, announced and researched go on a meeting's agenda;
        when the meeting is held, their research must still be on record."""
        no_research = self.filtered(lambda t: not t.research_ids)
        if researched and no_research:
            raise UserError(
                _(
                    "No deliberation without research: “%(topic)s” has no research"
                    " record. Record the research before holding the meeting.",
                    topic=no_research[0].name,
                )
            )
        not_ready = self.filtered(lambda t: t.state != "ready")
        if not_ready:
            raise UserError(
                _(
                    "“%(topic)s” is not ready for deliberation: only topics that have been"
                    " approved, announced and researched go on a meeting's agenda.",
                    topic=not_ready[0].name,
                )
            )
        no_plan = self.filtered(
            lambda t: not t.deliberation_plan_exempt and t.deliberation_plan_state != "confirmed"
        )
        if no_plan:
            raise UserError(
                _(
                    "No deliberation without a plan: “%(topic)s” has no confirmed"
                    " deliberation plan. Draft it from the topic (Deliberation Plan), confirm"
                    " it, then put the topic on the agenda.",
                    topic=no_plan[0].name,
                )
            )

    def action_mark_ready(self):
        """不调研不协商: no deliberation without research."""
        self._check_state(
            ("researching",), _("Only a topic under research can be marked ready for deliberation.")
        )
        for topic in self:
            if not topic.research_ids:
                raise UserError(
                    _(
                        "No research without deliberation, and no deliberation without"
                        " research: record at least one research activity for “%(topic)s”"
                        " first.",
                        topic=topic.name,
                    )
                )
        self._set_state({"state": "ready"})
        return True

    def action_reject(self):
        self._check_state(
            ("draft", "submitted", "screened"), _("Only a topic not yet approved can be rejected.")
        )
        for topic in self:
            if not topic.rejection_reason:
                raise UserError(
                    _("Write the reason why “%(topic)s” is rejected.", topic=topic.name)
                )
        # A running review must not keep a rejected topic in the reviewers' lists.
        self.filtered("review_ids").restart_validation()
        self._set_state({"state": "rejected"})
        self._notify_proposer("consultation.mail_template_topic_rejected")
        return True

    def action_cancel(self):
        self._check_state(
            CANCELLABLE_STATES,
            _("Only a topic not yet deliberated can be cancelled; a deliberated topic is history."),
        )
        self.filtered("review_ids").restart_validation()
        self._set_state({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self._check_state(
            ("rejected", "cancelled"),
            _("Only a rejected or cancelled topic can be reset to draft."),
        )
        # Screened again from scratch: an old report or acknowledgement does not carry over.
        self._set_state(
            {
                "state": "draft",
                "screening_rule_ids": [(5, 0, 0)],
                "rejection_reason": False,
                "sensitive_state": False,
                "sensitive_acknowledged_by_id": False,
            }
        )
        return True

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------
    def action_view_opinions(self):
        return self._open_related("consultation.consultation_opinion_action")

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_meeting_action"
        )
        action["domain"] = [("topic_ids", "in", self.ids)]
        action["context"] = {
            "default_room_id": self.room_id.id,
            "default_topic_ids": [self.id] if self.state == "ready" else [],
        }
        return action

    def action_create_case(self):
        """典型案例: write up a finished topic, prefilled from its meetings and outcomes."""
        self.ensure_one()
        self._check_state(("done",), _("Only a completed topic can be written up as a case."))
        # Two clicks at once: the topic row is written first, so that the second
        # transaction hits a write conflict (a row lock alone would not stop its insert
        # under REPEATABLE READ); Odoo retries it and it opens the case the first made.
        self.env.cr.execute(
            "UPDATE consultation_topic SET write_date = write_date WHERE id = %s", [self.id]
        )
        Case = self.env["consultation.case"]
        case = Case.with_context(active_test=False).search([("topic_id", "=", self.id)], limit=1)
        if not case:
            case = Case.create(Case._values_from_topic(self))
        return case.get_formview_action()

    def action_view_outcomes(self):
        return self._open_related("consultation.consultation_outcome_action")

    def _sync_implementation_state(self):
        """结果落实: a deliberated topic is implementing while its outcomes are carried
        out, and done once every one of them is done and fed back."""
        # As superuser: the department that accepts or completes an outcome moves the
        # topic's status on, without any right to edit the topic itself.
        for topic in self.sudo():
            if topic.state not in ("deliberated", "implementing", "done"):
                continue
            states = set(topic.outcome_ids.mapped("state")) - {"rejected", "draft"}
            if not states:
                continue
            if states == {"done"}:
                new_state = "done"
            elif states & {"in_progress", "done"}:
                new_state = "implementing"
            else:
                new_state = "deliberated"
            if new_state != topic.state:
                topic._set_state({"state": new_state})
                if new_state == "done":
                    topic._notify_results()

    def action_open_deliberation_plan(self):
        """议事方案: open the topic's plan, or draft it from the topic and its research."""
        self.ensure_one()
        Plan = self.env["consultation.deliberation.plan"]
        plan = Plan.search([("topic_id", "=", self.id)], limit=1)
        if not plan:
            self._check_state(
                ("researching", "ready"),
                _("A deliberation plan is drafted once the topic is under research."),
            )
            # Two clicks at once: as for cases, the topic row is written first so that
            # the second transaction conflicts, is retried and opens the plan the first
            # one drafted.
            self.env.cr.execute(
                "UPDATE consultation_topic SET write_date = write_date WHERE id = %s", [self.id]
            )
            plan = Plan.search([("topic_id", "=", self.id)], limit=1) or Plan.create(
                Plan._values_from_topic(self)
            )
        return plan.get_formview_action()

    def action_view_research(self):
        return self._open_related("consultation.consultation_research_action")

    def _open_related(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("topic_id", "=", self.id)]
        action["context"] = {"default_topic_id": self.id}
        return action

    def action_add_suggested_experts(self):
        for topic in self:
            topic.expert_ids |= topic.suggested_expert_ids
        return True
