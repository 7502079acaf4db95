def uninstall_hook(env):
    """The calendar belongs to its users, not to this addon: every meeting's event stays
    as a plain event when the addon goes (calendar.event.res_model_id would otherwise
    cascade-delete them with the meeting model), and the reviews of our records go too."""
    env.cr.execute(
        """
        UPDATE calendar_event
           SET res_model_id = NULL, res_model = NULL, res_id = NULL
         WHERE res_model_id IN (SELECT id FROM ir_model WHERE model LIKE 'consultation.%%')
        """
    )
    # Events created with a meeting of our data files carry our XML ids (Odoo names the
    # parent record of an _inherits): they are the users' calendar now, not our data.
    env.cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'consultation' AND model = 'calendar.event'"
    )
    # tier.review points at its record by model name only: nothing would remove them.
    env.cr.execute("DELETE FROM tier_review WHERE model LIKE 'consultation.%%'")
