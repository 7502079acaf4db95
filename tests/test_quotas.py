from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ConsultationCase
from .test_room_year import held_meeting, utc


@tagged("post_install", "-at_install")
class TestQuotas(ConsultationCase):
    """The numbers of the source documents: streets 4, towns 2, villages one meeting in
    each two-month window, special committees 4; the rest the office's own choice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        cls.RoomYear = cls.env["consultation.room.year"]
        cls.town = cls.env["consultation.room"].create(
            {
                "name": "桃源镇",
                "code": "T-TY",
                "level": "town",
                "parent_id": cls.district.id,
                "date_established": date(2020, 1, 1),
            }
        )

    def judged(self, rooms, year=2025, now="2026-01-05 04:00:00"):
        with freeze_time(now):
            return self.RoomYear._year_values(rooms, year)

    def test_quotas_by_level_are_the_documents_numbers(self):
        quotas = self.env["consultation.meeting.quota"]._by_level()
        numbers = {level: quota.meetings_per_year for level, quota in quotas.items()}
        self.assertEqual(
            numbers,
            {
                "district": 4,
                "street": 4,
                "town": 2,
                "village": 6,
                "committee": 4,
                "enterprise": 4,
                "sector": 4,
            },
        )
        self.assertEqual(
            {level for level, quota in quotas.items() if quota.basis == "office"},
            {"district", "enterprise", "sector"},
            "where no document gives a number, the office's choice says so",
        )
        self.assertEqual(self.street_a.required_meetings_per_year, 4)
        self.assertEqual(self.town.required_meetings_per_year, 2)

    def test_a_street_with_three_meetings_is_behind_a_town_with_two_on_track(self):
        for month in (3, 6, 9):
            held_meeting(self.env, self.street_a, utc(f"2025-{month:02d}-10 02:00:00"))
        for month in (4, 10):
            held_meeting(self.env, self.town, utc(f"2025-{month:02d}-10 02:00:00"))
        values = self.judged(self.street_a | self.town)
        self.assertEqual(values[self.street_a]["meetings_due"], 4)
        self.assertEqual(values[self.street_a]["compliance_state"], "behind")
        self.assertEqual(values[self.town]["compliance_state"], "ok")

    def test_six_meetings_in_january_do_not_make_a_village_year(self):
        for day in range(5, 11):
            held_meeting(self.env, self.community_a1, utc(f"2025-01-{day:02d} 02:00:00"))
        values = self.judged(self.community_a1, now="2025-03-02 04:00:00")[self.community_a1]
        self.assertEqual((values["windows_due"], values["compliance_state"]), (1, "ok"))
        values = self.judged(self.community_a1, now="2025-05-02 04:00:00")[self.community_a1]
        self.assertEqual(values["meetings_held"], 6)
        self.assertEqual(values["windows_missed"], 1, "March–April had none of its own")
        self.assertEqual(values["compliance_state"], "behind")

    def test_the_convener_is_told_of_the_window_missed(self):
        for day in range(5, 11):
            held_meeting(self.env, self.community_a1, utc(f"2025-01-{day:02d} 02:00:00"))
        with freeze_time("2025-05-02 04:00:00"):
            self.RoomYear._cron_refresh()
        activity = self.community_a1.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("two-month windows", str(activity.note))

    def test_six_meetings_in_two_windows_leave_the_year_behind(self):
        for month, day in ((9, 5), (9, 20), (10, 5), (11, 5), (11, 20), (12, 5)):
            held_meeting(self.env, self.community_a1, utc(f"2025-{month:02d}-{day:02d} 02:00:00"))
        values = self.judged(self.community_a1)[self.community_a1]
        self.assertEqual(values["meetings_held"], 6)
        self.assertEqual((values["windows_due"], values["windows_missed"]), (6, 4))
        self.assertEqual(values["compliance_state"], "behind")

    def test_one_meeting_in_each_window_is_on_track(self):
        # 23:30 on 28 February in Shanghai is still January–February's window.
        starts = ["2025-02-28 15:30:00"] + [f"2025-{m:02d}-10 02:00:00" for m in (3, 6, 7, 10, 12)]
        for start in starts:
            held_meeting(self.env, self.community_a1, utc(start))
        values = self.judged(self.community_a1)[self.community_a1]
        self.assertEqual(values["windows_missed"], 0)
        self.assertEqual(values["compliance_state"], "ok")

    def test_a_village_number_of_its_own_is_spread_over_the_windows(self):
        """A village room with a number of its own: the six windows add up to it (15:
        3, 2, 3, 2, 3, 2 — twelve meetings, two a window, are behind; 3: one every
        other window is on track)."""
        self.community_a1.required_meetings_per_year = 15
        for month in range(1, 13):
            held_meeting(self.env, self.community_a1, utc(f"2025-{month:02d}-10 02:00:00"))
        values = self.judged(self.community_a1)[self.community_a1]
        self.assertEqual((values["meetings_due"], values["windows_missed"]), (15, 3))
        self.assertEqual(values["compliance_state"], "behind")
        self.community_a2.required_meetings_per_year = 3
        for month in (2, 6, 10):
            held_meeting(self.env, self.community_a2, utc(f"2025-{month:02d}-10 02:00:00"))
        values = self.judged(self.community_a2)[self.community_a2]
        self.assertEqual((values["meetings_due"], values["windows_missed"]), (3, 0))
        self.assertEqual(values["compliance_state"], "ok")

    def test_windows_count_from_the_one_the_room_was_established_in(self):
        self.community_a2.date_established = date(2025, 8, 20)
        for month in (8, 10, 12):
            held_meeting(self.env, self.community_a2, utc(f"2025-{month:02d}-25 02:00:00"))
        values = self.judged(self.community_a2)[self.community_a2]
        self.assertEqual(values["windows_due"], 3, "July–August, September–October, Nov–Dec")
        self.assertEqual(values["compliance_state"], "ok")
        # Mid-year, the window under way is not judged yet.
        values = self.judged(self.community_a2, now="2025-11-20 04:00:00")[self.community_a2]
        self.assertEqual((values["windows_due"], values["windows_missed"]), (2, 0))

    def test_the_office_changes_a_quota_and_rooms_that_kept_it_follow(self):
        self.street_b.required_meetings_per_year = 8
        self.env.ref("consultation.meeting_quota_street").meetings_per_year = 6
        self.assertEqual(self.street_a.required_meetings_per_year, 6)
        self.assertEqual(self.street_b.required_meetings_per_year, 8, "its own rule stays")

    def test_a_street_behind_gets_no_organisation_award(self):
        for month in (3, 6, 9):
            held_meeting(self.env, self.street_a, utc(f"2023-{month:02d}-10 02:00:00"))
        for month in (9, 9, 10, 11, 11, 12):
            held_meeting(self.env, self.community_a1, utc(f"2023-{month:02d}-10 02:00:00"))
        with freeze_time("2024-01-05 04:00:00"):
            assessment = self.env["consultation.assessment"].create({"year": 2023})
            assessment.action_compute()
        lines = {line.room_id: line for line in assessment.room_line_ids}
        self.assertFalse(lines[self.street_a].meets_requirements)
        self.assertFalse(lines[self.community_a1].meets_requirements, "two windows of six")
        self.assertIn("4 two-month windows without one", lines[self.community_a1].note)
        self.assertFalse(lines[self.street_a].award)
        self.assertFalse(lines[self.community_a1].award)
