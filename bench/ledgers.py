"""The Excel ledgers at scale, each in a fresh process (as a server worker renders
it): the activity ledger of every room this year, the member ledger of every member
and the outcome ledger of every outcome of a benchmark database.

    ./bench.sh ledgers.py -d consultation_bench            # a database of run.py --keep

bench/run.py runs it for its figures. Prints one JSON object per ledger: rows, ms,
queries, peak RSS of the process in MB. --half renders half of the records, to show
that the queries do not grow with the rows.
"""

import argparse
import json
import os
import resource
import time

LEDGERS = {
    "activity": ("consultation.action_report_ledger_meetings", "consultation.room.year"),
    "members": ("consultation.action_report_ledger_members", "consultation.member"),
    "outcomes": ("consultation.action_report_ledger_outcomes", "consultation.outcome"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("--ledger", choices=LEDGERS, required=True)
    parser.add_argument("--half", action="store_true", help="half of the records")
    args = parser.parse_args()

    import odoo
    from odoo.tools import config

    options = ["-d", args.database, "--log-level=warn"]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.database)
    report_ref, model = LEDGERS[args.ledger]
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"})
        office = env.ref("base.user_admin")
        env = env(user=office.id, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
        domain = []
        if args.ledger == "activity":
            year = env.company._consultation_today().year
            if not env[model].sudo().search_count([("year", "=", year)], limit=1):
                env[model].sudo()._refresh_year(year)
            domain = [("year", "=", year)]
        records = env[model].search(domain, order="id")
        if args.half:
            records = records[: len(records) // 2]
        Report = env["ir.actions.report"]
        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        content, kind = Report._render_xlsx(report_ref, records.ids, data=None)
        ms = (time.perf_counter() - start) * 1000
        queries = cr.sql_log_count - queries
        cr.rollback()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "ledger": args.ledger,
                "rows": len(records),
                "ms": round(ms, 1),
                "queries": queries,
                "rss_mb": round(peak),
                "bytes": len(content),
                "kind": kind,
            }
        )
    )


if __name__ == "__main__":
    main()
