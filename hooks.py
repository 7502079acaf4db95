"""Uninstalling the addon keeps the calendar: meetings' events stay, ours go."""

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


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
    # Our rows go first, in one statement: rows made without XML ids (e.g. the sign-in
    # of demo meetings) would otherwise keep the demo partners they name from being
    # removed with the rest of our data. No table of another module references ours.
    env.cr.execute(
        """
        SELECT string_agg(quote_ident(c.relname), ', ')
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r'
           AND c.relname LIKE 'consultation\\_%%'
        """
    )
    tables = env.cr.fetchone()[0]
    if tables:
        env.cr.execute(f"TRUNCATE {tables}")  # pylint: disable=sql-injection
        # Their XML ids name rows that are gone: Odoo has nothing left to delete there.
        env.cr.execute(
            "DELETE FROM ir_model_data WHERE module = 'consultation'"
            " AND model LIKE 'consultation.%%'"
        )
    # The PDFs of approved minutes refuse deletion, except while the addon goes away.
    env["ir.attachment"].with_context(**{MODULE_UNINSTALL_FLAG: True}).search(
        [("res_model", "=like", "consultation.%")]
    ).unlink()
    # Their activities too, before our activity types go.
    env.cr.execute("DELETE FROM mail_activity WHERE res_model LIKE 'consultation.%%'")
    # tier.review points at its record by model name only: nothing would remove them.
    env.cr.execute("DELETE FROM tier_review WHERE model LIKE 'consultation.%%'")
