"""Consultation topics from collection through screening, approval, publication and research."""

import logging
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index, format_list, plaintext2html

from .consultation_meeting import HELD_STATES

_logger = logging.getLogger(__name__)

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
DUPLICATE_SIMILARITY = 0.3


STEP_OF_STATE = {
    "draft": "collection",  # 议题提出
    "submitted": "collection",
    "screened": "screening",  # 议题审查
    "approved": "screening",  # 议题确定
    "published": "publication",  # 信息发布、意见收集
    "researching": "preparation",  # 意见整理
    "ready": "preparation",
    "deliberated": "deliberation",  # 协商讨论、达成共识
    "implementing": "feedback",  # 结果落实
    "done": "feedback",
}

# The nine links of the "369" method, in order: where a topic stands is read from its
# state, refined by what it has gathered (opinions while on notice, outcomes once
# deliberated).
LINK_OF_STATE = {
    "draft": "proposal",  # 议题提出
    "submitted": "proposal",
    "screened": "review",  # 议题审查
    "approved": "confirmation",  # 议题确定
    "published": "publication",  # 信息发布 (意见收集 once opinions come in)
    "researching": "sorting",  # 意见整理
    "ready": "sorting",
    "deliberated": "discussion",  # 协商讨论 (达成共识 once outcomes are agreed)
    "implementing": "implementation",  # 结果落实
    "done": "implementation",
}


