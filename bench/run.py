"""Performance at scale, each figure a ratio to a floor measured in the same run.

    ./bench.sh --scale small      # a minute: the smoke test test.sh runs
    ./bench.sh --scale district
    ./bench.sh --scale province   # 2,000 rooms, 100,000 topics: about 15 min

./bench.sh runs it with the Odoo and the addons path ./run.sh uses; by hand, run it with
the Python that imports Odoo 18 and pass --addons-path (or ODOO_ADDONS_PATH) naming
Odoo's addons and a folder holding this addon as `consultation`.

Creates a database it names (consultation without demo data), fills it with the
province generator of bench/access_lists.py plus members, outcomes (a tenth overdue)
and typical cases, commits (the HTTP figures need a running server that sees the
data), measures, prints a table — figure, milliseconds, queries, floor, ratio, goal —
and as its last line one JSON object with the keys floor, topic, meeting, analysis,
compliance, supervision, minutes, booklet, notice, install. Then it drops the
database (--keep keeps it).

The floor is Odoo's own calendar list (80 of the meetings' events with name, start,
stop, attendees, location and organiser, as the street secretary) unless a goal
names another: the portal pages are held against the same server's /web/login.
--scale small skips the install measurement, the booklet PDF and the load test.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from http.cookiejar import CookieJar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from access_lists import _insert, _time_call, generate, measure

SCALES = {
    # rooms, members, topics, meetings, outcomes, cases, villages per street
    "small": (40, 400, 1_000, 200, 400, 20, 9),
    "district": (200, 5_000, 10_000, 2_000, 4_000, 100, 19),
    "province": (2_000, 50_000, 100_000, 20_000, 40_000, 1_000, 19),
}
DEPENDENCIES = "mail,calendar,portal,base_tier_validation,report_xlsx"
DEPARTMENTS = 60
# figure: (maximum ratio to its floor, what the floor is)
GOALS = {
    "topic": 2.0,
    "meeting": 2.0,
    # analysis: every room × state of 100,000 topics (14,000 cells), reported only: Odoo
    # core formats each cell; the activity ledger is the report of all rooms at once.
    "pivot_views": 5.0,
    "pivot_street": 2.0,
    "compliance": 300.0,
    "supervision": 300.0,
    "minutes": 10.0,
    "booklet": 30.0,
    "booklet_pdf": 1.5,
    "notice": 2.0,
    "topic_page": 2.0,
    "opinion_post": 3.0,
}
# The analysis menu's views, measured with their default groupings and measures.
ANALYSIS_ACTIONS = (
    "consultation.consultation_topic_report_action",
    "consultation.consultation_meeting_report_action",
    "consultation.consultation_outcome_report_action",
    "consultation.consultation_room_year_action",
    "consultation.consultation_room_year_action_coverage",
    "consultation.consultation_unit_action_coverage",
)
LOAD_GOAL = 2.0  # board p95 / /web/login p95 under load
LEDGER_GOALS = (30.0, 1024)  # seconds, MB of peak RSS


def odoo_cmd(args, *extra):
    cmd = [sys.executable, "-m", "odoo", "-d", args.database, "--log-level=warn", *extra]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    return cmd


def install(args, with_timing):
    """Install consultation (no demo). With timing: its dependencies first, then the
    addon alone, so that the figure is what consultation adds over them."""
    seconds = None
    # Chinese is loaded with the dependencies, so the addon's figure is its own install.
    subprocess.run(
        odoo_cmd(
            args,
            "-i",
            DEPENDENCIES,
            "--without-demo=all",
            "--load-language=zh_CN",
            "--stop-after-init",
        ),
        check=True,
    )
    start = time.perf_counter()
    subprocess.run(
        odoo_cmd(args, "-i", "consultation", "--without-demo=all", "--stop-after-init"),
        check=True,
    )
    if with_timing:
        seconds = time.perf_counter() - start
    return seconds


def generate_more(env, info, members, outcomes, cases):
    """Members, outcomes (a tenth overdue) and published cases on top of the province."""
    cr = env.cr
    uid, now, company = env.uid, datetime.now().replace(microsecond=0), env.company.id
    audit = [uid, now, uid, now]
    audit_cols = ["create_uid", "create_date", "write_uid", "write_date"]

    def insert_partners(names):
        return _insert(
            cr,
            "res_partner",
            ["name", "complete_name", "active", "type", "lang", "company_id", *audit_cols],
            [(name, name, True, "contact", "zh_CN", company, *audit) for name in names],
            returning=True,
        )

    partners = insert_partners(f"委员{i}" for i in range(members))
    _insert(
        cr,
        "consultation_member",
        ["partner_id", "name", "member_type", "active", "company_id", *audit_cols],
        [(p, f"委员{p}", "representative", True, company, *audit) for p in partners],
    )
    cr.execute(
        "SELECT m.id, m.room_id, r.topic_id FROM consultation_meeting m"
        " JOIN consultation_meeting_topic_rel r ON r.meeting_id = m.id"
        " WHERE m.state = 'held' ORDER BY m.id"
    )
    held = cr.fetchall()
    if not held:
        # The generator puts no agenda on its meetings: give each held meeting a topic
        # of its room.
        cr.execute(
            """
            INSERT INTO consultation_meeting_topic_rel (meeting_id, topic_id)
            SELECT m.id, (SELECT t.id FROM consultation_topic t
                           WHERE t.room_id = m.room_id ORDER BY t.id LIMIT 1)
              FROM consultation_meeting m
             WHERE m.state = 'held'
               AND EXISTS (SELECT 1 FROM consultation_topic t WHERE t.room_id = m.room_id)
            RETURNING meeting_id, topic_id
            """
        )
        pairs = cr.fetchall()
        cr.execute("SELECT id, room_id FROM consultation_meeting WHERE state = 'held'")
        room_of = dict(cr.fetchall())
        held = [(meeting, room_of[meeting], topic) for meeting, topic in pairs]
    # The departments that implement outcomes (承办部门): a few dozen per district, as in
    # the demo; not one per outcome (a pivot by department of 40,000 members' names).
    departments = insert_partners(f"基准承办部门{i}" for i in range(DEPARTMENTS))
    today = now.date()
    states = ["accepted", "in_progress", "done", "submitted", "in_progress"]
    rows = []
    for i in range(outcomes):
        meeting, room, topic = held[i % len(held)]
        overdue = i % 10 == 0
        state = "in_progress" if overdue else states[i % len(states)]
        deadline = today - timedelta(days=5 + i % 30) if overdue else today + timedelta(days=60)
        rows.append(
            (
                f"基准成果{i}",
                meeting,
                topic,
                room,
                company,
                "decision",
                state,
                deadline,
                departments[i % len(departments)],
                uid,
                "已办结，群众满意。" if state == "done" else None,
                *audit,
            )
        )
    _insert(
        cr,
        "consultation_outcome",
        [
            "name",
            "meeting_id",
            "topic_id",
            "room_id",
            "company_id",
            "outcome_type",
            "state",
            "date_deadline",
            "department_id",
            "user_id",
            "public_feedback",
            *audit_cols,
        ],
        rows,
    )
    cr.execute(
        "SELECT DISTINCT ON (topic_id) topic_id, meeting_id, room_id FROM consultation_outcome o"
        " WHERE NOT EXISTS (SELECT 1 FROM consultation_case c WHERE c.topic_id = o.topic_id)"
        " ORDER BY topic_id LIMIT %s",
        [cases],
    )
    texts = ["<p>" + "协商过程与成效。" * 80 + "</p>"] * 3 + audit
    case_ids = _insert(
        cr,
        "consultation_case",
        [
            "name",
            "topic_id",
            "meeting_id",
            "room_id",
            "company_id",
            "year",
            "sequence",
            "state",
            "background",
            "process",
            "result",
            *audit_cols,
        ],
        [
            (f"基准案例{i}", topic, meeting, room, company, today.year, 10, "published", *texts)
            for i, (topic, meeting, room) in enumerate(cr.fetchall())
        ],
        returning=True,
    )
    cr.execute("ANALYZE")
    env.invalidate_all()
    info.update(members=members, outcomes=outcomes, cases=len(case_ids), case_ids=case_ids)
    return info


def pivot_view(model):
    """Rows, columns and measures of the model's default pivot view."""
    from lxml import etree

    arch = etree.fromstring(model.get_view(view_type="pivot")["arch"])

    def fields(kind):
        return [
            field.get("name") + (f":{field.get('interval')}" if field.get("interval") else "")
            for field in arch.iter("field")
            if field.get("type") == kind
        ]

    return fields("row"), fields("col"), fields("measure")


