"""What every statistics view shares: the room and where it sits, and for the
large ones, rows computed when the analysis opens."""

import psycopg2.errors

from odoo import api, fields, models, tools
from odoo.tools import SQL

# A materialized analysis opened within this many seconds of its last computation
# shows those rows: a province office opening it together computes them once.
FRESH_SECONDS = 60


class ConsultationReportMixin(models.AbstractModel):
    """What every statistics view shares: the room and where it sits (level, street),
    so that pivots group alike; selections are read from the source models, labels
    translated with them."""

    _name = "consultation.report.mixin"
    _description = "Consultation Statistics"

    room_id = fields.Many2one("consultation.room", readonly=True)
    level = fields.Selection(selection="_selection_level", readonly=True)
    parent_id = fields.Many2one("consultation.room", "Street / Town", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)

    def _selection_level(self):
        return self._source_selection("consultation.room", "level")

    def _source_selection(self, model, field):
        return self.env[model]._fields[field]._description_selection(self.env)

    def _local_date(self, column):
        """SQL for `column` (a UTC timestamp) as a date of the organisation's day."""
        return (
            f"(({column} AT TIME ZONE 'UTC') AT TIME ZONE "
            "COALESCE(company_partner.tz, 'Asia/Shanghai'))::date"
        )

    def _company_join(self, company_column):
        return f"""
            LEFT JOIN res_company company ON company.id = {company_column}
            LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
        """

    # Materialized: the rows are computed when the analysis is opened from its menu
    # (at most once a minute) and by the hourly refresh, not by every query of the
    # pivot: at a province's scale a pivot's four queries each recomputed 50,000 rows,
    # 0.2 to 0.4 s a query; computed once, 0.3 s, then 10 to 20 ms a query.
    _materialized = False

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        cr = self.env.cr
        table = SQL.identifier(self._table)
        tools.drop_view_if_exists(cr, self._table)
        if not self._materialized:
            cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", table, SQL(self._query())))
            return
        # refreshed_at: when the rows were computed (the refresh statement's time).
        cr.execute(
            SQL(
                "CREATE MATERIALIZED VIEW %s AS"
                " (SELECT *, statement_timestamp() AS refreshed_at FROM (%s) q)",
                table,
                SQL(self._query()),
            )
        )
        # A unique index lets a refresh run beside readers (CONCURRENTLY); the others
        # serve the default filter (this year) and drilling into a street or a room.
        indexes = (
            (["id"], True),
            (["date", "company_id"], False),
            (["parent_id"], False),
            (["room_id"], False),
        )
        for columns, unique in indexes:
            name = f"{self._table}__{'_'.join(columns)}_index"
            cr.execute(
                SQL(
                    "CREATE %s INDEX %s ON %s (%s)",
                    SQL("UNIQUE" if unique else ""),
                    SQL.identifier(name),
                    table,
                    SQL(", ").join(SQL.identifier(column) for column in columns),
                )
            )
        cr.execute(SQL("ANALYZE %s", table))

    @api.model
    def _refresh_statistics(self, max_age=0):
        """Compute the rows again unless they are younger than `max_age` seconds; a
        refresh under way in another transaction is not waited for (its rows are
        about to show)."""
        if not self._materialized:
            return False
        cr = self.env.cr
        table = SQL.identifier(self._table)
        if max_age:
            # Every row carries the same time: the first one says.
            cr.execute(
                SQL(
                    "SELECT refreshed_at > statement_timestamp() - make_interval(secs => %s)"
                    " FROM %s LIMIT 1",
                    max_age,
                    table,
                )
            )
            row = cr.fetchone()
            if row and row[0]:
                return False
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", self._table))
        if not cr.fetchone()[0]:
            return False
        self.env.flush_all()
        # Recomputed in place (5× faster) when nobody is reading the rows (readers that
        # come meanwhile wait for this transaction); beside the readers when somebody
        # is, or turns up before the in-place refresh gets the table (within a second).
        cr.execute(
            SQL(
                "SELECT 1 FROM pg_locks WHERE relation = %s::regclass"
                " AND pid != pg_backend_pid() LIMIT 1",
                self._table,
            )
        )
        in_place = not cr.fetchone()
        if in_place:
            try:
                with cr.savepoint(flush=False):
                    cr.execute("SET LOCAL lock_timeout = '1s'")
                    cr.execute(SQL("REFRESH MATERIALIZED VIEW %s", table), log_exceptions=False)
                    cr.execute("SET LOCAL lock_timeout TO DEFAULT")
            except psycopg2.errors.LockNotAvailable:
                in_place = False
        if not in_place:
            cr.execute(SQL("REFRESH MATERIALIZED VIEW CONCURRENTLY %s", table))
        # Fresh statistics for the planner (autovacuum comes later): a view created
        # empty at install and filled here would otherwise be planned as empty.
        cr.execute(SQL("ANALYZE %s", table))
        self.invalidate_model()
        return True

    @api.model
    def _action_open_analysis(self, action_xmlid):
        """The analysis's window, its rows computed now unless a minute old (menus)."""
        self.check_access("read")
        self._refresh_statistics(max_age=FRESH_SECONDS)
        return self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)

    @api.model
    def _cron_refresh_statistics(self):
        for model in self.env.registry.descendants([ConsultationReportMixin._name], "_inherit"):
            if not self.env[model]._abstract:
                self.env[model]._refresh_statistics()
