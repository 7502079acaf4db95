from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestMemberExpert(ConsultationCase):
    @mute_logger("odoo.sql_db")
    def test_a_contact_is_registered_once_as_member(self):
        with self.assertRaises(IntegrityError):
            self.env["consultation.member"].create({"partner_id": self.member_li.partner_id.id})

    @mute_logger("odoo.sql_db")
    def test_a_contact_is_in_the_expert_pool_once(self):
        partner = self.env["res.partner"].create({"name": "陈教授"})
        expertise = self.env["consultation.expertise"].create({"name": "城市规划(测试)"})
        expert = self.env["consultation.expert"].create(
            {"partner_id": partner.id, "title": "教授", "expertise_ids": [(6, 0, expertise.ids)]}
        )
        self.assertEqual(expertise.expert_ids, expert)
        self.assertTrue(expert.available)
        with self.assertRaises(IntegrityError):
            self.env["consultation.expert"].create({"partner_id": partner.id})