def pivot_load(model, domain, rows, cols, measures):
    """What the pivot view asks when it opens: the total, the rows, the columns and
    the cells, each one read_group."""
    specs = [*measures, "__count"]

    def load():
        for groupby in ([], rows, cols, rows + cols) if cols else ([], rows):
            model.read_group(domain, specs, groupby, lazy=False)

    return load


def analysis_views(env):
    """(name, pivot load) of each view of the analysis menu, with its action's default
    filters, groupings and measures."""
    from dateutil.relativedelta import relativedelta
    from lxml import etree

    from odoo.tools.safe_eval import safe_eval

    evaluation = {
        "context_today": lambda: datetime.now().date(),
        "relativedelta": relativedelta,
        "datetime": datetime,
        "uid": env.uid,
    }
    loads = []
    for xmlid in ANALYSIS_ACTIONS:
        action = env.ref(xmlid, raise_if_not_found=False)
        if not action:
            continue
        model = env[action.res_model]
        context = safe_eval(action.context or "{}", evaluation)
        rows, cols, measures = pivot_view(model)
        search = etree.fromstring(model.get_view(view_type="search")["arch"])
        domain, groupbys = [], []
        for node in search.iter("filter"):
            if not context.get(f"search_default_{node.get('name')}"):
                continue
            if node.get("domain"):
                domain += safe_eval(node.get("domain"), evaluation)
            group_by = safe_eval(node.get("context") or "{}", evaluation).get("group_by")
            if group_by:
                groupbys.append(group_by)
        rows = context.get("pivot_row_groupby", groupbys or rows)
        cols = context.get("pivot_column_groupby", cols)
        measures = [m for m in context.get("pivot_measures", measures) if m != "__count"]
        loads.append((action.res_model, pivot_load(model, domain, rows, cols, measures)))
    return loads


