from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """GB/T 9704 numbers for the documents an 18.0.1.1.0 database already issued: a
    发文字号 for each confirmed assessment and deliberation plan, in the order they
    were confirmed and dated that day (the sequences are created by the data files
    before this script), and 第×期 for each room's closed minutes, in the order of
    the meetings."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["consultation.assessment"]._issue_missing_document_numbers()
    env["consultation.deliberation.plan"]._issue_missing_document_numbers()
    env["consultation.minutes.revision"].search([]).meeting_id._assign_minutes_issue()
