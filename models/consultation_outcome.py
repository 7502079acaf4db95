"""Agreed measures (协商成果) handed to departments and tracked to implementation."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import create_index

from .consultation_lifecycle_mixin import in_transition

OPEN_STATES = ("submitted", "accepted", "in_progress")
LOCKED_STATES = ("accepted", "in_progress", "done")
DEFAULT_ESCALATION_DAYS = 7


class ConsultationOutcome(models.Model):
    """An agreed measure (协商成果), handed to a department and tracked until it is
    implemented and fed back to the public (结果落实、结果反馈)."""

    _name = "consultation.outcome"
    _description = "Consultation Outcome"
    _inherit = ["consultation.lifecycle.mixin", "mail.thread", "mail.activity.mixin"]
    # Kanban columns: rejected outcomes only when there are some.
    _dead_end_states = ("rejected",)
    _order = "date_deadline, id desc"

    name = fields.Char("Measure", required=True, tracking=True)
    meeting_id = fields.Many2one(
        "consultation.meeting",
        index=True,
        tracking=True,
        domain="[('state', 'in', ('held', 'minutes_review', 'closed'))]",
    )
    topic_id = fields.Many2one(
        "consultation.topic",
        required=True,
        index=True,
        tracking=True,
        domain="[('meeting_ids', 'in', meeting_id)]",
    )
    room_id = fields.Many2one(related="topic_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="topic_id.company_id", store=True, index=True)
    outcome_type = fields.Selection(
        [
            ("decision", "Decision Input"),
            ("livelihood_project", "Livelihood Project"),
            ("proposal", "CPPCC Proposal"),
            ("public_opinion", "Public Opinion Report"),
            ("governance", "Grassroots Governance Measure"),
        ],
        "Type",
        required=True,
        default="decision",
        tracking=True,
    )
    summary = fields.Text(help="What is to be done, by whom, for whom.")
    department_id = fields.Many2one(
        "res.partner",
        "Responsible Department",
        index=True,
        tracking=True,
        help="Party or government body that implements the measure.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Follow-up Owner",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        index=True,
    )
    date_deadline = fields.Date("Deadline", tracking=True, index=True)
    # The 督办函 that last listed the outcome: its 发文字号 and 成文日期, given when the
    # letter is first printed and kept, so that a reprint is the same letter.
    supervision_number = fields.Char(
        "Supervision Letter Number", readonly=True, copy=False, help="发文字号 of the 督办函."
    )
    supervision_date = fields.Date("Supervision Letter Date", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Assigned"),
            ("accepted", "Received"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("rejected", "Declined"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    update_ids = fields.One2many(
        "consultation.outcome.update", "outcome_id", string="Progress Updates"
    )
    progress = fields.Integer(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Taken from the latest progress update: never typed by hand.",
    )
    date_last_update = fields.Date(compute="_compute_progress", store=True)
    public_feedback = fields.Text(
        "Feedback to the Public",
        tracking=True,
        help="结果反馈: what was done, shown to residents on the notice board.",
    )
    date_feedback = fields.Date(
        "Fed Back On",
        readonly=True,
        copy=False,
        help="The day the feedback was published, when the outcome was marked done: the"
        " assessment's 结果反馈 compares it with the deadline.",
    )
    satisfaction = fields.Integer(
        "Satisfaction (%)",
        tracking=True,
        help="Share of the people concerned who are satisfied, once it has been surveyed.",
    )
    rejection_reason = fields.Text(tracking=True)
    is_overdue = fields.Boolean(
        "Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    days_overdue = fields.Integer(compute="_compute_is_overdue")
    date_escalated = fields.Date(
        "Escalated On",
        readonly=True,
        copy=False,
        help="When the overdue outcome was escalated to the room's first convener.",
    )
    # Proposal and public-opinion report forms (提案 / 社情民意信息)
    form_reason = fields.Text(
        "Situation",
        help="案由 for a proposal, 情况 for a public-opinion report.",
    )
    form_suggestion = fields.Text("Suggestions")
    # A room cannot be a 提案人: the form names the member who signs it, with the
    # member's 界别 and telephone (a 社情民意信息 names its 反映人 alike).
    form_author_id = fields.Many2one(
        "consultation.member",
        "Proposer",
        help="The CPPCC member who signs the proposal (提案人) or reports the public"
        " opinion (反映人); the form prints the member's sector and telephone.",
    )
    form_unit = fields.Char(
        "Submitted By",
        help="Unit that submits the proposal or report; the room by default.",
    )
    color = fields.Integer()

    @api.constrains("satisfaction")
    def _check_satisfaction(self):
        for outcome in self:
            if not 0 <= outcome.satisfaction <= 100:
                raise ValidationError(_("Satisfaction is a percentage between 0 and 100."))

    @api.depends("update_ids.progress", "update_ids.date")
    def _compute_progress(self):
        for outcome in self:
            last = outcome.update_ids.sorted(lambda u: (u.date, u.id))[-1:]
            outcome.progress = last.progress
            outcome.date_last_update = last.date

    @api.depends("date_deadline", "state")
    @api.depends_context("company")
    def _compute_is_overdue(self):
        today = self.env.company._consultation_today()
        for outcome in self:
            late = (
                outcome.state in OPEN_STATES
                and outcome.date_deadline
                and outcome.date_deadline < today
            )
            outcome.is_overdue = bool(late)
            outcome.days_overdue = (today - outcome.date_deadline).days if late else 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This filter only accepts 'is set' or 'is not set'."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", self.env.company._consultation_today()),
        ]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def init(self):
        # The notice board's "results fed back": done outcomes in deadline order, the
        # first ten; without it PostgreSQL walks every outcome's deadline.
        create_index(
            self.env.cr,
            "consultation_outcome_done_deadline_index",
            self._table,
            ["date_deadline", "id DESC"],
            where="state = 'done'",
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _is_office_user(self):
        """Secretaries and the office plan outcomes; a department (a member-level
        user whose organisation is responsible) only reports on them."""
        return self.env.su or self.env.user.has_group("consultation.group_consultation_secretary")

    def _check_office(self):
        if not self._is_office_user():
            raise AccessError(
                _(
                    "Departments report on their outcomes and accept or start them; the"
                    " room's secretaries and the CPPCC office plan them (deadline,"
                    " department, owner, type, feedback). Ask for a deadline extension"
                    " from the outcome instead."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        for vals in vals_list:
            if "progress" in vals:
                raise UserError(self._progress_by_hand_message())
            if vals.get("meeting_id") and not vals.get("topic_id"):
                topics = self.env["consultation.meeting"].browse(vals["meeting_id"]).topic_ids
                if len(topics) == 1:
                    vals["topic_id"] = topics.id
        return super().create(vals_list)

    def write(self, vals):
        if "progress" in vals:
            raise UserError(self._progress_by_hand_message())
        # A department's own writes are its transitions (accept, start); progress comes
        # from its updates, and everything else stays with the room's secretaries.
        if not in_transition():
            self._check_office()
        return super().write(vals)

    @api.model
    def _progress_by_hand_message(self):
        return _(
            "Progress is not typed by hand: add a dated progress update, with its photos or"
            " documents, and the outcome follows it."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_accepted(self):
        if any(outcome.state in LOCKED_STATES for outcome in self):
            raise UserError(
                _(
                    "An outcome accepted by its department is part of the record and cannot be"
                    " deleted."
                )
            )

    def _set_state(self, vals):
        res = super()._set_state(vals)
        self.topic_id._sync_implementation_state()
        return res

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def action_submit(self):
        self._check_office()
        self._check_state(("draft",), _("Only a draft outcome can be assigned to its department."))
        for outcome in self:
            if not (outcome.department_id and outcome.date_deadline and outcome.user_id):
                raise UserError(
                    _(
                        "Give “%(outcome)s” its responsible department, follow-up owner and"
                        " deadline before submitting it.",
                        outcome=outcome.name,
                    )
                )
        self._set_state({"state": "submitted"})
        template = self.env.ref("consultation.mail_template_outcome_submitted")
        for outcome in self.filtered(lambda o: o.department_id.email):
            outcome.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=outcome.department_id.ids,
            )
        return True

    def action_accept(self):
        """The department takes the measure on."""
        self._check_state(("submitted",), _("Only an assigned outcome can be received."))
        self._set_state({"state": "accepted"})
        return True

    def action_start(self):
        self._check_state(("accepted",), _("Only a received outcome can be started."))
        self._set_state({"state": "in_progress"})
        return True

    def action_done(self):
        """结果反馈: done only once the public has been told what was done."""
        self._check_office()
        self._check_state(("in_progress",), _("Only an outcome in progress can be marked as done."))
        for outcome in self:
            if not (outcome.public_feedback or "").strip():
                raise UserError(
                    _(
                        "Write the feedback to the public for “%(outcome)s” (结果反馈) before"
                        " marking it as done: residents see it on the notice board.",
                        outcome=outcome.name,
                    )
                )
            if outcome.progress < 100:
                raise UserError(
                    _(
                        "“%(outcome)s” is at %(progress)s%%: record the progress update that"
                        " completes it first.",
                        outcome=outcome.name,
                        progress=outcome.progress,
                    )
                )
        self._set_state({"state": "done", "date_feedback": self.env.company._consultation_today()})
        return True

    def action_reject(self):
        self._check_office()
        self._check_state(
            ("draft", "submitted"), _("Only a draft or assigned outcome can be declined.")
        )
        for outcome in self:
            if not (outcome.rejection_reason or "").strip():
                raise UserError(_("Write why “%(outcome)s” is not taken on.", outcome=outcome.name))
        self._set_state({"state": "rejected"})
        return True

    def action_reset_draft(self):
        self._check_office()
        self._check_state(("rejected",), _("Only a declined outcome can be reset to draft."))
        self._set_state({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # 督办: overdue outcomes get one activity, then go up to the convener
    # ------------------------------------------------------------------
    @api.model
    def _cron_supervise_overdue(self):
        activity_type = self.env.ref("consultation.mail_activity_type_supervision")
        overdue = self.search([("is_overdue", "=", True)])
        if not overdue:
            return True
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", overdue.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        reminded = {(a.res_id, a.user_id.id) for a in existing}
        escalation_days = int(
            # As superuser: system parameters are not readable by users.
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("consultation.escalation_days", DEFAULT_ESCALATION_DAYS)
        )
        today = self.env.company._consultation_today()
        activities = []
        escalated = self.browse()
        model_id = self.env["ir.model"]._get_id(self._name)
        for outcome in overdue:
            note = _(
                "“%(outcome)s” was due on %(deadline)s (%(days)s days overdue).",
                outcome=outcome.name,
                deadline=outcome.company_id._consultation_dates().date(outcome.date_deadline),
                days=outcome.days_overdue,
            )
            users = outcome.user_id
            if outcome.days_overdue >= escalation_days:
                convener = outcome.room_id.first_convener_id.user_ids.filtered(
                    lambda u: not u.share
                )[:1]
                if convener:
                    users |= convener
                    if not outcome.date_escalated:
                        escalated |= outcome
            for user in users:
                if (outcome.id, user.id) in reminded:
                    continue
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": outcome.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": _("Overdue outcome to follow up"),
                        "note": note,
                        "date_deadline": today,
                    }
                )
        self.env["mail.activity"].create(activities)
        # As superuser: the escalation date is the system's record, not the cron user's
        # edit.
        escalated.sudo().write({"date_escalated": today})
        return True

    def action_request_extension(self):
        """A department asks the room's secretaries to push the deadline back."""
        self.ensure_one()
        self._check_state(
            OPEN_STATES, _("Only an outcome still being handled can be given a new deadline.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Request a Deadline Extension"),
            "res_model": "consultation.outcome.extension.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_outcome_id": self.id},
        }

    def _extension_reviewers(self):
        """Who decides on a new deadline: the secretaries of the outcome's room (or of
        the nearest room above that has some), else the follow-up owner."""
        self.ensure_one()
        # As superuser: the deciders are found up the room tree, above the rooms the asker
        # reads.
        room = self.sudo().room_id
        while room and not room.secretary_ids:
            room = room.parent_id
        users = room.secretary_ids.filtered("active") if room else self.env["res.users"]
        # As superuser: the follow-up owner, whom the asker may not read.
        return users or self.sudo().user_id
