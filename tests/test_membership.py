from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestMembership(ConsultationCase):
    def setUp(self):
        super().setUp()
        self.Membership = self.env["consultation.room.membership"]
        self.wang = self.create_member("王召集人")
        self.zhao = self.create_member("赵召集人")

    def test_end_before_start_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.Membership.create(
                {
                    "room_id": self.community_a2.id,
                    "member_id": self.wang.id,
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 2, 1),
                }
            )

    def test_one_first_convener_at_a_time(self):
        self.Membership.create(
            {
                "room_id": self.community_a2.id,
                "member_id": self.wang.id,
                "role": "first_convener",
                "date_start": date(2025, 1, 1),
            }
        )
        with self.assertRaisesRegex(ValidationError, "already has a first convener"):
            self.Membership.create(
                {
                    "room_id": self.community_a2.id,
                    "member_id": self.zhao.id,
                    "role": "first_convener",
                    "date_start": date(2026, 1, 1),
                }
            )
        # Another room, or another role, is no conflict.
        self.Membership.create(
            [
                {
                    "room_id": self.community_a1.id,
                    "member_id": self.zhao.id,
                    "role": "first_convener",
                },
                {
                    "room_id": self.community_a2.id,
                    "member_id": self.zhao.id,
                    "role": "second_convener",
                },
            ]
        )

    def test_handover_of_first_convener(self):
        outgoing = self.Membership.create(
            {
                "room_id": self.community_a2.id,
                "member_id": self.wang.id,
                "role": "first_convener",
                "date_start": date(2024, 1, 1),
            }
        )
        self.assertEqual(self.community_a2.first_convener_id, self.wang.partner_id)
        outgoing.date_end = date(2025, 12, 31)
        self.Membership.create(
            {
                "room_id": self.community_a2.id,
                "member_id": self.zhao.id,
                "role": "first_convener",
                "date_start": date(2026, 1, 1),
            }
        )
        self.assertEqual(self.community_a2.first_convener_id, self.zhao.partner_id)

    def test_a_person_sits_in_several_rooms(self):
        self.Membership.create(
            [
                {"room_id": self.street_a.id, "member_id": self.wang.id, "role": "fixed"},
                {"room_id": self.community_a2.id, "member_id": self.wang.id, "role": "liaison"},
            ]
        )
        self.assertEqual(self.wang.room_ids, self.street_a | self.community_a2)
        self.assertEqual(self.wang.room_count, 2)
        self.assertEqual(self.community_a2.member_count, 1)