def ledger_figures(args):
    """Each Excel ledger of all the rooms, members and outcomes in a fresh process,
    and of half of them (the queries must not grow with the rows)."""
    figures = {}
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ledgers.py")
    for ledger in ("activity", "members", "outcomes"):
        runs = []
        for half in ([], ["--half"]):
            cmd = [sys.executable, script, "-d", args.database, "--ledger", ledger, *half]
            if args.addons_path:
                cmd.append(f"--addons-path={args.addons_path}")
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            runs.append(last_json(done.stdout))
        figures[ledger] = runs
    return figures


def timed(env, func, runs=5):
    ms, queries = _time_call(env, func, runs)
    return ms, queries


def in_savepoint(env, func):
    """Run a cron's work and roll it back, so that each run sees the same data."""

    def run():
        with env.cr.savepoint(flush=False) as savepoint:
            func()
            env.flush_all()
            savepoint.rollback()

    return run


def measure_models(env, info, scale):
    """Everything measured in-process: lists, analysis, crons, documents."""
    figures = {}
    rows = measure(env, info["secretary"], runs=5)
    floor_ms = rows[0][1]
    figures["floor"] = (rows[0][1], rows[0][2])
    for label, ms, queries, _ratio in rows[1:]:
        figures[label.split()[0]] = (ms, queries)

    office = env.ref("base.user_admin")
    oenv = env(user=office.id, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
    topic_pivot = oenv["consultation.topic"]
    analyses = [lambda: topic_pivot.read_group([], ["__count"], ["room_id", "state"], lazy=False)]
    if "consultation.room.year" in env:
        year = oenv["consultation.room.year"]
        analyses.append(lambda: year.read_group([], ["meetings_held:sum"], ["level"], lazy=False))
    worst = max((timed(oenv, func) for func in analyses), key=lambda figure: figure[0])
    figures["analysis"] = worst
    # The large analyses are computed when their menu opens (at most once a minute) and
    # hourly: the time of that computation, then the pivots on its rows.
    refresh = {}
    for model in (
        "consultation.topic.report",
        "consultation.meeting.report",
        "consultation.outcome.report",
    ):
        if hasattr(env[model], "_refresh_statistics"):
            start = time.perf_counter()
            env[model]._refresh_statistics()
            refresh[model] = (time.perf_counter() - start) * 1000
    if refresh:
        slowest_refresh = max(refresh, key=refresh.get)
        figures["analysis_refresh"] = (refresh[slowest_refresh], 0)
        figures["analysis_refresh_name"] = slowest_refresh
    # This year's rows of 年度开展情况 for its two views (the cron makes them; rolled back,
    # so that the compliance cron below is measured as before).
    with env.cr.savepoint(flush=False) as savepoint:
        if "consultation.room.year" in env:
            env["consultation.room.year"]._cron_refresh()
            env.flush_all()
        views = {name: timed(oenv, load) for name, load in analysis_views(oenv)}
        savepoint.rollback()
    env.invalidate_all()
    slowest = max(views, key=lambda name: views[name][0])
    figures["pivot_views"] = views[slowest]
    figures["pivot_views_name"] = slowest
    street = env["consultation.room"].search([("level", "=", "street")], limit=1)
    report = oenv["consultation.topic.report"]
    figures["pivot_street"] = timed(
        oenv,
        pivot_load(
            report,
            [("parent_id", "=", street.id)],
            ["room_id"],
            ["state"],
            pivot_view(report)[2],
        ),
    )

    Outcome = env["consultation.outcome"]
    figures["supervision"] = timed(env, in_savepoint(env, Outcome._cron_supervise_overdue), 3)
    if "consultation.room.year" in env:
        cron = env["consultation.room.year"]._cron_refresh
        figures["compliance"] = timed(env, in_savepoint(env, cron), 3)

    meeting = env["consultation.meeting"].search([("state", "=", "held")], limit=1)
    Revision = env["consultation.minutes.revision"]
    figures["minutes"] = timed(env, lambda: Revision._render_draft(meeting))

    Report = env["ir.actions.report"]
    cases = env["consultation.case"].browse(info["case_ids"])

    def booklet(size):
        return lambda: Report._render_qweb_html(
            "consultation.report_case_booklet", cases[:size].ids
        )

    ten = timed(env, booklet(10))
    hundred = timed(env, booklet(100))
    figures["booklet"] = hundred
    figures["booklet_queries_10"] = ten
    if scale != "small":
        chapters = cases[:100]
        html = Report.with_context(force_report_rendering=True)._render_qweb_html(
            "consultation.action_report_case_booklet_chapters", chapters.ids
        )[0]

        def seconds(func):
            start = time.perf_counter()
            func()
            return (time.perf_counter() - start) * 1000

        def one_run():
            Report._run_wkhtmltopdf([html.decode()], specific_paperformat_args={})

        # Three of each, alternated, medians: one wkhtmltopdf run varies by a tenth.
        wholes, passes = [], []
        for _run in range(3):
            wholes.append(seconds(chapters._render_booklet_pdf))
            passes.append(seconds(one_run))
        whole, one_pass = statistics.median(wholes), statistics.median(passes)
        figures["booklet_pdf"] = (whole, 0, one_pass)
    return floor_ms, figures


def kept_info(env):
    """What generate() and generate_more() said, read back from a kept database."""
    secretary = env["res.users"].search(
        [("login", "=like", "bench_street_secretary_%")], order="id desc", limit=1
    )
    cases = env["consultation.case"].search([("name", "=like", "基准案例%")], order="id")

    def count(model):
        return env[model].search_count([])

    return {
        "secretary": secretary,
        "rooms": count("consultation.room"),
        "topics": count("consultation.topic"),
        "meetings": count("consultation.meeting"),
        "members": count("consultation.member"),
        "outcomes": count("consultation.outcome"),
        "cases": len(cases),
        "case_ids": cases.ids,
    }


def last_json(text):
    """The last line of a script's output that is a JSON object."""
    lines = [line for line in text.strip().splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


def replica_figures(args):
    """bench/replica.py on this database: its lines as they are, its JSON parsed."""
    cmd = [
        sys.executable,
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "replica.py"),
        "-d",
        args.database,
    ]
    for option, value in (("--http-port", args.http_port), ("--gevent-port", args.gevent_port)):
        if value:
            cmd += [option, str(value)]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    result = last_json(done.stdout)
    if done.returncode or not result:
        return {"error": (done.stderr or done.stdout)[-2000:]}
    lines = [line for line in done.stdout.splitlines() if not line.startswith("{")]
    return {"lines": [line for line in lines if "server" not in line], **result}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_figures(args, topic_id, scale):
    """Portal pages over HTTP against the same server's /web/login."""
    port = args.http_port or free_port()
    workers = [] if scale == "small" else ["--workers", "4", "--max-cron-threads", "0"]
    server = subprocess.Popen(
        odoo_cmd(
            args,
            f"--http-port={port}",
            f"--gevent-port={args.gevent_port or free_port()}",
            "--http-interface=127.0.0.1",
            *workers,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _i in range(120):
            try:
                urllib.request.urlopen(f"{base}/web/login", timeout=5).read()
                break
            except OSError:
                time.sleep(1)

        def median_ms(url, runs=15):
            urllib.request.urlopen(url, timeout=30).read()
            times = []
            for _i in range(runs):
                start = time.perf_counter()
                urllib.request.urlopen(url, timeout=30).read()
                times.append((time.perf_counter() - start) * 1000)
            return statistics.median(times)

        login = median_ms(f"{base}/web/login")
        figures = {
            "login": (login, 0),
            "notice": (median_ms(f"{base}/consultation"), 0, login),
            "topic_page": (median_ms(f"{base}/consultation/topic/{topic_id}"), 0, login),
        }
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/consultation/topic/{topic_id}", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if token:
            times = []
            for i in range(10):
                body = urllib.parse.urlencode(
                    {
                        "csrf_token": token.group(1),
                        "content": f"基准意见{i}",
                        "contact_name": "基准居民",
                    }
                ).encode()
                start = time.perf_counter()
                opener.open(f"{base}/consultation/topic/{topic_id}/opinion", body, timeout=30)
                times.append((time.perf_counter() - start) * 1000)
            figures["opinion_post"] = (statistics.median(times), 0, login)
        if scale != "small":
            load = subprocess.run(
                [
                    sys.executable,
                    os.path.join(os.path.dirname(__file__), "load.py"),
                    "--url",
                    f"{base}/consultation",
                    "--clients",
                    "50",
                    "--requests",
                    "400",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            result = last_json(load.stdout) if load.returncode == 0 else None
            figures["load"] = result or {"error": load.stderr}
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("-d", "--database", default=f"consultation_bench_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--http-port", type=int, default=0, help="the portal pages' server (default: a free port)"
    )
    parser.add_argument(
        "--template",
        help="copy this database (consultation installed) instead of installing; no"
        " install figure then (test.sh passes the database it just tested)",
    )
    parser.add_argument(
        "--gevent-port", type=int, default=0, help="its long-polling port (default: a free port)"
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure again in a database kept by an earlier run of this scale (-d, --keep)",
    )
    parser.add_argument(
        "--replica",
        action="store_true",
        help="also run the board on a streaming replica (bench/replica.py; root, not in CI)",
    )
    args = parser.parse_args()
    rooms, members, topics, meetings, outcomes, cases, villages = SCALES[args.scale]

    started = time.time()
    if args.measure_only:
        install_seconds = None
    elif args.template:
        subprocess.run(["createdb", "-T", args.template, args.database], check=True)
        install_seconds = None
    else:
        install_seconds = install(args, with_timing=args.scale != "small")
    import odoo
    from odoo.tools import config

    config_args = ["-d", args.database, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    config.parse_config(config_args)
    try:
        registry = odoo.modules.registry.Registry(args.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            if args.measure_only:
                info = kept_info(env)
            else:
                info = generate(env, rooms, topics, meetings, villages_per_street=villages)
                generate_more(env, info, members, outcomes, cases)
            # A topic on notice for the portal pages; the limit out of the way.
            topic = env["consultation.topic"].search([("state", "=", "published")], limit=1)
            today = env.company._consultation_today()
            topic.sudo().write(
                {
                    "publish_date_start": today - timedelta(days=1),
                    "publish_date_end": today + timedelta(days=6),
                }
            )
            env["ir.config_parameter"].set_param(
                "consultation.portal_submissions_per_hour", "1000000"
            )
            cr.commit()
            generated = time.time() - started
            floor_ms, figures = measure_models(env, info, args.scale)
            cr.rollback()
        odoo.sql_db.close_all()
        figures.update(http_figures(args, topic.id, args.scale))
        if args.scale != "small":
            figures["ledgers"] = ledger_figures(args)
        if args.replica:
            figures["replica"] = replica_figures(args)
        report(args, info, generated, floor_ms, figures, install_seconds)
    finally:
        if not args.keep:
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "--if-exists", args.database], check=False)


def load_line(label, load):
    """The load test's figures: the board against /web/login, same clients, same run."""
    if "error" in load:
        return f"{label}: FAILED {load['error'][-500:]}"
    page, floor = load["page"], load["floor"]
    ok = (load["ratio_p95"] or 0) <= LOAD_GOAL and page["errors"] + floor["errors"] == 0
    return (
        f"{label}: board p50 {page['p50']:.0f} ms p95 {page['p95']:.0f} ms,"
        f" /web/login p50 {floor['p50']:.0f} ms p95 {floor['p95']:.0f} ms;"
        f" ratio p50 {load['ratio_p50']}x p95 {load['ratio_p95']}x,"
        f" {page['errors'] + floor['errors']} errors, {page['requests']} + {floor['requests']}"
        f" requests in {load['seconds']} s  p95 <= {LOAD_GOAL:g}x, 0 errors:"
        f" {'ok' if ok else 'MISSED'}"
    )


def report(args, info, generated, floor_ms, figures, install_seconds):
    print(
        f"\n{args.scale}: {info['rooms']} rooms, {info['members']} members, {info['topics']}"
        f" topics, {info['meetings']} meetings, {info['outcomes']} outcomes,"
        f" {info['cases']} cases; generated in {generated:.0f} s"
    )
    print(f"{'figure':<14}{'ms':>10}{'queries':>9}{'floor ms':>10}{'ratio':>8}  goal")
    summary = {}
    for key in (
        "floor",
        "topic",
        "meeting",
        "room",
        "analysis",
        "pivot_views",
        "pivot_street",
        "analysis_refresh",
        "compliance",
        "supervision",
        "minutes",
        "booklet",
        "booklet_pdf",
        "notice",
        "topic_page",
        "opinion_post",
    ):
        if key not in figures:
            continue
        ms, queries, *floor = figures[key]
        floor = floor[0] if floor else floor_ms
        ratio = ms / floor if floor else 0.0
        goal = GOALS.get(key)
        verdict = f"<= {goal:g}x {'ok' if ratio <= goal else 'MISSED'}" if goal else ""
        if key == "booklet":
            same = figures["booklet_queries_10"][1] == queries
            verdict += f"; queries 10 cases = 100 cases: {'ok' if same else 'MISSED'}"
        if key == "analysis":
            verdict = "every room x state: reported (the activity ledger prints all rooms)"
        if key == "pivot_views":
            verdict += f" (slowest: {figures['pivot_views_name']})"
        if key == "analysis_refresh":
            verdict = (
                f"reported: on opening the menu, at most once a minute"
                f" (slowest: {figures['analysis_refresh_name']})"
            )
        print(f"{key:<14}{ms:>10.1f}{queries:>9}{floor:>10.1f}{ratio:>7.2f}x  {verdict}")
        summary[key] = {"ms": round(ms, 1), "queries": queries, "ratio": round(ratio, 2)}
    load = figures.get("load")
    if load:
        print(load_line("load, 4 workers", load))
        summary["load"] = load
    replica = figures.get("replica")
    if replica:
        if "error" in replica:
            print(f"replica: FAILED {replica['error']}")
        else:
            print(load_line("load, 4 workers + replica", replica["load"]))
            for line in replica["lines"]:
                print(f"replica: {line}")
            share = replica["replica_share_consultation"]
            print(
                f"replica share of the board's consultation_* reads: {share:.1%}"
                f" (goal 100 %: {'ok' if share >= 1.0 else 'MISSED'}),"
                f" of all table scans {replica['replica_share_all']:.1%};"
                f" POST on the primary: {'ok' if replica['post_ok'] else 'MISSED'}"
            )
        summary["replica"] = {k: v for k, v in replica.items() if k != "lines"}
    for ledger, (whole, half) in figures.get("ledgers", {}).items():
        seconds, rss = whole["ms"] / 1000, whole["rss_mb"]
        constant = whole["queries"] == half["queries"]
        ok = seconds < LEDGER_GOALS[0] and rss < LEDGER_GOALS[1] and constant
        print(
            f"ledger {ledger:<9}{whole['rows']:>7} rows {seconds:>6.1f} s {whole['queries']:>5}"
            f" queries (half the rows: {half['queries']}) peak RSS {rss} MB"
            f"  < {LEDGER_GOALS[0]:g} s, < {LEDGER_GOALS[1]} MB, constant queries:"
            f" {'ok' if ok else 'MISSED'}"
        )
        summary[f"ledger_{ledger}"] = whole
    if install_seconds is not None:
        print(f"install without demo over its dependencies: {install_seconds:.1f} s")
    result = {
        key: summary.get(key)
        for key in (
            "floor",
            "topic",
            "meeting",
            "analysis",
            "compliance",
            "supervision",
            "minutes",
            "booklet",
            "notice",
        )
    }
    for key in ("pivot_views", "pivot_street", "booklet_pdf", "load", "replica"):
        if key in summary:
            result[key] = summary[key]
    for key in summary:
        if key.startswith("ledger_"):
            result[key] = summary[key]
    result["install"] = round(install_seconds, 1) if install_seconds is not None else None
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
