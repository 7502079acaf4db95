from odoo import fields, models


class ConsultationExpert(models.Model):
    _name = "consultation.expert"
    _description = "Consultation Expert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", index=True
    )
    name = fields.Char(related="partner_id.name", store=True, readonly=False)
    image_128 = fields.Image(related="partner_id.image_128")
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    expertise_ids = fields.Many2many(
        "consultation.expertise",
        "consultation_expert_expertise_rel",
        "expert_id",
        "expertise_id",
    )
    title = fields.Char(help="Professional title, e.g. 高级工程师, 教授.")
    organization = fields.Char()
    available = fields.Boolean(
        default=True,
        tracking=True,
        help="Untick while the expert cannot take invitations; they are then not"
        " suggested for topics.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    note = fields.Html()

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(partner_id)",
            "This contact is already in the expert pool.",
        ),
    ]
