"""Screening and approval of topics (议题审查、议题确定): the rules ticked at screening,
the report of a sensitive topic to the party organisation of its level, and the tiers
of approval a temporary topic goes through (base_tier_validation)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list


class ConsultationTopic(models.Model):
    _inherit = "consultation.topic"

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

    @api.depends("screening_rule_ids.kind")
    def _compute_excluded(self):
        for topic in self:
            topic.excluded = "exclude" in topic.screening_rule_ids.mapped("kind")

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
        # As superuser: the report's state moves only through this action (a guarded field).
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
        # As superuser: the party reviewer acknowledges without a right to edit the topic.
        self.sudo().write(
            {"sensitive_state": "acknowledged", "sensitive_acknowledged_by_id": self.env.user.id}
        )
        report = self.env.ref("consultation.mail_activity_type_sensitive")
        # As superuser: the reviewer closes the to-dos of the others too.
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
