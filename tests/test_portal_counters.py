from odoo.tests import HttpCase, new_test_user, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestPortalCounters(HttpCase, ConsultationCase):
    """/my counts a person's suggestions and opinions where they may read them, and
    shows nothing (rather than failing) where they may not, as Odoo's own portals do."""

    def counters(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/my/counters", {"counters": ["consultation_count"]})

    def test_an_employee_without_a_consultation_role_opens_my_account(self):
        new_test_user(self.env, login="cs_accountant", groups="base.group_user", name="会计")
        self.assertEqual(self.counters("cs_accountant")["consultation_count"], 0)
        self.assertEqual(self.url_open("/my").status_code, 200)

    def test_a_portal_user_sees_their_own_count(self):
        self.env["consultation.topic"].sudo().create(
            {
                "name": "我的建议",
                "room_id": self.community_a1.id,
                "proposer_id": self.user_portal.partner_id.id,
            }
        )
        self.assertEqual(self.counters("cs_portal")["consultation_count"], 1)
