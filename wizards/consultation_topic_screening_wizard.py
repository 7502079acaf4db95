"""Screen a topic against the screening rules (初审)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ConsultationTopicScreeningWizard(models.TransientModel):
    _name = "consultation.topic.screening.wizard"
    _description = "Screen a Topic"

    topic_id = fields.Many2one("consultation.topic", required=True, ondelete="cascade")
    include_rule_ids = fields.Many2many(
        "consultation.screening.rule",
        "consultation_screening_wizard_include_rel",
        string="Fits",
        domain=[("kind", "=", "include")],
    )
    exclude_rule_ids = fields.Many2many(
        "consultation.screening.rule",
        "consultation_screening_wizard_exclude_rel",
        string="Hits",
        domain=[("kind", "=", "exclude")],
    )
    note = fields.Text(
        help="Reasoning of the screening; it becomes the rejection reason when a rule not"
        " to deliberate applies."
    )
    sensitive = fields.Boolean(
        "Sensitive Topic",
        help="敏感议题: reported to the party organisation of the same level, and published only"
        " once it has acknowledged the report.",
    )
    duplicate_ids = fields.Many2many(
        "consultation.topic", compute="_compute_duplicate_ids", string="Possible Duplicates"
    )
    excluded = fields.Boolean(compute="_compute_excluded")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        topic = self.env["consultation.topic"].browse(values.get("topic_id"))
        if topic:
            rules = topic.screening_rule_ids
            values.setdefault(
                "include_rule_ids", [(6, 0, rules.filtered(lambda r: r.kind == "include").ids)]
            )
            values.setdefault(
                "exclude_rule_ids", [(6, 0, rules.filtered(lambda r: r.kind == "exclude").ids)]
            )
            values.setdefault("note", topic.screening_note)
            values.setdefault("sensitive", topic.sensitive)
        return values

    @api.depends("topic_id")
    def _compute_duplicate_ids(self):
        for wizard in self:
            wizard.duplicate_ids = wizard.topic_id._find_duplicates() if wizard.topic_id else False

    @api.depends("exclude_rule_ids")
    def _compute_excluded(self):
        for wizard in self:
            wizard.excluded = bool(wizard.exclude_rule_ids)

    def _record(self):
        self.ensure_one()
        self.topic_id.write(
            {
                "screening_rule_ids": [(6, 0, (self.include_rule_ids | self.exclude_rule_ids).ids)],
                "screening_note": self.note,
                "sensitive": self.sensitive,
            }
        )
        self.topic_id.action_screen()

    def action_confirm(self):
        if self.excluded:
            raise UserError(
                _("A rule not to deliberate applies: reject the topic instead of passing it.")
            )
        if not self.include_rule_ids:
            raise UserError(_("Tick the rule to deliberate that the topic fits."))
        self._record()
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        if not self.note:
            raise UserError(_("Write the reason of the rejection: the proposer will read it."))
        self._record()
        self.topic_id.rejection_reason = self.note
        self.topic_id.action_reject()
        return {"type": "ir.actions.act_window_close"}
