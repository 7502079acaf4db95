"""Case booklet at scale: renders the booklet of N typical cases and prints, per
size, the SQL queries and the seconds it took. The query count must not grow with
the number of cases (prefetching, no per-case lookups).

    python3 bench/case_booklet.py -d consultation_demo --addons-path /path/to/addons
    python3 bench/case_booklet.py -d consultation_demo --sizes 10 100 --pdf

The cases are created in a transaction that is rolled back: the database is left
as it was. --pdf also renders the PDF (wkhtmltopdf; the style sheets come from the
server at the database's web.base.url, so start the server first for styled pages).
"""

import argparse
import os
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--pdf", action="store_true", help="also render the PDF")
    args = parser.parse_args()

    # Imported once the arguments are parsed: --help works without Odoo.
    import odoo
    from odoo.tools import config

    options = ["-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"})
        room = env["consultation.room"].search([], limit=1)
        if not room:
            raise SystemExit("No consultation room in this database: install the demo data.")
        tag = env["consultation.case.tag"].create({"name": "基准测试"})
        report = env["ir.actions.report"]
        # Warm the registry's and the templates' caches, which the first render fills.
        report._render_qweb_html("consultation.report_case_booklet", room.ids[:0])
        print(f"{'cases':>6} {'HTML queries':>13} {'HTML s':>7} {'PDF s':>7}")
        for size in args.sizes:
            cases = env["consultation.case"].create(
                [
                    {
                        "name": f"基准案例{i}",
                        "room_id": room.id,
                        "background": "<p>" + "背景情况。" * 60 + "</p>",
                        "process": "<p>" + "协商过程。" * 120 + "</p>",
                        "result": "<p>" + "协商成效。" * 60 + "</p>",
                        "tag_ids": [(6, 0, tag.ids)],
                    }
                    for i in range(size)
                ]
            )
            env.flush_all()
            env.invalidate_all()
            queries = cr.sql_log_count
            started = time.perf_counter()
            report._render_qweb_html("consultation.report_case_booklet", cases.ids)
            html_seconds = time.perf_counter() - started
            queries = cr.sql_log_count - queries
            pdf_seconds = float("nan")
            if args.pdf:
                started = time.perf_counter()
                report.with_context(force_report_rendering=True)._render_qweb_pdf(
                    "consultation.action_report_case_booklet", cases.ids
                )
                pdf_seconds = time.perf_counter() - started
            print(f"{size:>6} {queries:>13} {html_seconds:>7.2f} {pdf_seconds:>7.2f}")
        cr.rollback()


if __name__ == "__main__":
    main()
