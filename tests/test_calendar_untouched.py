from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ConsultationCase

# The columns of Odoo's calendar list (calendar.view_calendar_event_tree).
EVENT_LIST = {
    "name": {},
    "start": {},
    "stop": {},
    "allday": {},
    "duration": {},
    "user_id": {"fields": {"display_name": {}}},
    "partner_ids": {"fields": {"display_name": {}}},
    "categ_ids": {"fields": {"display_name": {}}},
    "recurrency": {},
    "privacy": {},
    "show_as": {},
    "location": {},
    "description": {},
}


@tagged("post_install", "-at_install")
class TestCalendarUntouched(ConsultationCase):
    """Everyone's calendar pays nothing for the addon: an employee creating, moving,
    deleting and listing plain events (no meeting) runs no statement on a table or
    column of ours; only the events of meetings ask for their meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="cs_plain", groups="base.group_user")
        # A meeting exists, so that there is something of ours to look for.
        cls.meeting = cls.create_meeting(hours_from_now=48)

    def plain_events(self, count):
        start = datetime(2026, 3, 2, 9, 0)
        return (
            self.env["calendar.event"]
            .with_user(self.employee)
            .create(
                [
                    {"name": f"部门例会{i}", "start": start, "stop": start + timedelta(hours=1)}
                    for i in range(count)
                ]
            )
        )

    def assert_nothing_of_ours(self, queries):
        self.assertTrue(queries, "the block ran no statement at all")
        ours = [query for query in queries if "consultation" in query]
        self.assertEqual(ours, [], "a plain event touched the consultation addon")

    def test_creating_a_plain_event_touches_nothing_of_ours(self):
        with self.capture_queries() as queries:
            event = self.plain_events(1)
        self.assertFalse(event.is_room_meeting)
        self.assert_nothing_of_ours(queries)

    def test_writing_and_deleting_plain_events_touch_nothing_of_ours(self):
        events = self.plain_events(3)
        partner = self.env["res.partner"].create({"name": "财务科"})
        with self.capture_queries() as queries:
            later = events[0].start + timedelta(days=1)
            events[0].write(
                {"name": "部门例会（改期）", "start": later, "stop": later + timedelta(hours=2)}
            )
            events[1].write({"partner_ids": [(4, partner.id)], "location": "三楼会议室"})
            events[2].unlink()
        self.assertEqual(events[0].start, later)
        self.assertFalse(events[2].exists())
        self.assert_nothing_of_ours(queries)

    def test_the_calendar_list_of_plain_events_touches_nothing_of_ours(self):
        events = self.plain_events(80)
        Event = self.env["calendar.event"].with_user(self.employee)
        with self.capture_queries() as queries:
            page = Event.web_search_read([("id", "in", events.ids)], EVENT_LIST, limit=80)
        self.assertEqual(page["length"], 80)
        self.assert_nothing_of_ours(queries)

    def test_the_form_of_a_plain_event_asks_for_no_meeting(self):
        event = self.plain_events(1)
        Event = self.env["calendar.event"].with_user(self.employee)
        with self.capture_queries() as queries:
            values = Event.browse(event.id).web_read(
                {"name": {}, "is_consultation": {}, "consultation_meeting_id": {}}
            )
        self.assertEqual(values[0]["consultation_meeting_id"], False)
        self.assert_nothing_of_ours(queries)
        # The form of a meeting's event opens its meeting.
        meeting_event = self.meeting.calendar_event_id.with_user(self.user_secretary)
        self.assertEqual(meeting_event.consultation_meeting_id, self.meeting)

    def test_the_event_of_a_meeting_still_asks_its_meeting(self):
        event = self.meeting.calendar_event_id
        self.assertTrue(event.is_room_meeting)
        # Whoever may not change the meeting may not move its event, nor delete it.
        with self.assertRaises(AccessError):
            event.with_user(self.employee).write({"start": event.start + timedelta(days=1)})
        with self.assertRaises(AccessError):
            event.with_user(self.employee).unlink()
        # Its secretary moves it in the calendar: the meeting moves with it.
        later = event.start + timedelta(days=1)
        event.with_user(self.user_secretary).write(
            {"start": later, "stop": later + timedelta(hours=2)}
        )
        self.assertEqual(self.meeting.start, later)

    def test_no_one_unties_a_meeting_from_its_event(self):
        event = self.meeting.calendar_event_id
        secretary_event = event.with_user(self.user_secretary)
        # Clearing the flag would let anyone move the event: even its secretary cannot.
        with self.assertRaises(AccessError):
            secretary_event.write({"is_room_meeting": False})
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_secretary).write({"is_room_meeting": False})
        # Nor hand the meeting to another event (the old one would stay flagged for
        # nothing, the new one unflagged).
        other = self.plain_events(1)
        with self.assertRaises(UserError):
            self.meeting.with_user(self.user_secretary).write({"calendar_event_id": other.id})
        self.assertTrue(event.is_room_meeting)
        self.assertEqual(self.meeting.calendar_event_id, event)

    def test_the_opinion_window_follows_the_event_moved_in_the_calendar(self):
        meeting = self.create_meeting(hours_from_now=24, form="online")
        event = meeting.calendar_event_id.with_user(self.user_secretary)
        later = event.start + timedelta(days=2)
        event.write({"start": later, "stop": later + timedelta(hours=3)})
        self.assertEqual(meeting.opinion_date_start, later)
        self.assertEqual(meeting.opinion_date_end, later + timedelta(hours=3))
        # A window written with the date keeps what was written.
        earlier = later - timedelta(days=1)
        meeting.with_user(self.user_secretary).write(
            {"start": later + timedelta(days=1), "opinion_date_start": earlier}
        )
        self.assertEqual(meeting.opinion_date_start, earlier)
