"""Record rules that read the rooms of the user's memberships current today."""

from odoo import models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        # Record rules of the rooms list the rooms a user sees on the organisation's
        # day (res.users._consultation_room_ids): Odoo caches the evaluated domains
        # per user, so the day is part of the key and a new day, or a term that
        # begins or ends, takes effect at the organisation's midnight, whoever asks.
        # (env.company: no query when the client sends its companies, as the web
        # client does; its time zone is cached.)
        yield from super()._compute_domain_context_values()
        yield self.env.company._consultation_today()
