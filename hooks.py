"""Uninstalling the addon keeps the calendar: meetings' events stay, ours go.

Only what this addon made goes: another module may name its models `consultation.…`
too (a district's own addon), so models are this module's by their XML ids and origin,
and tables are those of these models and of this module's many2many relations — never
a name pattern."""

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.tools import SQL
from odoo.tools.sql import TableKind, table_kind

MODULE = "consultation"


def consultation_models(env):
    """The models this addon defines (ir.model), not those it only extends
    (res.company, calendar.event…) nor another module's of a similar name."""
    ids = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", MODULE), ("model", "=", "ir.model")])
        .mapped("res_id")
    )
    return (
        env["ir.model"]
        .sudo()
        .browse(ids)
        .exists()
        .filtered(lambda m: m.model in env.registry and env[m.model]._original_module == MODULE)
    )


def consultation_tables(env, models):
    """The tables holding the rows of `models` (stored, non-abstract ones that exist)
    and of this module's many2many relations."""
    tables = {
        env[model]._table
        for model in models.mapped("model")
        if not env[model]._abstract and env[model]._auto
    }
    relations = env["ir.model.relation"].sudo().search([("module.name", "=", MODULE)])
    tables.update(relations.mapped("name"))
    return sorted(t for t in tables if table_kind(env.cr, t) == TableKind.Regular)


def uninstall_hook(env):
    """The calendar belongs to its users, not to this addon: every meeting's event stays
    as a plain event when the addon goes (calendar.event.res_model_id would otherwise
    cascade-delete them with the meeting model), and the reviews of our records go too."""
    models = consultation_models(env)
    names = models.mapped("model")
    env.cr.execute(
        """
        UPDATE calendar_event
           SET res_model_id = NULL, res_model = NULL, res_id = NULL
         WHERE res_model_id = ANY(%s)
        """,
        [models.ids],
    )
    # Events created with a meeting of our data files carry our XML ids (Odoo names the
    # parent record of an _inherits): they are the users' calendar now, not our data.
    env.cr.execute(
        "DELETE FROM ir_model_data WHERE module = %s AND model = 'calendar.event'", [MODULE]
    )
    # Our rows go first, in one statement: rows made without XML ids (e.g. the sign-in
    # of demo meetings) would otherwise keep the demo partners they name from being
    # removed with the rest of our data. No table of another module references ours
    # (a module that does depends on this one, and is uninstalled before it).
    tables = consultation_tables(env, models)
    if tables:
        env.cr.execute(SQL("TRUNCATE %s", SQL(", ").join(map(SQL.identifier, tables))))
        # Their XML ids name rows that are gone: Odoo has nothing left to delete there.
        env.cr.execute(
            "DELETE FROM ir_model_data WHERE module = %s AND model = ANY(%s)", [MODULE, names]
        )
    # The analyses computed ahead (materialized views): Odoo drops views and tables of
    # a model, not these.
    for model in names:
        table = env[model]._table
        if table_kind(env.cr, table) == TableKind.Materialized:
            env.cr.execute(SQL("DROP MATERIALIZED VIEW %s", SQL.identifier(table)))
    # The PDFs of approved minutes refuse deletion, except while the addon goes away.
    env["ir.attachment"].with_context(**{MODULE_UNINSTALL_FLAG: True}).search(
        [("res_model", "in", names)]
    ).unlink()
    # Their activities too, before our activity types go; in SQL, as the tier reviews
    # below: the records they name are gone, and their unlink() would read them.
    env.cr.execute("DELETE FROM mail_activity WHERE res_model = ANY(%s)", [names])
    # tier.review points at its record by model name only: nothing would remove them.
    env.cr.execute("DELETE FROM tier_review WHERE model = ANY(%s)", [names])
