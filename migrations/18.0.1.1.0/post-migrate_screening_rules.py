"""三议四不议 as the seeds name them (issue #13). The shipped rules are noupdate: on
existing databases the seed's 四不议 get the seed's names, and the other not-to-deliberate
items are archived (offices that use them unarchive them in Configuration). Rules an
office renamed keep their name."""

from odoo import SUPERUSER_ID, api

RENAMED = {
    "consultation.screening_rule_exclude_illegal": (
        "Contrary to policies, laws or regulations",
        {"en_US": "Contrary to policy principles", "zh_CN": "违反政策原则"},
    ),
    "consultation.screening_rule_exclude_divergence": (
        "Serious disagreement",
        {"en_US": "Serious disagreement", "zh_CN": "严重分歧"},
    ),
}
ARCHIVED = (
    "consultation.screening_rule_exclude_beyond_scope",
    "consultation.screening_rule_exclude_infeasible",
    "consultation.screening_rule_exclude_decided",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    # Only the languages the database has: Odoo refuses translations of others.
    active = {code for code, _name in env["res.lang"].get_installed()}
    for xmlid, (shipped, names) in RENAMED.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule and rule.name == shipped:
            rule.update_field_translations(
                "name", {lang: name for lang, name in names.items() if lang in active}
            )
    for xmlid in ARCHIVED:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.active = False
