from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The rows of the years still open are computed again under the quotas of this
    version (streets, two-month windows), without telling conveners: nothing happened
    in the rooms, only the rule changed. Closed years keep the figures they were
    closed with."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    RoomYear = env["consultation.room.year"]
    year = env.company._consultation_today().year
    for open_year in (year - 1, year):
        if RoomYear.search_count([("year", "=", open_year), ("is_closed", "=", False)], limit=1):
            RoomYear._refresh_year(open_year, notify=False)
