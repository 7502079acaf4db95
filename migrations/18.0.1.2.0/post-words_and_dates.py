import json

from odoo import SUPERUSER_ID, api

# The shipped mail templates are the office's (noupdate): where a body still carries
# the date expressions it shipped with, they give way to the documents' one helper
# (tools.dates: 2026年12月4日至12月11日, 9:30), in every language; an edited body is
# left as the office wrote it.
DATES = "object.company_id._consultation_dates()"
ROOM_DATES = "object.room_id.company_id._consultation_dates()"
OPINIONS_EN = (
    '<t t-out="format_datetime(object.opinion_date_start, '
    'tz=object.room_id.company_id.partner_id.tz)"/>'
)
OPINIONS_END = (
    '<t t-out="format_datetime(object.opinion_date_end, '
    'tz=object.room_id.company_id.partner_id.tz)"/>'
)
REPLACEMENTS = {
    "mail_template_topic_published": [
        (
            "is on public notice from\n"
            '        <t t-out="object.publish_date_start"/> to'
            ' <t t-out="object.publish_date_end"/>.',
            "is on public notice for the period\n"
            f'        <t t-out="{DATES}.range(object.publish_date_start,'
            ' object.publish_date_end)"/>.',
        ),
        (
            '自 <t t-out="object.publish_date_start"/> 至'
            ' <t t-out="object.publish_date_end"/> 进行公示',
            f'于<t t-out="{DATES}.range(object.publish_date_start,'
            ' object.publish_date_end)"/>进行公示',
        ),
    ],
    "mail_template_minutes_report": [
        (
            "<t t-out=\"format_datetime(object.start, dt_format='long')\"/>",
            f'<t t-out="{DATES}.moment(object.start)"/>',
        ),
    ],
    "mail_template_outcome_submitted": [
        (
            '<t t-out="format_date(object.date_deadline)"/>',
            f'<t t-out="{DATES}.date(object.date_deadline)"/>',
        ),
    ],
    "mail_template_meeting_written": [
        (
            f"Opinions are collected from {OPINIONS_EN}\n        to {OPINIONS_END}.",
            "Opinions are collected in the period\n"
            f'        <t t-out="{ROOM_DATES}.span(object.opinion_date_start,'
            ' object.opinion_date_end)"/>.',
        ),
        (
            f"{OPINIONS_EN} 至 {OPINIONS_END}",
            f'<t t-out="{ROOM_DATES}.span(object.opinion_date_start, object.opinion_date_end)"/>',
        ),
    ],
}


def migrate(cr, version):
    """Dates in one style and one word a concept (#23): the mail templates' dates, and
    this module's Chinese terms reloaded over the old ones (an upgrade keeps existing
    translations otherwise, and the corrected words would never reach the office)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name, pairs in REPLACEMENTS.items():
        template = env.ref(f"consultation.{name}", raise_if_not_found=False)
        if not template:
            continue
        cr.execute("SELECT body_html FROM mail_template WHERE id = %s", [template.id])
        bodies = cr.fetchone()[0] or {}
        changed = False
        for lang, body in bodies.items():
            for old, new in pairs:
                if old in body:
                    body = body.replace(old, new)
                    changed = True
            bodies[lang] = body
        if changed:
            cr.execute(
                "UPDATE mail_template SET body_html = %s WHERE id = %s",
                [json.dumps(bodies), template.id],
            )
    env.invalidate_all()
    languages = env["res.lang"].search([("code", "=like", "zh_%")]).mapped("code")
    if languages:
        env["ir.module.module"]._load_module_terms(["consultation"], languages, overwrite=True)
