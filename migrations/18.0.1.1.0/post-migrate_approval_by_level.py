"""Approval by level (issue #13): the shipped tier definitions are noupdate, so existing
databases get the new routing here. Topics of an approved plan need no topic tier; the
committee and chairman's tiers apply to temporary topics of district-like rooms only; the
party organisation's tier reads the room's party reviewers. Reviews already requested keep
the reviewers they were given."""

from odoo import SUPERUSER_ID, api

UPPER_LEVELS = (
    '[("is_temporary", "=", True),'
    ' ("room_id.level", "in", ["district", "committee", "sector", "enterprise"])]'
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})

    def tier(xmlid):
        return env.ref(f"consultation.{xmlid}", raise_if_not_found=False)

    for xmlid in ("tier_topic_committee", "tier_topic_chairman"):
        definition = tier(xmlid)
        if definition and definition.definition_domain in (False, "", "[]"):
            definition.definition_domain = UPPER_LEVELS
    for xmlid, field in (
        ("tier_topic_party", "field_consultation_topic__party_reviewer_ids"),
        ("tier_plan_party", "field_consultation_plan__party_reviewer_ids"),
    ):
        definition = tier(xmlid)
        # Only the shipped setting is replaced: an office's own choice stays.
        if definition and definition.reviewer_group_id == env.ref(
            "consultation.group_consultation_reviewer_party"
        ):
            values = {
                "review_type": "field",
                "reviewer_group_id": False,
                "reviewer_field_id": env.ref(f"consultation.{field}").id,
            }
            if xmlid == "tier_topic_party" and definition.definition_domain in (False, "", "[]"):
                values["definition_domain"] = '[("is_temporary", "=", True)]'
            definition.write(values)
    # The party organisation's former reviewers keep approving, now as the reviewers of
    # the top rooms (the others inherit them).
    party = env.ref("consultation.group_consultation_reviewer_party")
    reviewers = party.users.filtered(
        lambda u: u.has_group("consultation.group_consultation_approver")
    )
    if reviewers:
        roots = (
            env["consultation.room"]
            .with_context(active_test=False)
            .search([("parent_id", "=", False), ("party_reviewer_ids", "=", False)])
        )
        roots.write({"party_reviewer_ids": [(6, 0, reviewers.ids)]})
