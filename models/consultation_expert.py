"""The expert pool (专家库) that rooms invite to research and meetings."""

from odoo import fields, models


class ConsultationExpert(models.Model):
    _name = "consultation.expert"
    _description = "Consultation Expert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="restrict", index=True
    )
    name = fields.Char("Full Name", related="partner_id.name", store=True, readonly=False)
    image_128 = fields.Image(related="partner_id.image_128")
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    expertise_ids = fields.Many2many(
        "consultation.expertise",
        "consultation_expert_expertise_rel",
        "expert_id",
        "expertise_id",
    )
    title = fields.Char("Professional Title", help="Professional title, e.g. 高级工程师, 教授.")
    # 职称 is a grade (高级会计师); 律师 or 注册会计师 is a licence to practise (职业资格).
    qualification = fields.Char(
        "Professional Qualification",
        help="Qualification to practise a profession, e.g. 律师, 注册会计师.",
    )
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
    topic_ids = fields.Many2many(
        "consultation.topic",
        "consultation_topic_expert_rel",
        "expert_id",
        "topic_id",
        string="Topics",
    )
    topic_count_year = fields.Integer(
        "Invitations This Year",
        compute="_compute_topic_count_year",
        help="Topics of the current year this expert was invited to.",
    )

    def _compute_topic_count_year(self):
        year = self.env.company._consultation_today().year
        # As superuser: an expert's topics of the year, in every room, also those the reader
        # cannot open.
        counts = dict(
            self.env["consultation.topic"]
            .sudo()
            ._read_group(
                [("expert_ids", "in", self.ids), ("year", "=", year)], ["expert_ids"], ["__count"]
            )
        )
        for expert in self:
            expert.topic_count_year = counts.get(expert, 0)

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(partner_id)",
            "This contact is already in the expert pool.",
        ),
    ]
