from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Meetings scheduled before participants had to be confirmed by the party
    organisation keep their list as it was when they were scheduled: holding them is
    not blocked by a rule that came after. People invited after the upgrade are asked
    for, as on any meeting."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    meetings = env["consultation.meeting"].search([("state", "=", "scheduled")])
    for meeting in meetings.filtered("participants_to_confirm"):
        meeting.participants_confirmed_partner_ids = meeting.participant_unconfirmed_ids
