def migrate(cr, version):
    """The events of existing meetings are flagged (calendar.event.is_room_meeting), so
    that only they ask for their meeting when written or deleted; every other event of
    the calendar is left to core. One statement for all, archived meetings included."""
    cr.execute(
        """
        UPDATE calendar_event e
           SET is_room_meeting = TRUE
          FROM consultation_meeting m
         WHERE m.calendar_event_id = e.id
        """
    )
