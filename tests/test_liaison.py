from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ConsultationCase
from .test_room_year import held_meeting


@tagged("post_install", "-at_install")
class TestLiaison(ConsultationCase):
    """四个一: field research, a report heard, a consultation attended (recorded by
    itself) and a problem solved, per leader, room and year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        cls.Liaison = cls.env["consultation.liaison"]
        # A chairman's-meeting member who liaises with Community A1.
        cls.leader = cls.user_member

    def attend(self, room, start, joint=()):
        meeting = held_meeting(self.env, room, start, joint)
        self.env["consultation.meeting.attendance"].create(
            {"meeting_id": meeting.id, "partner_id": self.leader.partner_id.id, "state": "attended"}
        )
        return meeting

    def test_attending_a_meeting_of_the_room_fills_the_duty(self):
        meeting = self.attend(self.community_a1, datetime(2025, 4, 10, 2, 0))
        # Another room's meeting does not count for Community A1.
        self.attend(self.community_b1, datetime(2025, 3, 10, 2, 0))
        liaison = self.Liaison.create(
            {"user_id": self.leader.id, "room_id": self.community_a1.id, "year": 2025}
        )
        self.assertEqual(liaison.meeting_id, meeting)
        self.assertEqual(liaison.date_meeting, date(2025, 4, 10))
        self.assertEqual(liaison.duties_done, 1)

    def test_a_joint_meeting_counts_and_the_cron_catches_up(self):
        liaison = self.Liaison.create(
            {"user_id": self.leader.id, "room_id": self.community_a2.id, "year": 2025}
        )
        self.assertFalse(liaison.date_meeting)
        # 31 December 23:30 in Shanghai is still 2025 there.
        meeting = self.attend(
            self.community_a1, datetime(2025, 12, 31, 15, 30), joint=[self.community_a2]
        )
        with freeze_time("2025-12-31 16:30:00"):  # already 2026 in Shanghai
            self.Liaison._cron_follow_up()
        self.assertFalse(liaison.date_meeting, "The cron looks at the current year only.")
        with freeze_time("2025-12-31 15:45:00"):
            self.Liaison._cron_follow_up()
        self.assertEqual(liaison.meeting_id, meeting)
        self.assertEqual(liaison.date_meeting, date(2025, 12, 31))

    def test_fourth_quarter_reminder_lists_what_is_missing(self):
        liaison = self.Liaison.create(
            {
                "user_id": self.leader.id,
                "room_id": self.community_a1.id,
                "year": 2025,
                "date_research": date(2025, 3, 1),
                "evidence_research": "走访加装电梯楼栋",
            }
        )
        with freeze_time("2025-09-30 15:00:00"):  # 23:00 on 30 September in Shanghai
            self.Liaison._cron_follow_up()
        self.assertFalse(liaison.activity_ids)
        with freeze_time("2025-09-30 16:30:00"):  # 00:30 on 1 October
            self.Liaison._cron_follow_up()
            self.Liaison._cron_follow_up()
        activity = liaison.activity_ids
        self.assertEqual(len(activity), 1, "One reminder a year.")
        self.assertEqual(activity.user_id, self.leader)
        self.assertIn("one report heard", activity.note)
        self.assertNotIn("one field research", activity.note)

    def test_leaders_record_their_own_duties(self):
        mine = self.Liaison.create(
            {"user_id": self.leader.id, "room_id": self.community_a1.id, "year": 2025}
        )
        other = self.Liaison.create(
            {"user_id": self.user_approver.id, "room_id": self.community_b1.id, "year": 2025}
        )
        mine.with_user(self.leader).write(
            {"date_briefing": date(2025, 5, 6), "evidence_briefing": "听取社区居委会专题汇报"}
        )
        self.assertEqual(mine.duties_done, 1)
        # Their own row, but not its leader, room or year.
        with self.assertRaisesRegex(AccessError, "Leaders record"):
            mine.with_user(self.leader).write({"room_id": self.community_a2.id})
        with self.assertRaises(AccessError):
            other.with_user(self.leader).write({"date_briefing": date(2025, 5, 6)})
        seen = self.Liaison.with_user(self.user_secretary).search([])
        self.assertIn(mine, seen)
        self.assertNotIn(other, seen)
        with self.assertRaises(AccessError):
            self.Liaison.with_user(self.leader).create(
                {"user_id": self.leader.id, "room_id": self.community_a2.id, "year": 2025}
            )
