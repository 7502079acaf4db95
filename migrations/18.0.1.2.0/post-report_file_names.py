def migrate(cr, version):
    """A report's file name (print_report_name) is a Python expression; translations
    that are not (the proposal form's zh_CN one had full-width parentheses, and
    /report/download raised SyntaxError) are dropped here, and the module's terms,
    loaded after this script, fill them in again from the corrected i18n files."""
    cr.execute(
        """
        SELECT id, print_report_name FROM ir_act_report_xml
         WHERE report_name LIKE 'consultation.%%' AND print_report_name IS NOT NULL
        """
    )
    for report_id, names in cr.fetchall():
        for lang, expression in names.items():
            if lang == "en_US":
                continue
            try:
                compile(expression, "print_report_name", "eval")
            except SyntaxError:
                cr.execute(
                    "UPDATE ir_act_report_xml SET print_report_name = print_report_name - %s"
                    " WHERE id = %s",
                    [lang, report_id],
                )
