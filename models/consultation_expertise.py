"""Fields of expertise that tag experts and topics."""

from odoo import fields, models


class ConsultationExpertise(models.Model):
    _name = "consultation.expertise"
    _description = "Expertise"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    expert_ids = fields.Many2many(
        "consultation.expert",
        "consultation_expert_expertise_rel",
        "expertise_id",
        "expert_id",
        string="Experts",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This field of expertise already exists."),
    ]
