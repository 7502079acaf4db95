"""The rules a topic is screened against (四不议 and what to deliberate)."""

from odoo import fields, models


class ConsultationScreeningRule(models.Model):
    _name = "consultation.screening.rule"
    _description = "Topic Screening Rule"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("include", "Topic to Deliberate"), ("exclude", "Topic Not to Deliberate")],
        required=True,
        default="include",
        help="A topic that hits a rule 'Not to Deliberate' cannot be approved.",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
