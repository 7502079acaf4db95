from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """One "to approve" activity type per model: the topic's keeps its record (now bound
    to topics); open approval activities of plans and minutes move to their own type."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    topic_type = env.ref("consultation.mail_activity_type_approval")
    topic_type.res_model = "consultation.topic"
    for model, xmlid in (
        ("consultation.plan", "consultation.mail_activity_type_approval_plan"),
        ("consultation.meeting", "consultation.mail_activity_type_approval_minutes"),
    ):
        env["mail.activity"].search(
            [("activity_type_id", "=", topic_type.id), ("res_model", "=", model)]
        ).write({"activity_type_id": env.ref(xmlid).id})
