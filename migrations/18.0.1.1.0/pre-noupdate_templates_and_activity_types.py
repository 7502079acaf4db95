def migrate(cr, version):
    """Mail templates and activity types are now the office's to adapt: mark the shipped
    ones noupdate so that the upgrade (and every later one) keeps their edits."""
    cr.execute(
        """
        UPDATE ir_model_data SET noupdate = TRUE
         WHERE module = 'consultation' AND model IN ('mail.template', 'mail.activity.type')
        """
    )
