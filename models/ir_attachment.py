"""The PDF of approved minutes cannot be changed or removed."""

from odoo import _, api, models
from odoo.exceptions import UserError

PROTECTED_FIELDS = {"datas", "raw", "db_datas", "store_fname", "res_model", "res_id", "name"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_minutes_pdf(self):
        # As superuser: a minutes PDF is frozen whoever asks, even who cannot read the
        # attachment.
        if any(att.res_model == "consultation.minutes.revision" for att in self.sudo()):
            raise UserError(
                _("The PDF of approved minutes is part of the record: it cannot change.")
            )

    def write(self, vals):
        if PROTECTED_FIELDS & vals.keys():
            self._check_minutes_pdf()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_minutes_pdf(self):
        self._check_minutes_pdf()
