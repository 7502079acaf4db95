from datetime import date

from freezegun import freeze_time

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
        """The successor is appointed ahead of time; the handover happens at the
        organisation's midnight with no write, and only then."""
        outgoing = self.Membership.create(
            {
                "room_id": self.community_a2.id,
                "member_id": self.wang.id,
                "role": "first_convener",
                "date_start": date(2024, 1, 1),
                "date_end": date(2026, 3, 31),
            }
        )
        self.Membership.create(
            {
                "room_id": self.community_a2.id,
                "member_id": self.zhao.id,
                "role": "first_convener",
                "date_start": date(2026, 4, 1),
            }
        )
        room = self.community_a2
        # 23:30 on 31 March in Shanghai (15:30 UTC): still Wang.
        with freeze_time("2026-03-31 15:30:00"):
            room.invalidate_recordset()
            self.assertEqual(room.first_convener_id, self.wang.partner_id)
            self.assertEqual(
                room.search([("first_convener_id", "=", self.wang.partner_id.id)]), room
            )
        # 00:30 on 1 April in Shanghai (16:30 UTC, still 31 March on the server), and
        # 23:30 UTC: Zhao, without anyone touching the memberships.
        for instant in ("2026-03-31 16:30:00", "2026-03-31 23:30:00"):
            with freeze_time(instant):
                room.invalidate_recordset()
                self.assertEqual(room.first_convener_id, self.zhao.partner_id, instant)
        # An archived membership does not count.
        with freeze_time("2026-03-31 15:30:00"):
            outgoing.active = False
            room.invalidate_recordset()
            self.assertFalse(room.first_convener_id)

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
