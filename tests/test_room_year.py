from contextlib import closing
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ConsultationCase


def utc(text):
    return datetime.fromisoformat(text)


def held_meeting(env, room, start, joint=(), attended=0):
    """A meeting of `room` that took place at `start` (UTC), as recorded by its
    secretary: `attended` people signed in as present."""
    partners = env["res.partner"].create([{"name": f"居民{i}"} for i in range(attended)])
    meeting = env["consultation.meeting"].create(
        {
            "name": "协商议事会",
            "room_id": room.id,
            "start": start,
            "stop": start + timedelta(hours=2),
            "joint_room_ids": [Command.set([r.id for r in joint])],
            "partner_ids": [Command.set(partners.ids)],
        }
    )
    meeting.attendance_ids.write({"state": "attended"})
    meeting.write({"state": "held"})
    return meeting


@tagged("post_install", "-at_install")
class TestRoomYear(ConsultationCase):
    """One row per room and year: the yearly report, the quota check, kept after 1 January.
    The organisation lives in Asia/Shanghai (UTC+8), the server in UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        cls.RoomYear = cls.env["consultation.room.year"]
        # All test rooms were set up long ago, so that they can be judged inactive.
        cls.all_rooms.date_established = date(2020, 1, 1)

    def held_meeting(self, room, start, joint=(), attended=0):
        return held_meeting(self.env, room, start, joint, attended)

    def row(self, room, year):
        return self.RoomYear.search([("room_id", "=", room.id), ("year", "=", year)])

    def test_figures_of_a_year_joint_meetings_count_for_each_room(self):
        with freeze_time("2025-07-15 04:00:00"):
            self.held_meeting(self.community_a1, utc("2025-02-10 02:00:00"), attended=3)
            self.held_meeting(
                self.community_a1, utc("2025-05-10 02:00:00"), joint=[self.community_a2], attended=2
            )
            # Held in 2024 (Shanghai): not this year's.
            self.held_meeting(self.community_a1, utc("2024-12-31 15:30:00"), attended=5)
            self.RoomYear._cron_refresh()
        a1, a2 = self.row(self.community_a1, 2025), self.row(self.community_a2, 2025)
        self.assertEqual(a1.meetings_held, 2)
        self.assertEqual(a1.participants, 5)
        self.assertEqual(a2.meetings_held, 1, "A joint meeting counts for each of its rooms.")
        self.assertEqual(a2.participants, 2)
        # July 15th: six months ended, three two-month windows: three meetings due.
        self.assertEqual(a1.meetings_due, 3)
        self.assertEqual(a1.compliance_state, "behind")
        # A street's quota is 4 a year: 4 × 6/12 = 2 due, none held.
        self.assertEqual(self.row(self.street_a, 2025).meetings_due, 2)
        self.assertEqual(self.row(self.street_a, 2025).compliance_state, "inactive")
        self.assertEqual(self.row(self.community_a1, 2024).meetings_held, 1)

    def test_village_windows_and_yearly_quota_rounded_down(self):
        cases = [
            # (UTC now, village due, street due, village state): one meeting on 5 January
            ("2025-02-28 15:59:00", 0, 0, "ok"),  # 23:59 on 28 Feb: February not over
            ("2025-02-28 16:30:00", 1, 0, "ok"),  # 00:30 on 1 March in Shanghai
            ("2025-06-30 16:30:00", 3, 2, "behind"),  # streets: four a year
            ("2025-12-31 15:00:00", 5, 3, "inactive"),  # eleven months ended
        ]
        self.held_meeting(self.community_b1, utc("2025-01-05 02:00:00"))
        self.held_meeting(self.street_b, utc("2025-01-05 02:00:00"))
        for now, village_due, street_due, state in cases:
            with self.subTest(now=now), freeze_time(now):
                values = self.RoomYear._year_values(self.community_b1 | self.street_b, 2025)
                self.assertEqual(values[self.community_b1]["meetings_due"], village_due)
                self.assertEqual(values[self.street_b]["meetings_due"], street_due)
                self.assertEqual(values[self.community_b1]["compliance_state"], state)

    def test_new_year_in_shanghai_keeps_last_years_rows(self):
        self.held_meeting(self.community_a1, utc("2025-06-10 02:00:00"), attended=4)
        self.held_meeting(self.community_a1, utc("2025-10-10 02:00:00"), attended=3)
        with freeze_time("2025-12-31 10:00:00"):
            self.RoomYear._cron_refresh()
            self.assertEqual(self.community_a1.held_meetings_this_year, 2)
        # 23:30 UTC on 31 December is already 07:30 on 1 January in Shanghai.
        with freeze_time("2025-12-31 23:30:00"):
            self.held_meeting(self.community_a1, utc("2025-12-31 23:00:00"))
            self.RoomYear._cron_refresh()
            self.community_a1.invalidate_recordset()
            self.assertEqual(self.community_a1.held_meetings_this_year, 1)
            last_year = self.row(self.community_a1, 2025)
            self.assertEqual(last_year.meetings_held, 2)
            self.assertEqual(last_year.participants, 7)
            self.assertEqual(last_year.meetings_due, 6, "Last year is judged whole.")
            self.assertEqual(last_year.compliance_state, "behind")
            this_year = self.row(self.community_a1, 2026)
            self.assertEqual(this_year.meetings_held, 1)
            self.assertEqual(this_year.compliance_state, "ok", "Nothing is due yet on 1 January.")

    def test_close_year_from_the_list_header(self):
        """The web client calls the header button with the selected rows' ids
        (/web/dataset/call_button): the years of those rows close."""
        self.held_meeting(self.community_a1, utc("2025-06-10 02:00:00"))
        with freeze_time("2026-01-10 02:00:00"):
            self.RoomYear._cron_refresh()
            selected = self.row(self.community_a1, 2025)
            RoomYear = self.RoomYear.with_user(self.user_manager)
            api.call_kw(
                RoomYear, "action_close_year", [selected.ids], {"context": {"lang": "en_US"}}
            )
            self.assertTrue(selected.is_closed)
            self.assertTrue(self.row(self.street_a, 2025).is_closed, "the whole year closes")
            this_year = self.row(self.community_a1, 2026)
            with self.assertRaisesRegex(UserError, "not over"):
                api.call_kw(
                    RoomYear, "action_close_year", [this_year.ids], {"context": {"lang": "en_US"}}
                )

    def test_closed_year_never_changes(self):
        self.held_meeting(self.community_a1, utc("2025-06-10 02:00:00"))
        with freeze_time("2026-01-10 02:00:00"):
            self.RoomYear._cron_refresh()
            with self.assertRaisesRegex(UserError, "not over"):
                self.RoomYear.with_user(self.user_manager).action_close_year(2026)
            with self.assertRaises(UserError):
                self.RoomYear.with_user(self.user_secretary).action_close_year(2025)
            self.RoomYear.with_user(self.user_manager).action_close_year(2025)
            row = self.row(self.community_a1, 2025)
            self.assertTrue(row.is_closed)
            # A meeting recorded late for last year no longer changes its figures.
            self.held_meeting(self.community_a1, utc("2025-07-10 02:00:00"))
            self.RoomYear._cron_refresh()
            self.assertEqual(row.meetings_held, 1)
            with self.assertRaises(UserError):
                row.sudo().write({"meetings_held": 5})
        with freeze_time("2027-03-01 02:00:00"):
            self.RoomYear._cron_refresh()
            self.assertEqual(self.row(self.community_a1, 2025).meetings_held, 1)
            self.assertTrue(self.row(self.community_a1, 2026))

    def test_inactive_after_180_days_unless_the_room_is_new(self):
        self.held_meeting(self.community_a2, utc("2025-01-02 02:00:00"))
        new_room = self.env["consultation.room"].create(
            {
                "name": "新建社区",
                "code": "T-NEW",
                "level": "village",
                "parent_id": self.street_a.id,
                "date_established": date(2025, 3, 1),
            }
        )
        with freeze_time("2025-07-01 02:00:00"):
            values = self.RoomYear._year_values(self.community_a2 | new_room, 2025)
            # 2 January to 1 July: 180 days in Shanghai, the meeting is still within them.
            self.assertEqual(values[self.community_a2]["compliance_state"], "behind")
            self.assertEqual(values[new_room]["compliance_state"], "behind")
        with freeze_time("2025-07-02 02:00:00"):
            values = self.RoomYear._year_values(self.community_a2 | new_room, 2025)
            self.assertEqual(values[self.community_a2]["compliance_state"], "inactive")
            self.assertNotEqual(values[new_room]["compliance_state"], "inactive")
            self.community_a2.invalidate_recordset()
            self.assertEqual(self.community_a2.compliance_state, "inactive")
            below = self.env["consultation.room"].search(
                [("compliance_state", "in", ("behind", "inactive"))]
            )
            self.assertIn(self.community_a2, below)
            self.assertIn(new_room, below)

    def test_falling_behind_gives_the_convener_an_activity(self):
        with freeze_time("2025-03-05 02:00:00"):
            self.held_meeting(self.community_a1, utc("2025-01-10 02:00:00"))
            self.RoomYear._cron_refresh()
            self.assertEqual(self.row(self.community_a1, 2025).compliance_state, "ok")
            self.assertFalse(self.community_a1.activity_ids)
        with freeze_time("2025-05-05 02:00:00"):
            self.RoomYear._cron_refresh()
            self.assertEqual(self.row(self.community_a1, 2025).compliance_state, "behind")
            activity = self.community_a1.activity_ids
            self.assertEqual(len(activity), 1)
            # No convener has a user: the secretary of the street above is asked.
            self.assertEqual(activity.user_id, self.user_secretary)
            # Still behind the next day: no second activity.
            self.RoomYear._cron_refresh()
            self.assertEqual(len(self.community_a1.activity_ids), 1)

    def test_secretary_sees_only_the_rows_of_their_rooms(self):
        with freeze_time("2025-05-05 02:00:00"):
            self.RoomYear._cron_refresh()
        rows = self.RoomYear.with_user(self.user_secretary).search([("year", "=", 2025)])
        self.assertEqual(rows.room_id, self.street_a | self.community_a1 | self.community_a2)
        rows = self.RoomYear.with_user(self.user_manager).search([("year", "=", 2025)])
        self.assertIn(self.community_b1, rows.room_id)
        member_rows = self.RoomYear.with_user(self.user_member).search([("year", "=", 2025)])
        self.assertEqual(member_rows.room_id, self.community_a1)
        with self.assertRaises(AccessError):
            member_rows.with_user(self.user_member).write({"opinions": 3})

    def test_a_room_recorded_after_the_close_still_gets_last_year(self):
        """Closing a year leaves its closed rows alone; it does not stop the rows that
        are not closed (another organisation's, a room recorded late)."""
        with freeze_time("2026-01-10 02:00:00"):
            self.RoomYear._cron_refresh()
            self.RoomYear.with_user(self.user_manager).action_close_year(2025)
            late = (
                self.env["consultation.room"]
                .with_context(default_date_established=date(2025, 3, 1))
                .create(
                    {
                        "name": "晚录社区",
                        "code": "T-HP-9",
                        "level": "village",
                        "parent_id": self.street_a.id,
                    }
                )
            )
            self.held_meeting(late, utc("2025-06-10 02:00:00"))
            self.held_meeting(self.community_a1, utc("2025-07-10 02:00:00"))
            self.RoomYear._cron_refresh()
            self.assertEqual(self.row(late, 2025).meetings_held, 1)
            self.assertFalse(self.row(late, 2025).is_closed)
            self.assertEqual(self.row(self.community_a1, 2025).meetings_held, 0)


@tagged("post_install", "-at_install")
class TestRoomYearPerformance(ConsultationCase):
    def make_rooms(self, count, prefix):
        rooms = self.env["consultation.room"].create(
            [
                {
                    "name": f"社区{prefix}{i}",
                    "code": f"P-{prefix}-{i}",
                    "level": "village",
                    "parent_id": self.street_b.id,
                    "date_established": date(2020, 1, 1),
                }
                for i in range(count)
            ]
        )
        for room in rooms:
            held_meeting(self.env, room, utc("2025-01-10 02:00:00"), attended=1)
        return rooms

    def refresh_queries(self, count, prefix):
        """Queries of a first refresh (creating the rows) and a second one (updating
        them) with `count` more rooms; everything is rolled back afterwards."""
        counts = []
        with closing(self.env.cr.savepoint()):
            self.make_rooms(count, prefix)
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time("2025-02-10 02:00:00"):
                for _step in range(2):
                    before = self.env.cr.sql_log_count
                    self.env["consultation.room.year"]._cron_refresh()
                    self.env.flush_all()
                    counts.append(self.env.cr.sql_log_count - before)
                    self.env.invalidate_all()
        self.env.invalidate_all()
        return counts

    def test_refresh_does_not_grow_with_rooms(self):
        self.refresh_queries(1, "warm")  # fills the registry's caches
        small = self.refresh_queries(2, "a")
        large = self.refresh_queries(20, "b")
        self.assertEqual(small, large)
