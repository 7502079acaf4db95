# Run through `odoo shell` by test.sh: CHECK_STEP=before|uninstall|after, CHECK_FILE=path.
# Uninstalling the addon must keep every meeting's calendar event (as a plain event) and
# leave nothing of the addon behind: no menu, action, rule, cron, report or review.
# ruff: noqa: F821 (`env` is given by odoo shell)
import json
import os
import sys

step = os.environ["CHECK_STEP"]
path = os.environ["CHECK_FILE"]

if step == "before":
    # As in production, closed minutes carry their PDF, which refuses deletion.
    revision = env["consultation.minutes.revision"].search([], limit=1)
    revision._with_pdf()
    env.cr.commit()
    events = env["consultation.meeting"].with_context(active_test=False).search([])
    ids = events.calendar_event_id.ids
    total = env["calendar.event"].with_context(active_test=False).search_count([])
    with open(path, "w") as file:
        json.dump({"meeting_events": ids, "events": total}, file)
    print(f"{len(ids)} meetings' events of {total} calendar events")
elif step == "uninstall":
    env["ir.module.module"].search([("name", "=", "consultation")]).button_immediate_uninstall()
elif step == "after":
    with open(path) as file:
        before = json.load(file)
    Event = env["calendar.event"].with_context(active_test=False)
    problems = []
    kept = Event.browse(before["meeting_events"]).exists()
    if len(kept) != len(before["meeting_events"]):
        problems.append(f"{len(before['meeting_events']) - len(kept)} meetings' events deleted")
    if Event.search_count([]) != before["events"]:
        problems.append(
            f"calendar events: {before['events']} before, {Event.search_count([])} after"
        )
    if kept.filtered("res_model_id"):
        problems.append("events still point at a meeting")
    leftovers = {
        "ir_model_data": "SELECT count(*) FROM ir_model_data WHERE module = 'consultation'",
        "ir_model": "SELECT count(*) FROM ir_model WHERE model LIKE 'consultation.%'",
        "ir_ui_menu": "SELECT count(*) FROM ir_ui_menu m LEFT JOIN ir_act_window a"
        " ON m.action = 'ir.actions.act_window,' || a.id"
        " WHERE m.action LIKE 'ir.actions.act_window,%' AND a.id IS NULL",
        "ir_act_window": "SELECT count(*) FROM ir_act_window WHERE res_model LIKE 'consultation.%'",
        "ir_act_report_xml": "SELECT count(*) FROM ir_act_report_xml"
        " WHERE model LIKE 'consultation.%'",
        "ir_act_server": "SELECT count(*) FROM ir_act_server"
        " WHERE model_name LIKE 'consultation.%'",
        "ir_rule": "SELECT count(*) FROM ir_rule r LEFT JOIN ir_model m ON m.id = r.model_id"
        " WHERE m.id IS NULL",
        "ir_ui_view": "SELECT count(*) FROM ir_ui_view WHERE model LIKE 'consultation.%'",
        "tier_definition": "SELECT count(*) FROM tier_definition t LEFT JOIN ir_model m"
        " ON m.id = t.model_id WHERE m.id IS NULL OR m.model LIKE 'consultation.%'",
        "tier_review": "SELECT count(*) FROM tier_review WHERE model LIKE 'consultation.%'",
        "mail_activity": "SELECT count(*) FROM mail_activity WHERE res_model LIKE 'consultation.%'",
        "ir_attachment": "SELECT count(*) FROM ir_attachment WHERE res_model LIKE 'consultation.%'",
        "materialized views": "SELECT count(*) FROM pg_matviews"
        " WHERE matviewname LIKE 'consultation%'",
        "views": "SELECT count(*) FROM pg_views WHERE viewname LIKE 'consultation%'",
        "res_groups": "SELECT count(*) FROM res_groups g JOIN ir_module_category c"
        " ON c.id = g.category_id WHERE c.name->>'en_US' = 'Consultation'",
    }
    for name, query in leftovers.items():
        env.cr.execute(query)
        count = env.cr.fetchone()[0]
        if count:
            problems.append(f"{count} rows of {name} left behind")
    if problems:
        print("Uninstall problems:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"uninstalled: {len(kept)} meetings' events kept, nothing left behind")