class ConsultationTopic(models.Model):
    _name = "consultation.topic"
    _description = "Consultation Topic"
    _inherit = ["consultation.approval.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    # The party organisation's report and acknowledgement move only through their
    # actions, like the status.
    _guarded_fields = ("state", "sensitive_state", "sensitive_acknowledged_by_id")

    _state_from = ["screened"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _approval_activity_type = "consultation.mail_activity_type_approval"

    # Identity
    code = fields.Char(
        "Receipt Number",
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: _("New"),
        help="Number given to the proposer to follow the topic.",
    )
    name = fields.Char("Title", required=True, tracking=True)
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

    # The six steps of the "369" method every office knows, over the finer states.
    step = fields.Selection(
        [
            ("collection", "Collecting Topics"),
            ("screening", "Screening Topics"),
            ("publication", "Announcing Topics"),
            ("preparation", "Preparing Consultation"),
            ("deliberation", "Consulting"),
            ("feedback", "Feeding Back Results"),
        ],
        string="369 Step",
        compute="_compute_step",
        store=True,
        index=True,
        group_expand="_expand_steps",
        help="The step of the 369 method the topic is in; rejected and cancelled topics"
        " are in none.",
    )

    # The nine links of the "369" method, finer than the six steps.
    link = fields.Selection(
        [
            ("proposal", "Topic Proposal"),
            ("review", "Topic Review"),
            ("confirmation", "Topic Confirmation"),
            ("publication", "Information Release"),
            ("collection", "Opinion Collection"),
            ("sorting", "Opinion Sorting"),
            ("discussion", "Consultation and Discussion"),
            ("consensus", "Consensus Reached"),
            ("implementation", "Implementation of Results"),
        ],
        string="369 Link",
        compute="_compute_link",
        store=True,
        index=True,
        group_expand="_expand_links",
        help="The link of the 369 method the topic has reached: from its status, with"
        " opinion collection once opinions come in during the notice and consensus once"
        " outcomes of its deliberation are recorded. Rejected and cancelled topics are in"
        " none.",
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

    # Screening (议题审查)
    screening_rule_ids = fields.Many2many(
        "consultation.screening.rule", string="Screening Result", copy=False
    )
    screening_note = fields.Text(copy=False)
    screened_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    screened_date = fields.Date(readonly=True, copy=False)
    excluded = fields.Boolean(
        "Hit by a Rule Not to Deliberate",
        compute="_compute_excluded",
        store=True,
        help="A rule not to deliberate applies: the topic can only be rejected.",
    )
    rejection_reason = fields.Text(copy=False, tracking=True)
    sensitive = fields.Boolean(
        "Sensitive Topic",
        tracking=True,
        copy=False,
        help="敏感议题: reported to the party organisation of the same level at screening;"
        " it is not published before that organisation has acknowledged the report.",
    )
    sensitive_state = fields.Selection(
        [("reported", "Reported to the Party Organisation"), ("acknowledged", "Acknowledged")],
        "Sensitive Topic Report",
        readonly=True,
        copy=False,
        tracking=True,
    )
    sensitive_acknowledged_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # Publication (议题公示)
    publish_date_start = fields.Date("Notice From", copy=False, tracking=True)
    publish_date_end = fields.Date("Notice Until", copy=False, tracking=True)
    in_publication_window = fields.Boolean(
        compute="_compute_in_publication_window", search="_search_in_publication_window"
    )

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
    meeting_count = fields.Integer(compute="_compute_counts")
    outcome_ids = fields.One2many("consultation.outcome", "topic_id", string="Outcomes")
    outcome_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer()

    def _group_expand_states(self, states, domain):
        # Kanban columns follow the life cycle, with every step of it shown; the two
        # dead ends only when topics sit there.
        return [
            key
            for key, _label in self._fields["state"].selection
            if key not in ("rejected", "cancelled") or key in states
        ]

    @api.depends("state")
    def _compute_step(self):
        for topic in self:
            topic.step = STEP_OF_STATE.get(topic.state, False)

    @api.model
    def _expand_steps(self, steps, domain):
        return [key for key, _label in self._fields["step"].selection]

    @api.depends("state", "opinion_ids", "outcome_ids.state")
    def _compute_link(self):
        for topic in self:
            link = LINK_OF_STATE.get(topic.state, False)
            if link == "publication" and topic.opinion_ids:
                link = "collection"
            elif link == "discussion" and topic.outcome_ids.filtered(
                lambda o: o.state != "rejected"
            ):
                link = "consensus"
            topic.link = link

    @api.depends("deliberation_plan_ids.state")
    def _compute_deliberation_plan_id(self):
        for topic in self:
            topic.deliberation_plan_id = topic.deliberation_plan_ids[:1]
            topic.deliberation_plan_state = topic.deliberation_plan_id.state

    @api.model
    def _expand_links(self, links, domain):
        return [key for key, _label in self._fields["link"].selection]

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

    @api.depends("screening_rule_ids.kind")
    def _compute_excluded(self):
        for topic in self:
            topic.excluded = "exclude" in topic.screening_rule_ids.mapped("kind")

    @api.depends("state", "publish_date_start", "publish_date_end")
    @api.depends_context("company")
    def _compute_in_publication_window(self):
        today = self.env.company._consultation_today()
        for topic in self:
            topic.in_publication_window = topic._is_open_for_opinions(today)

    def _is_open_for_opinions(self, today):
        self.ensure_one()
        return (
            self.state == "published"
            and bool(self.publish_date_start and self.publish_date_end)
            and self.publish_date_start <= today <= self.publish_date_end
        )

    def _search_in_publication_window(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This filter only accepts 'is set' or 'is not set'."))
        today = self.env.company._consultation_today()
        domain = [
            ("state", "=", "published"),
            ("publish_date_start", "<=", today),
            ("publish_date_end", ">=", today),
        ]
        return domain if (operator == "=") == value else ["!", "&", "&", *domain]

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

    @api.constrains("publish_date_start", "publish_date_end")
    def _check_publication_window(self):
        for topic in self:
            if (
                topic.publish_date_start
                and topic.publish_date_end
                and topic.publish_date_end < topic.publish_date_start
            ):
                raise ValidationError(
                    _(
                        "The notice of “%(topic)s” cannot end before it starts.",
                        topic=topic.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                room = self.env["consultation.room"].browse(vals.get("room_id"))
                company = room.sudo().company_id.with_env(self.env)
                vals["code"] = company._consultation_next_code("consultation.topic")
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

    def action_screen(self):
        """Record the screening result ticked on the topic (议题审查)."""
        self._check_state(
            ("submitted", "screened"), _("Only a submitted or screened topic can be screened.")
        )
        for topic in self:
            if not topic.screening_rule_ids:
                raise UserError(
                    _(
                        "Tick the rule to deliberate that “%(topic)s” fits, or the rule not"
                        " to deliberate that it hits, before recording the screening.",
                        topic=topic.name,
                    )
                )
        self._set_state(
            {
                "state": "screened",
                "screened_by_id": self.env.user.id,
                "screened_date": self.env.company._consultation_today(),
            }
        )
        self.filtered(lambda t: t.sensitive and not t.sensitive_state)._report_sensitive()
        return True

    def _report_sensitive(self):
        """敏感议题 go to the party organisation of their level before anything is made
        public: a to-do for its reviewers and a note in the chatter."""
        self.room_id._check_party_reviewers()
        for topic in self:
            reviewers = topic.room_id._get_party_reviewers()
            note = _(
                "“%(topic)s” was marked sensitive at screening and reported to the party"
                " organisation (%(reviewers)s): it is published only once they acknowledge it.",
                topic=topic.name,
                reviewers=format_list(self.env, reviewers.mapped("name")),
            )
            topic.message_post(body=note, subtype_xmlid="mail.mt_note")
            for user in reviewers:
                topic.activity_schedule(
                    "consultation.mail_activity_type_sensitive", user_id=user.id, note=note
                )
        self.sudo().write({"sensitive_state": "reported"})

    def action_acknowledge_sensitive(self):
        """The party organisation of the topic's level has taken note of the report."""
        for topic in self:
            if topic.sensitive_state != "reported":
                raise UserError(
                    _(
                        "“%(topic)s” has no sensitive-topic report waiting for acknowledgement.",
                        topic=topic.name,
                    )
                )
            if not (
                self.env.user in topic.room_id._get_party_reviewers()
                or self.env.user.has_group("consultation.group_consultation_manager")
            ):
                raise UserError(
                    _(
                        "Only the party organisation reviewers of “%(room)s” acknowledge the"
                        " report of a sensitive topic.",
                        room=topic.room_id.display_name,
                    )
                )
        self.sudo().write(
            {"sensitive_state": "acknowledged", "sensitive_acknowledged_by_id": self.env.user.id}
        )
        report = self.env.ref("consultation.mail_activity_type_sensitive")
        for topic in self.sudo():
            acks = topic.activity_ids.filtered(lambda a: a.activity_type_id == report)
            mine = acks.filtered(lambda a: a.user_id == self.env.user)
            (acks - mine).unlink()
            mine.action_feedback()
            topic.message_post(
                body=_(
                    "The party organisation acknowledged the report of this sensitive topic"
                    " (%(user)s).",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_screening_wizard(self):
        self.ensure_one()
        self._check_state(
            ("submitted", "screened"), _("Only a submitted or screened topic can be screened.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Screen Topic"),
            "res_model": "consultation.topic.screening.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_topic_id": self.id},
        }

    @api.returns("tier.review")
    def request_validation(self):
        for topic in self:
            if topic.state != "screened":
                raise UserError(
                    _("Screen “%(topic)s” before sending it for approval.", topic=topic.name)
                )
            topic._check_not_excluded()
            if topic.plan_id:
                raise UserError(
                    _(
                        "“%(topic)s” belongs to %(plan)s: it is approved with the plan, not on"
                        " its own. Confirm it once the plan is approved.",
                        topic=topic.name,
                        plan=topic.plan_id.name,
                    )
                )
            topic.room_id._check_party_reviewers()
        return super().request_validation()

    def _check_not_excluded(self):
        for topic in self:
            if topic.excluded:
                rules = topic.screening_rule_ids.filtered(lambda r: r.kind == "exclude")
                raise UserError(
                    _(
                        "“%(topic)s” hits a rule not to deliberate (%(rules)s): it can only"
                        " be rejected.",
                        topic=topic.name,
                        rules=format_list(self.env, rules.mapped("name")),
                    )
                )

    def action_approve(self):
        """议题确定: possible once every tier has approved."""
        self._check_state(("screened",), _("Only a screened topic can be approved."))
        self._check_not_excluded()
        self._check_approval_complete()
        self._set_state({"state": "approved"})
        self._notify_proposer("consultation.mail_template_topic_approved")
        return True

    def _check_approval_complete(self):
        """A topic of an annual plan was approved with the plan by the party organisation
        of its level; a temporary topic needs its own tiers (by level, see the tier
        definitions)."""
        for topic in self:
            if topic.plan_id:
                if topic.plan_id.state != "approved":
                    raise UserError(
                        _(
                            "“%(topic)s” waits for %(plan)s: it is confirmed once the party"
                            " organisation has approved the plan.",
                            topic=topic.name,
                            plan=topic.plan_id.name,
                        )
                    )
            elif topic.validation_status != "validated":
                raise UserError(
                    _(
                        "The approval of “%(topic)s” is not complete yet: ask for it, and"
                        " every reviewer in turn must approve it first.",
                        topic=topic.name,
                    )
                )

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

    @api.model
    def _get_under_validation_exceptions(self):
        # The party organisation acknowledges a sensitive topic whatever its review.
        return [
            *super()._get_under_validation_exceptions(),
            "sensitive_state",
            "sensitive_acknowledged_by_id",
        ]

    def _tier_rework_values(self):
        # A reviewer's refusal sends the topic back to screening.
        return {"state": "submitted"}

    def _tier_rework_summary(self):
        return _("Rework the topic after the reviewer's refusal")

    # ------------------------------------------------------------------
    # The public side (portal): what residents see and send
    # ------------------------------------------------------------------
    @api.model
    def _public_domain(self):
        """Topics the public may see: announced, from the first day of their notice."""
        today = self.env.company._consultation_today()
        return [("state", "in", PUBLIC_STATES), ("publish_date_start", "<=", today)]

    @api.model
    def _portal_board(self, room_code=None, search=None, offset=0, limit=20):
        """The notice board: topics on notice today (most urgent first), fed-back
        outcomes and published cases, of one street or room and below when a code is
        given. Read as superuser: every domain here keeps to public records."""
        today = self.env.company._consultation_today()
        Room = self.env["consultation.room"].sudo()
        room = Room._find_by_code(room_code) if room_code else Room
        domain = [
            ("state", "=", "published"),
            ("publish_date_start", "<=", today),
            ("publish_date_end", ">=", today),
        ]
        outcome_domain = [("state", "=", "done"), ("public_feedback", "!=", False)]
        case_domain = [("state", "=", "published")]
        if room_code:
            below = [("room_id", "child_of", room.ids)]
            domain += below
            outcome_domain += below
            case_domain += below
        if search:
            domain.append(("name", "ilike", search))
        Topic = self.sudo()
        # Only what the board prints is read (no descriptions, no case texts), and the
        # rooms' names of all three lists in one query.
        topics = Topic.search_fetch(
            domain,
            ["name", "room_id", "publish_date_end"],
            order="publish_date_end, id desc",
            limit=limit,
            offset=offset,
        )
        # A first page that is not full is the whole list: no need to count it.
        total = (
            len(topics)
            if not offset and (not limit or len(topics) < limit)
            else Topic.search_count(domain)
        )
        outcomes = (
            self.env["consultation.outcome"]
            .sudo()
            .search_fetch(
                outcome_domain, ["name", "room_id", "public_feedback", "satisfaction"], limit=10
            )
        )
        cases = (
            self.env["consultation.case"]
            .sudo()
            .search_fetch(case_domain, ["name", "room_id"], limit=6)
        )
        (topics.room_id | outcomes.room_id | cases.room_id).fetch(["name"])
        return {
            "total": total,
            "topics": topics,
            "outcomes": outcomes,
            "cases": cases,
            "streets": Room.search_fetch(
                [("level", "in", ("district", "street", "town"))], ["code", "name"]
            ),
            "room": room,
        }

    @api.model
    def _create_from_suggestion(self, values, partner=None):
        """社会征: a resident's suggestion becomes a draft topic of source `public` in
        the room named by its code (else the district's), assigned to that room's
        secretary, who is told. `values` are the form's, already checked for size;
        `partner` is the signed-in resident, if any."""
        Room = self.env["consultation.room"].sudo()
        company = values.get("room_company") or ""
        room = Room._find_by_code(values.get("room_code"), company.isdigit() and int(company))
        room = room or Room.search([("level", "=", "district")], order="id", limit=1)
        if not room:
            raise UserError(_("No consultation room takes suggestions at the moment."))
        # As superuser: the public has no right on topics; this method is the door.
        topic = self.sudo().create(
            {
                "name": values["name"].strip(),
                # Stored as text: markup sent by a resident is shown, never run.
                "description": plaintext2html(values["description"].strip()),
                "room_id": room.id,
                "source": "public",
                "contact_name": values["contact_name"].strip(),
                "contact_phone": (values.get("contact_phone") or "").strip(),
                "proposer_id": partner.id if partner else False,
                "user_id": room.secretary_ids[:1].id or False,
            }
        )
        topic._notify_new_public_suggestion()
        return topic

    def _notify_new_public_suggestion(self):
        """A resident's suggestion waits for moderation: its room's secretaries get a
        to-do, and the suggestion shows in the 待审核 filter."""
        for topic in self:
            body = _(
                "Suggestion %(code)s sent by %(name)s on the public notice board.",
                code=topic.code,
                name=topic.contact_name,
            )
            topic.message_post(body=body, subtype_xmlid="mail.mt_note")
            for user in topic.room_id.secretary_ids or topic.user_id:
                topic.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_("Screen a suggestion from the public"),
                )

    def _notify_results(self):
        """结果反馈 to the proposer: by mail where an address is known; a portal user also
        reads it in /my/consultation, an anonymous resident with the receipt number."""
        self._notify_proposer("consultation.mail_template_topic_done")
        self._notify_participants_of_results()
        for topic in self:
            topic.message_post(
                body=_(
                    "All outcomes of “%(topic)s” are done: the results are reported back to"
                    " its proposer.",
                    topic=topic.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _notify_participants_of_results(self):
        """向协商主体、利益相关方反馈落实情况: those who attended its meetings and the
        topic's stakeholders get the results (by mail, or in their inbox when they sign
        in), the proposer having had their own."""
        template = self.env.ref("consultation.mail_template_topic_results_participants")
        for topic in self:
            held = topic.meeting_ids.filtered(lambda m: m.state in HELD_STATES)
            attendees = held.attendance_ids.filtered(lambda a: a.state == "attended").partner_id
            partners = (attendees | topic.stakeholder_ids) - topic.proposer_id
            if partners:
                topic.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment", partner_ids=partners.ids
                )

    def _lookup_suggestion(self, code, phone_last4):
        """A resident follows their suggestion with its receipt number and the last four
        digits of the phone number they left: the topic, or nothing."""
        code = (code or "").strip()
        last4 = "".join(c for c in (phone_last4 or "") if c.isdigit())
        if not code or len(last4) != 4:
            return self.browse()
        topic = self.sudo().search([("code", "=", code), ("source", "=", "public")], limit=1)
        phone = "".join(c for c in (topic.contact_phone or "") if c.isdigit())
        if len(phone) < 4 or not phone.endswith(last4):
            return self.browse()
        return topic

    def _public_results(self):
        """What the public may read of a topic's results: done outcomes' feedback."""
        self.ensure_one()
        return self.sudo().outcome_ids.filtered(lambda o: o.state == "done" and o.public_feedback)

    def _notify_proposer(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for topic in self.filtered(lambda t: t.proposer_id.email):
            topic.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=topic.proposer_id.ids,
            )

    # ------------------------------------------------------------------
    # Duplicates (same room, similar title, open or done in the last two years)
    # ------------------------------------------------------------------
    def _find_duplicates(self, limit=5):
        self.ensure_one()
        since = self.env.company._consultation_today() - timedelta(days=730)
        domain = [
            ("id", "!=", self.id or 0),
            ("room_id", "=", self.room_id.id),
            ("state", "not in", ("rejected", "cancelled")),
            ("date_proposed", ">=", since),
        ]
        candidates = self.search(domain)
        if not candidates or not self.name:
            return candidates.browse()
        if self._pg_trgm_available():
            self.env.cr.execute(
                """
                SELECT id FROM consultation_topic
                 WHERE id = ANY(%s) AND similarity(name, %s) >= %s
              ORDER BY similarity(name, %s) DESC
                 LIMIT %s
                """,
                [candidates.ids, self.name, DUPLICATE_SIMILARITY, self.name, limit],
            )
            return self.browse([row[0] for row in self.env.cr.fetchall()])
        scored = [(_similarity(self.name, other.name), other) for other in candidates]
        scored = [item for item in scored if item[0] >= DUPLICATE_SIMILARITY]
        scored.sort(key=lambda item: item[0], reverse=True)
        return self.browse([other.id for _score, other in scored[:limit]])

    @api.model
    def _pg_trgm_available(self):
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return bool(self.env.cr.fetchone())

    def init(self):
        # pg_trgm finds similar titles in SQL; without the right to create it, the
        # Python fallback in _find_duplicates does the same work.
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error:
            _logger.info("pg_trgm unavailable: duplicate topics are found in Python.")
        # The notice board and its cron: topics published with a window around today,
        # in window order (a seventh of a province's topics are published, few on notice).
        create_index(
            self.env.cr,
            "consultation_topic_publication_window_index",
            self._table,
            ["publish_date_end", "publish_date_start"],
            where="state = 'published'",
        )

    # ------------------------------------------------------------------
    # Cron: the notice window has ended
    # ------------------------------------------------------------------
    @api.model
    def _cron_close_publication(self):
        ended = self.search(
            [
                ("state", "=", "published"),
                ("publish_date_end", "<", self.env.company._consultation_today()),
            ]
        )
        # One batch insert for the chatter notes instead of a tracking message per topic.
        ended.with_context(tracking_disable=True)._set_state({"state": "researching"})
        ended._message_log_batch(
            bodies={
                topic.id: _(
                    "The public notice ended on %(date)s: the topic moves to research.",
                    date=topic.company_id.with_env(self.env)
                    ._consultation_dates()
                    .date(topic.publish_date_end),
                )
                for topic in ended
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
                topic.write({"state": new_state})
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


def _similarity(left, right):
    """Trigram similarity as pg_trgm computes it (words padded with two spaces in
    front and one behind), for databases without the extension."""

    def trigrams(text):
        grams = set()
        for word in "".join(c if c.isalnum() else " " for c in text.lower()).split():
            padded = f"  {word} "
            grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
        return grams

    a, b = trigrams(left or ""), trigrams(right or "")
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
