"""The plan of a topic's deliberation (议事方案), drafted after research, before the agenda."""

from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_list, is_html_empty

from .consultation_meeting import MEETING_FORMS
from .consultation_plan import PARTY_ORGANISATIONS

# A plan is drafted once the topic is researched, and kept with it afterwards.
DRAFTABLE_STATES = ("researching", "ready")


class ConsultationDeliberationPlan(models.Model):
    """拟定议事方案: what will be deliberated, what the research found, whom to invite,
    the agenda, the time, place and form. For a temporary topic the relevant special
    committee of the CPPCC leads it. A topic goes on a meeting's agenda only with a
    confirmed plan."""

    _name = "consultation.deliberation.plan"
    _description = "Deliberation Plan"
    _inherit = ["consultation.lifecycle.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char("Title", required=True, tracking=True)
    topic_id = fields.Many2one(
        "consultation.topic", required=True, index=True, ondelete="cascade", tracking=True
    )
    room_id = fields.Many2one(related="topic_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="topic_id.company_id", store=True, index=True)
    is_temporary = fields.Boolean(related="topic_id.is_temporary")
    user_id = fields.Many2one(
        "res.users",
        string="Drafted by",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_date = fields.Date(readonly=True, copy=False)
    # 发文字号 and 成文日期 (GB/T 9704), given once when the document is issued
    # (confirmed, to be sent for approval) and kept: a reprint, a reopening or a
    # correction never renumbers it.
    document_number = fields.Char(
        readonly=True, copy=False, help="发文字号, e.g. 禾政协办〔2026〕3号."
    )
    document_date = fields.Date("Date of Issue", readonly=True, copy=False)

    # The plan itself, in the order it is printed
    topic_summary = fields.Html("About the Topic", help="What is to be deliberated and why.")
    research_summary = fields.Html(
        "Research", help="What the research before the deliberation found (调研情况)."
    )
    participant_ids = fields.Many2many(
        "res.partner",
        "consultation_deliberation_plan_partner_rel",
        "plan_id",
        "partner_id",
        string="Proposed Participants",
        help="Who is to be invited: conveners and fixed members of the room, the topic's"
        " experts and stakeholders, the departments concerned.",
    )
    agenda = fields.Html()
    date_planned = fields.Datetime("Planned Time")
    location = fields.Char("Place")
    form = fields.Selection(MEETING_FORMS, "Form of Consultation", default="meeting", required=True)
    lead_committee = fields.Char(
        "Leading Special Committee",
        help="For a temporary topic, the special committee of the CPPCC that leads the"
        " drafting of the plan.",
    )

    _sql_constraints = [
        (
            "topic_uniq",
            "unique(topic_id)",
            "A topic has one deliberation plan: open it from the topic.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        if not self.env.su:
            plans.topic_id._check_state(
                DRAFTABLE_STATES,
                _("A deliberation plan is drafted once the topic is under research."),
            )
        return plans

    # ------------------------------------------------------------------
    # From the topic and its research
    # ------------------------------------------------------------------
    @api.model
    def _values_from_topic(self, topic):
        """The plan as the secretary finds it to edit: the topic, its research, the
        people a meeting of the room would invite and a standard agenda."""
        methods = dict(
            self.env["consultation.research"]._fields["method"]._description_selection(self.env)
        )
        research = Markup("").join(
            Markup("<p><strong>%s</strong></p>%s")
            % (
                _(
                    "%(subject)s (%(date)s, %(method)s)",
                    subject=record.name,
                    date=format_date(self.env, record.date),
                    method=methods[record.method],
                ),
                record.findings or Markup(""),
            )
            for record in topic.research_ids.sorted(lambda r: (r.date, r.id))
        )
        agenda = Markup("<ol>%s</ol>") % Markup("").join(
            Markup("<li>%s</li>") % item
            for item in (
                _("The convener introduces the topic and the aim of the deliberation."),
                _("The secretary reports the research and the opinions collected."),
                _("The departments concerned explain their position and plans."),
                _("Participants deliberate and give their views."),
                _("The convener sums up the consensus and the next steps."),
            )
        )
        return {
            "name": _("Deliberation plan: %(topic)s", topic=topic.name),
            "topic_id": topic.id,
            "topic_summary": topic.description,
            "research_summary": research,
            "participant_ids": [(6, 0, topic.room_id._meeting_invitees(topic).ids)],
            "agenda": agenda,
            "location": topic.room_id.address or False,
        }

    def action_fill_from_topic(self):
        """Draw the plan again from its topic: research recorded since, new experts
        and stakeholders."""
        self._check_state(
            ("draft",), _("Only a draft deliberation plan is drawn again from its topic.")
        )
        for plan in self:
            values = self._values_from_topic(plan.topic_id)
            plan.write(
                {
                    fname: values[fname]
                    for fname in ("topic_summary", "research_summary", "participant_ids", "agenda")
                }
            )
            if not plan.location and values["location"]:
                plan.location = values["location"]
        return True

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def action_confirm(self):
        """定稿: the plan is complete; its topic may go on a meeting's agenda."""
        self._check_state(("draft",), _("Only a draft deliberation plan can be confirmed."))
        for plan in self:
            missing = [
                label
                for empty, label in (
                    (is_html_empty(plan.research_summary), _("research")),
                    (not plan.participant_ids, _("proposed participants")),
                    (is_html_empty(plan.agenda), _("agenda")),
                )
                if empty
            ]
            if missing:
                raise UserError(
                    _(
                        "Complete the %(parts)s of “%(plan)s” before confirming it.",
                        parts=format_list(self.env, missing),
                        plan=plan.name,
                    )
                )
        self._set_state(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": self.env.company._consultation_today(),
            }
        )
        self._issue_document_number()
        return True

    def _issue_document_number(self):
        """发文字号 and 成文日期 of plans confirmed without one, on their day of
        confirmation, in that order; never renumbered."""
        for plan in self.filtered(lambda p: not p.document_number).sorted(
            lambda p: (p.confirmed_date or p.write_date.date(), p.id)
        ):
            day = plan.confirmed_date or plan.company_id._consultation_today()
            plan.write(
                {
                    "document_number": plan.company_id._consultation_document_number(
                        "deliberation_plan", day
                    ),
                    "document_date": day,
                }
            )

    @api.model
    def _issue_missing_document_numbers(self):
        """Plans confirmed by data (demo, an upgraded database) get their numbers."""
        self.sudo().search(
            [("state", "=", "confirmed"), ("document_number", "=", False)]
        )._issue_document_number()

    def action_reset_draft(self):
        self._check_state(("confirmed",), _("Only a confirmed deliberation plan can be reopened."))
        for plan in self:
            if plan.topic_id.state not in DRAFTABLE_STATES:
                raise UserError(
                    _(
                        "“%(topic)s” has been deliberated: its deliberation plan is part of"
                        " the record and cannot be reopened.",
                        topic=plan.topic_id.name,
                    )
                )
        self._set_state({"state": "draft", "confirmed_by_id": False, "confirmed_date": False})
        return True

    def _main_recipient(self):
        """主送 of the plan sent for approval: the party organisation of the room's
        level (同级党组织)."""
        self.ensure_one()
        return PARTY_ORGANISATIONS.get(self.room_id.level, "同级党组织")

    def action_create_meeting(self):
        """A new meeting of the topic's room, as the plan has it."""
        self.ensure_one()
        self._check_state(
            ("confirmed",), _("A meeting is prepared from a confirmed deliberation plan.")
        )
        if self.topic_id.state != "ready":
            raise UserError(
                _(
                    "“%(topic)s” is not ready for deliberation: mark it ready once its research"
                    " is done.",
                    topic=self.topic_id.name,
                )
            )
        context = {
            "default_room_id": self.room_id.id,
            "default_topic_ids": self.topic_id.ids,
            "default_form": self.form,
            "default_name": self.topic_id.name,
            "default_partner_ids": self.participant_ids.ids,
        }
        if self.location:
            context["default_location"] = self.location
        if self.date_planned:
            context["default_start"] = fields.Datetime.to_string(self.date_planned)
            context["default_stop"] = fields.Datetime.to_string(
                self.date_planned + timedelta(hours=2)
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("New Meeting"),
            "res_model": "consultation.meeting",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }
