"""Partners clear the organisation's cached time zone when theirs changes."""

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        # The organisation's day (res.company._consultation_tz_name) is cached.
        if "tz" in vals and self.sudo().env["res.company"].search_count(
            [("partner_id", "in", self.ids)], limit=1
        ):
            self.env.registry.clear_cache()
        return res
