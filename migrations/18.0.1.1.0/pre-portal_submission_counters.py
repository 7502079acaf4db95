def migrate(cr, version):
    """The portal's hourly limit keeps one counter per address and hour instead of one
    row per post: the old rows only served the last hour, start afresh."""
    cr.execute("DELETE FROM consultation_portal_submission")
