from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    """Rooms get their establishment date (a room is judged inactive once 180 days old):
    existing rooms date from their creation, not from the day of the upgrade, on the
    organisation's calendar (its company's time zone, Asia/Shanghai by default)."""
    if not column_exists(cr, "consultation_room", "date_established"):
        create_column(cr, "consultation_room", "date_established", "date")
    cr.execute(
        """
        UPDATE consultation_room r
           SET date_established = (
                   r.create_date AT TIME ZONE 'UTC'
                   AT TIME ZONE COALESCE(NULLIF(p.tz, ''), 'Asia/Shanghai')
               )::date
          FROM res_company c
          JOIN res_partner p ON p.id = c.partner_id
         WHERE c.id = r.company_id AND r.date_established IS NULL
        """
    )
