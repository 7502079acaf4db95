def migrate(cr, version):
    """议事方案 are required from this version on: topics that were already ready for
    deliberation or on a meeting's agenda at the upgrade go on without one."""
    cr.execute(
        """
        UPDATE consultation_topic
           SET deliberation_plan_exempt = TRUE
         WHERE state = 'ready'
            OR id IN (SELECT topic_id FROM consultation_meeting_topic_rel)
        """
    )
