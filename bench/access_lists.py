"""Access at province scale: the topic, meeting and room lists as a street secretary,
each measured against Odoo's own calendar list in the same run.

    python3 bench/access_lists.py --addons-path /opt/odoo18/addons,...,/path/to/addons
    python3 bench/access_lists.py --addons-path ... --rooms 200 --topics 10000 --meetings 2000

Creates a database (consultation installed, no demo data), fills it with `generate()`
(2,000 rooms, 100,000 topics, 20,000 meetings by default; batched SQL inserts, a few
minutes), measures, prints each list's time, query count and ratio to the floor,
then drops the database (--keep to keep it for a second look).

The floor: `calendar.event.web_search_read` of 80 of the 20,000 events with name,
start, stop, attendees, location and organiser, as the same user. Each list is the
web client's request for its list view (the visible columns, 80 rows, with its
count). Goals (issue #11): topic list <= 2x and <= 8 queries, meeting list <= 2x and
<= 12 queries, room list <= 2x.

`generate(env, ...)` and `measure(env, user, ...)` are importable: the province
benchmark (bench/run.py) builds on them.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta

GOALS = {
    "topic list": (2.0, 8),
    "meeting list": (2.0, 12),
    "room list": (2.0, None),
}
BATCH = 5000
CALENDAR_FLOOR_FIELDS = ("name", "start", "stop", "partner_ids", "location", "user_id")


def _insert(cr, table, columns, rows, returning=False):
    """Batched multi-row INSERT; returns the new ids in order when `returning`."""
    from psycopg2.extras import execute_values

    ids = []
    sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES %s'
    if returning:
        sql += " RETURNING id"
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        result = execute_values(cr, sql, chunk, page_size=BATCH, fetch=returning)
        if returning:
            ids.extend(row[0] for row in result)
    return ids


def generate(env, rooms=2000, topics=100_000, meetings=20_000, villages_per_street=19):
    """Fill the database of `env` (consultation installed) with a province: a district
    room, streets of `villages_per_street` villages each, enterprise rooms to make up
    `rooms`; one first convener per room; `topics` topics and `meetings` meetings
    (each a calendar event with two attendees) spread over all rooms. Returns a dict
    with the street secretary user (`secretary`, secretary of the first street), the
    street and the counts. Plain SQL in batches; caches are cleared at the end."""
    cr = env.cr
    uid = env.uid
    now = datetime.now().replace(microsecond=0)
    company = env.company.id
    audit = [uid, now, uid, now]
    audit_cols = ["create_uid", "create_date", "write_uid", "write_date"]
    # Rooms established two years ago: old enough to be judged on their activity.
    founded = now.date() - timedelta(days=730)

    # Rooms: district, streets, villages, enterprises
    room_cols = ["name", "code", "level", "company_id", "stage", "active", "publish_days"]
    room_cols += ["required_meetings_per_year", *audit_cols, "date_established"]
    (district,) = _insert(
        cr,
        "consultation_room",
        room_cols,
        [("省级基准区", "B-D", "district", company, "established", True, 7, 4, *audit, founded)],
        returning=True,
    )
    streets_count = (rooms - 1) // (villages_per_street + 1)
    street_ids = _insert(
        cr,
        "consultation_room",
        [*room_cols, "parent_id"],
        [
            (
                f"基准街道{s}",
                f"B-S{s}",
                "street",
                company,
                "promoted",
                True,
                7,
                4,
                *audit,
                founded,
                district,
            )
            for s in range(streets_count)
        ],
        returning=True,
    )
    village_rows = [
        (
            f"基准社区{s}-{v}",
            f"B-S{s}-{v}",
            "village",
            company,
            "pilot",
            True,
            7,
            6,
            *audit,
            founded,
            street,
        )
        for s, street in enumerate(street_ids)
        for v in range(villages_per_street)
    ]
    village_ids = _insert(cr, "consultation_room", [*room_cols, "parent_id"], village_rows, True)
    extra = rooms - 1 - len(street_ids) - len(village_ids)
    enterprise_ids = _insert(
        cr,
        "consultation_room",
        [*room_cols, "parent_id"],
        [
            (
                f"基准企业{e}",
                f"B-E{e}",
                "enterprise",
                company,
                "pilot",
                True,
                7,
                4,
                *audit,
                founded,
                district,
            )
            for e in range(extra)
        ],
        returning=True,
    )
    cr.execute(
        """
        UPDATE consultation_room r
           SET parent_path = CASE
                   WHEN r.parent_id IS NULL THEN r.id || '/'
                   WHEN p.parent_id IS NULL THEN p.id || '/' || r.id || '/'
                   ELSE p.parent_id || '/' || p.id || '/' || r.id || '/' END,
               complete_name = CASE
                   WHEN r.parent_id IS NULL THEN r.name
                   WHEN p.parent_id IS NULL THEN p.name || ' / ' || r.name
                   ELSE %s || ' / ' || p.name || ' / ' || r.name END
          FROM consultation_room r2
          LEFT JOIN consultation_room p ON p.id = r2.parent_id
         WHERE r.id = r2.id AND r.code LIKE 'B-%%'
        """,
        ["省级基准区"],
    )
    all_rooms = [district, *street_ids, *village_ids, *enterprise_ids]

    # People: a first convener per room (partner, member, membership)
    partner_ids = _insert(
        cr,
        "res_partner",
        ["name", "complete_name", "active", "type", "lang", "company_id", *audit_cols],
        [
            (f"召集人{i}", f"召集人{i}", True, "contact", "zh_CN", company, *audit)
            for i in all_rooms
        ],
        returning=True,
    )
    member_ids = _insert(
        cr,
        "consultation_member",
        ["partner_id", "name", "member_type", "active", "company_id", *audit_cols],
        [(p, f"召集人{p}", "cppcc_member", True, company, *audit) for p in partner_ids],
        returning=True,
    )
    start = now.date() - timedelta(days=365)
    _insert(
        cr,
        "consultation_room_membership",
        [
            "room_id",
            "member_id",
            "partner_id",
            "company_id",
            "role",
            "role_sequence",
            "date_start",
            "active",
            *audit_cols,
        ],
        [
            (room, member, partner, company, "first_convener", 0, start, True, *audit)
            for room, member, partner in zip(all_rooms, member_ids, partner_ids, strict=True)
        ],
    )

    # Topics, spread evenly over the rooms
    states = ["draft", "submitted", "screened", "approved", "published", "ready", "done"]
    sources = ["party_gov", "member", "public", "joint"]
    _insert(
        cr,
        "consultation_topic",
        [
            "name",
            "code",
            "room_id",
            "company_id",
            "state",
            "source",
            "date_proposed",
            "proposer_id",
            "is_temporary",
            *audit_cols,
        ],
        [
            (
                f"基准议题{i}",
                f"YT-B{i:06d}",
                all_rooms[i % len(all_rooms)],
                company,
                states[i % len(states)],
                sources[i % len(sources)],
                now.date() - timedelta(days=i % 700),
                partner_ids[i % len(partner_ids)],
                False,
                *audit,
            )
            for i in range(topics)
        ],
    )

    # Meetings: each a calendar event with two attendees; every tenth joint with a
    # neighbouring room
    event_ids = _insert(
        cr,
        "calendar_event",
        [
            "name",
            "start",
            "stop",
            "duration",
            "allday",
            "show_as",
            "privacy",
            "active",
            "location",
            "user_id",
            *audit_cols,
        ],
        [
            (
                f"基准会议{i}",
                now - timedelta(hours=6 * i),
                now - timedelta(hours=6 * i - 2),
                2.0,
                False,
                "busy",
                "public",
                True,
                "议事厅",
                uid,
                *audit,
            )
            for i in range(meetings)
        ],
        returning=True,
    )
    _insert(
        cr,
        "calendar_event_res_partner_rel",
        ["calendar_event_id", "res_partner_id"],
        [
            (event, partner_ids[(i + k) % len(partner_ids)])
            for i, event in enumerate(event_ids)
            for k in (0, 1)
        ],
    )
    meeting_rooms = [all_rooms[i % len(all_rooms)] for i in range(meetings)]
    meeting_ids = _insert(
        cr,
        "consultation_meeting",
        [
            "calendar_event_id",
            "code",
            "room_id",
            "company_id",
            "form",
            "state",
            "vote_mode",
            "speaker_minutes",
            *audit_cols,
        ],
        [
            (
                event,
                f"HY-B{i:06d}",
                room,
                company,
                "meeting",
                "held" if i % 3 else "scheduled",
                "tally",
                3,
                *tuple(audit),
            )
            for i, (event, room) in enumerate(zip(event_ids, meeting_rooms, strict=True))
        ],
        returning=True,
    )
    # The events of meetings are flagged, as the meeting's creation does.
    cr.execute(
        """
        UPDATE calendar_event e
           SET is_room_meeting = TRUE,
               res_model_id = (SELECT id FROM ir_model WHERE model = 'consultation.meeting'),
               res_id = m.id
          FROM consultation_meeting m
         WHERE m.calendar_event_id = e.id AND m.id = ANY(%s)
        """,
        [meeting_ids],
    )
    joint = [
        (meeting, all_rooms[(all_rooms.index(room) + 1) % len(all_rooms)])
        for i, (meeting, room) in enumerate(zip(meeting_ids, meeting_rooms, strict=True))
        if i % 10 == 0
    ]
    _insert(cr, "consultation_meeting_joint_room_rel", ["meeting_id", "room_id"], joint)
    access = [*zip(meeting_ids, meeting_rooms, strict=True), *joint]
    _insert(cr, "consultation_meeting_access_room_rel", ["meeting_id", "room_id"], access)
    cr.execute(
        """
        UPDATE calendar_event e SET res_id = m.id,
               res_model_id = (SELECT id FROM ir_model WHERE model = 'consultation.meeting'),
               res_model = 'consultation.meeting'
          FROM consultation_meeting m WHERE m.calendar_event_id = e.id AND m.code LIKE 'HY-B%%'
        """
    )

    # The street secretary: runs the first street and its villages
    secretary = (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(
            {
                "name": "基准街道秘书",
                "login": f"bench_street_secretary_{int(time.time())}",
                "company_id": company,
                "company_ids": [(6, 0, [company])],
                "groups_id": [(6, 0, env.ref("consultation.group_consultation_secretary").ids)],
            }
        )
    )
    env["consultation.room"].browse(street_ids[0]).write({"secretary_ids": [(4, secretary.id)]})
    cr.execute("ANALYZE")
    env.invalidate_all()
    env.registry.clear_cache()
    return {
        "secretary": secretary,
        "street": env["consultation.room"].browse(street_ids[0]),
        "rooms": len(all_rooms),
        "topics": topics,
        "meetings": meetings,
        "events": len(event_ids),
    }


def _list_specification(model):
    """What the web client asks for a list view: its visible columns (optional ones
    shown by default), many2one and x2many as display names."""
    from lxml import etree

    arch = etree.fromstring(model.get_view(view_type="list")["arch"])
    spec = {}
    for node in arch.xpath("/list/field"):
        if node.get("optional") == "hide":
            continue
        name = node.get("name")
        field = model._fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def _time_call(env, func, runs):
    """Median milliseconds and the query count of `func`, each run on a cold record
    cache (the registry's and the rules' caches stay warm, as in a running server)."""
    cr = env.cr
    func()  # fills the registry's and the record rules' caches
    times = []
    queries = 0
    for _i in range(runs):
        env.invalidate_all()
        before = cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
        queries = cr.sql_log_count - before
    return statistics.median(times), queries


def measure(env, user, runs=7):
    """Time the calendar floor and the three lists as `user`; returns rows of
    (label, ms, queries, ratio to the floor)."""
    # The context the web client sends with every request.
    context = {"lang": "zh_CN", "tz": "Asia/Shanghai", "allowed_company_ids": user.company_id.ids}
    uenv = env(user=user.id, context=context)

    def web_list(model, spec):
        return lambda: model.web_search_read([], spec, limit=80, count_limit=None)

    event_spec = {
        name: {"fields": {"display_name": {}}} if name in ("partner_ids", "user_id") else {}
        for name in CALENDAR_FLOOR_FIELDS
    }
    lists = [("calendar floor", web_list(uenv["calendar.event"], event_spec))]
    for label, model_name in (
        ("topic list", "consultation.topic"),
        ("meeting list", "consultation.meeting"),
        ("room list", "consultation.room"),
    ):
        model = uenv[model_name]
        lists.append((label, web_list(model, _list_specification(model))))
    rows = []
    floor = None
    for label, func in lists:
        ms, queries = _time_call(uenv, func, runs)
        floor = floor or ms
        rows.append((label, ms, queries, ms / floor))
    return rows


def print_rows(rows, out=sys.stdout):
    print(f"{'list':<16}{'ms':>9}{'queries':>9}{'ratio':>8}  goal", file=out)
    for label, ms, queries, ratio in rows:
        goal = GOALS.get(label)
        verdict = ""
        if goal:
            max_ratio, max_queries = goal
            ok = ratio <= max_ratio and (max_queries is None or queries <= max_queries)
            limit = f"<= {max_ratio:g}x" + (f", <= {max_queries} q" if max_queries else "")
            verdict = f"{limit}: {'ok' if ok else 'MISSED'}"
        print(f"{label:<16}{ms:>9.1f}{queries:>9}{ratio:>7.2f}x  {verdict}", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons-path", default=os.environ.get("ODOO_ADDONS_PATH"))
    parser.add_argument("-d", "--database", default=f"consultation_bench_{os.getpid()}")
    parser.add_argument("--rooms", type=int, default=2000)
    parser.add_argument("--topics", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure again in a database kept by an earlier run (-d, with --keep)",
    )
    args = parser.parse_args()
    if args.measure_only:
        return measure_again(args)

    odoo_args = ["-d", args.database, "--stop-after-init", "--log-level=warn"]
    if args.addons_path:
        odoo_args.append(f"--addons-path={args.addons_path}")
    started = time.time()
    subprocess.run(
        [
            *(sys.executable, "-m", "odoo", *odoo_args),
            *("-i", "consultation", "--without-demo=all", "--load-language=zh_CN"),
        ],
        check=True,
    )
    try:
        import odoo
        from odoo.tools import config

        config.parse_config(odoo_args[:2] + odoo_args[4:])
        registry = odoo.modules.registry.Registry(args.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            info = generate(env, args.rooms, args.topics, args.meetings)
            cr.commit()
            print(
                f"{info['rooms']} rooms, {info['topics']} topics, {info['meetings']} meetings"
                f" ({info['events']} calendar events), generated in"
                f" {time.time() - started:.0f} s (install included); as the secretary of"
                f" {info['street'].name} ({len(info['street'].child_ids)} villages):"
            )
            print_rows(measure(env, info["secretary"], args.runs))
    finally:
        if not args.keep:
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "--if-exists", args.database], check=False)


def measure_again(args):
    import odoo
    from odoo.tools import config

    options = ["-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        secretary = env["res.users"].search(
            [("login", "=like", "bench_street_secretary_%")], order="id desc", limit=1
        )
        print_rows(measure(env, secretary, args.runs))
        cr.rollback()


if __name__ == "__main__":
    main()
