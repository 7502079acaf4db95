def migrate(cr, version):
    """结果反馈 is now judged against the deadline by the day the feedback was
    published. Outcomes done before this version kept no such day: the day of their
    last progress update stands for it (the one that completed them), else the day
    they were last changed."""
    cr.execute(
        """
        UPDATE consultation_outcome
           SET date_feedback = COALESCE(date_last_update, (write_date AT TIME ZONE 'UTC')::date)
         WHERE state = 'done' AND date_feedback IS NULL
        """
    )
