def migrate(cr, version):
    """结果反馈 is now judged against the deadline by the day the feedback was
    published. Outcomes done before this version kept no such day: the day of their
    last progress update stands for it (the one that completed them), else the day
    they were last changed."""
    cr.execute(
        """
        UPDATE consultation_outcome
           SET date_feedback = COALESCE(
                   date_last_update,
                   -- the organisation's day (its time zone, Asia/Shanghai by default)
                   (write_date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(
                       (SELECT p.tz FROM res_company c JOIN res_partner p ON p.id = c.partner_id
                         WHERE c.id = consultation_outcome.company_id),
                       'Asia/Shanghai'
                   ))::date
               )
         WHERE state = 'done' AND date_feedback IS NULL
        """
    )
