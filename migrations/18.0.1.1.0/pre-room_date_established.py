def migrate(cr, version):
    """Rooms get their establishment date (a room is judged inactive once 180 days old):
    existing rooms date from their creation, not from the day of the upgrade."""
    cr.execute(
        """
        ALTER TABLE consultation_room ADD COLUMN IF NOT EXISTS date_established date;
        UPDATE consultation_room
           SET date_established = create_date::date
         WHERE date_established IS NULL
        """
    )
