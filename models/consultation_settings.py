"""The office's own defaults (政协办公室设定), where the office sets them."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# The assessment's award rules kept on the organisation (res.company).
DEFAULT_FIELDS = (
    "consultation_organisation_share",
    "consultation_quality_count",
    "consultation_three_good_share",
    "consultation_three_good_attendance",
    "consultation_issuing_name",
    "consultation_document_prefix",
)


class ConsultationSettings(models.TransientModel):
    """The award rules of the yearly assessment as the office sets them for its
    organisation: no source document gives them. The office is not Odoo's system
    administrator, so they are not among Odoo's general settings."""

    _name = "consultation.settings"
    _description = "Assessment Defaults"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    consultation_organisation_share = fields.Float(
        "Excellent Organisation: Share of Rooms",
        help="Set by the CPPCC office: the best-scored share of the rooms on track.",
    )
    consultation_quality_count = fields.Integer(
        "Deliberation Quality: Topics",
        help="Set by the CPPCC office: at most this many topics whose outcomes are all done.",
    )
    consultation_three_good_share = fields.Float(
        "Three-Good: Share of Members",
        help="Set by the CPPCC office: the best share of the CPPCC members who qualify.",
    )
    consultation_three_good_attendance = fields.Integer(
        "Three-Good: Minimum Attendance (%)",
        help="Set by the CPPCC office: members must have attended at least this share of"
        " their invitations.",
    )

    consultation_issuing_name = fields.Char(
        "Issuing Organisation",
        help="The organisation's full name as it heads the documents it sends out"
        " (发文机关标志), e.g. 政协禾澜区委员会办公室. Empty: the company's name.",
    )
    consultation_document_prefix = fields.Char(
        "Document Number Prefix",
        help="The organ's short name that opens the numbers of its documents (发文字号),"
        " e.g. 禾政协办 for 禾政协办〔2026〕3号.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        values.update({name: company[name] for name in DEFAULT_FIELDS if name in fields_list})
        return values

    def action_save(self):
        if not self.env.user.has_group("consultation.group_consultation_manager"):
            raise AccessError(_("Only the CPPCC office sets the assessment's defaults."))
        for settings in self:
            # The office changes its own organisation's defaults only, not the rest of it.
            settings.company_id.sudo().write({name: settings[name] for name in DEFAULT_FIELDS})
        return True
