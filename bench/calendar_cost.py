"""What everyone's calendar pays for the addon: the queries of plain events (events of
no meeting) without and with consultation, side by side, in one run.

    ./bench.sh calendar_cost.py
    python3 bench/calendar_cost.py --addons-path=... [-d DATABASE] [--keep]

One database: the addon's dependencies are installed first (no demo data) and measured,
then consultation is installed into the same database and the same calls are measured
again — the same events, the same employee, the same Odoo and dependencies; the only
difference is the addon (its overrides, fields, rules and triggers all active, none
bypassed). An employee without a consultation role creates, moves, invites to, deletes
and lists plain events; each call runs in a savepoint that is rolled back, twice, and
the second run counts (the registry's caches warm, the records' caches empty, as for a
new request). Prints a table and, as its last line, one JSON object
{"without": {call: queries}, "with": {call: queries}}. Drops the database (--keep keeps
it).
"""

import argparse
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from run import DEPENDENCIES

EMPLOYEE = "bench_calendar_employee"
EVENTS = 80
# The columns of Odoo's calendar list (calendar.view_calendar_event_tree).
EVENT_LIST = {
    "name": {},
    "start": {},
    "stop": {},
    "allday": {},
    "duration": {},
    "user_id": {"fields": {"display_name": {}}},
    "partner_ids": {"fields": {"display_name": {}}},
    "categ_ids": {"fields": {"display_name": {}}},
    "recurrency": {},
    "privacy": {},
    "show_as": {},
    "location": {},
    "description": {},
}


def odoo_cmd(args, *extra):
    cmd = [sys.executable, "-m", "odoo", "-d", args.database, "--log-level=warn", *extra]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    return cmd


def prepare(env):
    """The employee and their 80 plain events, made once, before the addon exists."""
    user = env["res.users"].search([("login", "=", EMPLOYEE)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "部门职员",
                "login": EMPLOYEE,
                "groups_id": [(6, 0, env.ref("base.group_user").ids)],
            }
        )
        start = datetime(2026, 3, 2, 9, 0)
        env["calendar.event"].with_user(user).create(
            [
                {"name": f"部门例会{i}", "start": start, "stop": start + timedelta(hours=1)}
                for i in range(EVENTS)
            ]
        )
        env["res.partner"].create({"name": "财务科"})
    return user


def count(env, func):
    """Queries of `func` in a rolled-back savepoint: the second of two runs."""
    figures = []
    for _run in range(2):
        env.flush_all()
        env.invalidate_all()
        with env.cr.savepoint(flush=False) as savepoint:
            before = env.cr.sql_log_count
            func()
            env.flush_all()
            figures.append(env.cr.sql_log_count - before)
            savepoint.rollback()
        env.invalidate_all()
    return figures[-1]


def measure(env):
    user = prepare(env)
    env.cr.commit()
    Event = env["calendar.event"].with_user(user)
    events = Event.search([("name", "=like", "部门例会%")], order="id", limit=EVENTS)
    partner = env["res.partner"].search([("name", "=", "财务科")], limit=1)
    start = datetime(2026, 3, 9, 9, 0)
    return {
        "create": count(
            env,
            lambda: Event.create(
                {"name": "新会", "start": start, "stop": start + timedelta(hours=1)}
            ),
        ),
        "write": count(
            env,
            lambda: events[0].write(
                {"name": "例会改期", "start": start, "stop": start + timedelta(hours=2)}
            ),
        ),
        "invite": count(env, lambda: events[1].write({"partner_ids": [(4, partner.id)]})),
        "unlink": count(env, lambda: events[2].unlink()),
        f"list_{EVENTS}": count(
            env,
            lambda: Event.web_search_read(
                [("id", "in", events.ids)], EVENT_LIST, limit=EVENTS, count_limit=None
            ),
        ),
    }


def measure_in_child(args):
    """Run `--measure` in a new process: a registry loaded after the last install."""
    cmd = [sys.executable, os.path.abspath(__file__), "--measure", "-d", args.database]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    output = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("-d", "--database", default=f"consultation_calendar_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        import odoo
        from odoo.tools import config

        options = ["-d", args.database, "--log-level=warn"]
        if args.addons_path:
            options.append(f"--addons-path={args.addons_path}")
        config.parse_config(options)
        registry = odoo.modules.registry.Registry(args.database)
        with registry.cursor() as cr:
            print(json.dumps(measure(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}))))
        return

    try:
        subprocess.run(
            odoo_cmd(args, "-i", DEPENDENCIES, "--without-demo=all", "--stop-after-init"),
            check=True,
        )
        without = measure_in_child(args)
        subprocess.run(
            odoo_cmd(args, "-i", "consultation", "--without-demo=all", "--stop-after-init"),
            check=True,
        )
        with_addon = measure_in_child(args)
    finally:
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", args.database], check=False)
    print(f"Plain calendar events, as an employee without a consultation role ({DEPENDENCIES}):")
    print(f"{'call':<10} {'without':>8} {'with':>8}")
    for call, queries in without.items():
        print(f"{call:<10} {queries:>8} {with_addon[call]:>8}")
    print(json.dumps({"without": without, "with": with_addon}))


if __name__ == "__main__":
    main()
