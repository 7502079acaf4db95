from datetime import timedelta

from odoo import api, fields, models


class ConsultationPortalSubmission(models.Model):
    """One anonymous submission from the portal, kept an hour or so to limit how
    many one client address may send. Only a digest of the address is stored."""

    _name = "consultation.portal.submission"
    _description = "Portal Submission"
    _log_access = True

    client_key = fields.Char(required=True, index=True)
    kind = fields.Selection(
        [("opinion", "Opinion"), ("suggestion", "Suggestion"), ("lookup", "Lookup")],
        required=True,
    )

    @api.autovacuum
    def _gc_old_submissions(self):
        self.search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
