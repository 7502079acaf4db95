"""A criterion of the yearly assessment and its weight."""

from odoo import fields, models


class ConsultationAssessmentCriterion(models.Model):
    """A criterion of the rooms' yearly assessment and its weight; the office edits
    the weights, the measures are the ones the seeds name."""

    _name = "consultation.assessment.criterion"
    _description = "Assessment Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    measure = fields.Selection(
        [
            ("meetings", "Meetings against Quota"),
            ("standard", "Standard Checklist Met (六有)"),
            ("outcomes", "Outcomes Done"),
            ("feedback", "Feedback Rate"),
            ("satisfaction", "Satisfaction"),
            ("cases", "Cases Published"),
        ],
        required=True,
        help="What the criterion measures, as a share between 0 and 1 for each room.",
    )
    weight = fields.Float(default=10.0, help="Points the criterion is worth out of the total.")
    active = fields.Boolean(default=True)
