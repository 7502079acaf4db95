def migrate(cr, version):
    """Rooms get their establishment date (a room is judged inactive once 180 days old):
    existing rooms date from their creation, not from the day of the upgrade, on the
    organisation's calendar (its company's time zone, Asia/Shanghai by default)."""
    cr.execute(
        """
        ALTER TABLE consultation_room ADD COLUMN IF NOT EXISTS date_established date;
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
