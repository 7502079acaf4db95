from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .test_outcome import OutcomeCase

# The organisation's day, whatever the server's: 23:30 on 31 March in Shanghai is
# 15:30 UTC; 00:30 on 1 April in Shanghai is 16:30 UTC on 31 March; 23:30 UTC on
# 31 March is already 07:30 on 1 April in Shanghai.
LAST_EVENING = "2026-03-31 15:30:00"
FIRST_NIGHT = "2026-03-31 16:30:00"
UTC_LATE = "2026-03-31 23:30:00"
TERM_END = date(2026, 3, 31)
TERM_START = date(2026, 4, 1)


@tagged("post_install", "-at_install")
class TestAccessAttacks(OutcomeCase):
    """Each attack of issue #11, tried by the role that would try it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Membership = cls.env["consultation.room.membership"]
        # Community A2's secretary: runs one village, nothing above it.
        cls.user_village = new_test_user(
            cls.env,
            login="cs_village",
            groups="base.group_user,consultation.group_consultation_secretary",
            name="东风社区秘书",
            lang="en_US",
            tz="Europe/London",
        )
        cls.community_a2.secretary_ids = cls.user_village
        # The district's convener, with a member record but no user yet.
        cls.member_district = cls.create_member("区政协主席")
        cls.Membership.create(
            {
                "room_id": cls.district.id,
                "member_id": cls.member_district.id,
                "role": "first_convener",
                "date_start": date(2020, 1, 1),
            }
        )
        cls.user_employee = new_test_user(
            cls.env, login="cs_employee", groups="base.group_user", name="普通职员"
        )

    def rooms_of(self, user):
        return self.env["consultation.room"].with_user(user).search([("code", "=like", "T-%")])

    # 1. A village secretary takes over the district convener's member record
    def test_village_secretary_cannot_link_themself_to_a_convener(self):
        member = self.member_district.with_user(self.user_village)
        with self.assertRaisesRegex(AccessError, "Only the CPPCC office links"):
            member.write({"user_id": self.user_village.id})
        # Nor edit a person of a room above them at all.
        with self.assertRaises(AccessError):
            member.write({"organization": "改了单位"})
        with self.assertRaisesRegex(AccessError, "Only the CPPCC office links"):
            self.env["consultation.member"].with_user(self.user_village).create(
                {"partner_id": self.user_village.partner_id.id, "user_id": self.user_village.id}
            )
        self.assertFalse(self.member_district.user_id)
        self.assertNotIn(self.district, self.rooms_of(self.user_village))
        # The office does it.
        self.member_district.with_user(self.user_manager).user_id = self.user_approver
        self.assertEqual(self.member_district.user_id, self.user_approver)

    def test_secretary_edits_people_of_their_rooms_only(self):
        neighbour = self.create_member("邻居代表")
        self.Membership.create({"room_id": self.community_a2.id, "member_id": neighbour.id})
        neighbour.with_user(self.user_village).organization = "东风社区居委会"
        with self.assertRaises(AccessError):
            self.member_zhang.with_user(self.user_village).organization = "团结社区"
        # Seating people is theirs, appointing conveners is not, not even in their room.
        self.Membership.with_user(self.user_village).create(
            {"room_id": self.community_a2.id, "member_id": self.member_li.id, "role": "fixed"}
        )
        with self.assertRaisesRegex(AccessError, "Only the CPPCC office appoints"):
            self.Membership.with_user(self.user_village).create(
                {
                    "room_id": self.community_a2.id,
                    "member_id": neighbour.id,
                    "role": "second_convener",
                }
            )

    def test_village_secretary_cannot_appoint_themself_above(self):
        # Refused already before issue #11: stays refused.
        mine = self.create_member("东风社区秘书", user=self.user_village)
        with self.assertRaises(AccessError):
            self.Membership.with_user(self.user_village).create(
                {"room_id": self.street_a.id, "member_id": mine.id, "role": "first_convener"}
            )
        convener = self.Membership.search(
            [("room_id", "=", self.district.id), ("role", "=", "first_convener")]
        )
        with self.assertRaises(AccessError):
            convener.with_user(self.user_village).date_end = self.company._consultation_today()
        with self.assertRaises(AccessError):
            convener.with_user(self.user_secretary).unlink()

    # 2. Terms: rights and conveners follow the memberships current on the day
    def convener_user(self, login, room, date_start, date_end=False):
        user = new_test_user(
            self.env,
            login=login,
            groups="base.group_user,consultation.group_consultation_secretary",
            name=login,
            lang="en_US",
            tz="America/New_York",  # the user's own day does not count
        )
        membership = self.Membership.create(
            {
                "room_id": room.id,
                "member_id": self.create_member(login, user=user).id,
                "role": "first_convener",
                "date_start": date_start,
                "date_end": date_end,
            }
        )
        return user, membership

    def test_a_convener_term_ends_and_begins_at_the_organisation_s_midnight(self):
        outgoing, _old = self.convener_user(
            "cs_outgoing", self.street_b, date(2024, 1, 1), TERM_END
        )
        incoming, _new = self.convener_user("cs_incoming", self.street_b, TERM_START)
        subtree = self.street_b | self.community_b1
        with freeze_time(LAST_EVENING):
            self.assertEqual(self.rooms_of(outgoing), subtree)
            self.assertFalse(self.rooms_of(incoming))
            self.community_b1.with_user(outgoing).write({"address": "团结路1号"})
            with self.assertRaises(AccessError):
                self.community_b1.with_user(incoming).write({"address": "团结路2号"})
            self.street_b.invalidate_recordset()
            self.assertEqual(self.street_b.first_convener_id, outgoing.partner_id)
        for instant in (FIRST_NIGHT, UTC_LATE):
            with freeze_time(instant):
                self.assertFalse(self.rooms_of(outgoing), instant)
                self.assertEqual(self.rooms_of(incoming), subtree, instant)
                with self.assertRaises(AccessError):
                    self.community_b1.with_user(outgoing).write({"address": "团结路3号"})
                self.community_b1.with_user(incoming).write({"address": "团结路4号"})
                self.street_b.invalidate_recordset()
                self.assertEqual(self.street_b.first_convener_id, incoming.partner_id)

    def test_an_archived_membership_gives_no_right(self):
        user, membership = self.convener_user("cs_archived", self.street_b, date(2024, 1, 1))
        self.assertIn(self.street_b, self.rooms_of(user))
        membership.active = False
        self.assertFalse(self.rooms_of(user))
        self.street_b.invalidate_recordset()
        self.assertFalse(self.street_b.first_convener_id)

    def test_minutes_go_to_the_convener_of_the_day(self):
        self.Membership.search(
            [("room_id", "=", self.community_a1.id), ("role", "=", "first_convener")]
        ).write({"date_start": date(2024, 1, 1), "date_end": TERM_END})
        with freeze_time(LAST_EVENING):
            successor = new_test_user(
                self.env, login="cs_successor", groups="base.group_user", name="孙主任"
            )
            self.Membership.create(
                {
                    "room_id": self.community_a1.id,
                    "member_id": self.create_member("孙主任", user=successor).id,
                    "role": "first_convener",
                    "date_start": TERM_START,
                }
            )
            meeting = self.create_meeting()
            self.assertEqual(meeting.convener_user_ids, self.user_convener)
        with freeze_time(FIRST_NIGHT):
            meeting.invalidate_recordset()
            meeting.room_id.invalidate_recordset()
            self.assertEqual(meeting.convener_user_ids, successor)

    # 3. The calendar door
    def test_plain_employee_cannot_change_a_meeting_through_its_event(self):
        meeting, _topic = self.held_topic()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        scheduled = self.env["consultation.meeting"].create(
            {
                "name": "团结社区议事会",
                "room_id": self.community_b1.id,
                "start": start,
                "stop": start + timedelta(hours=2),
            }
        )
        for target in (meeting, scheduled):
            event = target.calendar_event_id.with_user(self.user_employee)
            with self.assertRaisesRegex(AccessError, "event of a consultation meeting"):
                event.write({"name": "改名", "location": "别处"})
            with self.assertRaisesRegex(AccessError, "event of a consultation meeting"):
                event.action_archive()
            with self.assertRaisesRegex(AccessError, "event of a consultation meeting"):
                event.unlink()
        with self.assertRaisesRegex(AccessError, "event of a consultation meeting"):
            scheduled.calendar_event_id.with_user(self.user_employee).write(
                {"start": scheduled.start + timedelta(days=1)}
            )
        self.assertEqual(meeting.state, "held")
        self.assertEqual(scheduled.state, "draft")
        self.assertTrue(scheduled.active)
        self.assertEqual(meeting.name, "协商议事会")
        self.assertEqual(scheduled.start, start)
        # Their own events are theirs, as Odoo ships them.
        own = (
            self.env["calendar.event"]
            .with_user(self.user_employee)
            .create({"name": "部门例会", "start": scheduled.start, "stop": scheduled.stop})
        )
        own.write({"name": "部门周会", "location": "三楼"})
        own.action_archive()
        own.unlink()

    def test_the_event_of_a_held_meeting_only_archives_with_it(self):
        meeting, _topic = self.held_topic()
        event = meeting.calendar_event_id.with_user(self.user_secretary)
        with self.assertRaisesRegex(UserError, "has been held"):
            event.write({"name": "改名"})
        with self.assertRaisesRegex(UserError, "has been held"):
            event.write({"location": "别处"})
        with self.assertRaisesRegex(UserError, "has been held"):
            event.unlink()
        # The secretary from another street may not even archive it.
        other = new_test_user(
            self.env,
            login="cs_other_street",
            groups="base.group_user,consultation.group_consultation_secretary",
            name="新华街道秘书",
        )
        self.street_b.secretary_ids = other
        with self.assertRaises(AccessError):
            meeting.calendar_event_id.with_user(other).action_archive()
        event.action_archive()
        self.assertFalse(meeting.active)
        self.assertEqual(meeting.state, "held")

    # 4. Departments report, they do not re-plan
    def test_department_cannot_replan_its_outcome(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        mine = outcome.with_user(self.user_department)
        deadline = outcome.date_deadline
        for vals in (
            {"date_deadline": deadline + timedelta(days=90)},
            {"department_id": self.other_department.id},
            {"user_id": self.user_department.id},
            {"satisfaction": 100},
            {"public_feedback": "已完成"},
            {"outcome_type": "proposal"},
        ):
            with self.assertRaisesRegex(AccessError, "Departments report"), self.cr.savepoint():
                mine.write(vals)
        with self.assertRaisesRegex(AccessError, "Departments report"):
            self.env["consultation.outcome"].with_user(self.user_department).create(
                {"name": "自行立项", "topic_id": topic.id, "department_id": self.department.id}
            )
        mine.action_accept()
        self.env["consultation.outcome.update"].with_user(self.user_department).create(
            {"outcome_id": outcome.id, "progress": 30, "note": "一期施工进场"}
        )
        self.assertEqual(outcome.state, "in_progress")
        self.assertEqual(outcome.date_deadline, deadline)
        self.assertEqual(outcome.department_id, self.department)
        # More time is asked for, not taken: the room's secretaries decide.
        wizard = (
            self.env["consultation.outcome.extension.wizard"]
            .with_user(self.user_department)
            .create(
                {
                    "outcome_id": outcome.id,
                    "date_requested": deadline + timedelta(days=30),
                    "reason": "雨季停工",
                }
            )
        )
        wizard.action_request()
        request = outcome.activity_ids.filtered(lambda a: a.user_id == self.user_secretary)
        self.assertEqual(len(request), 1)
        self.assertIn("雨季停工", str(request.note))
        self.assertEqual(outcome.date_deadline, deadline)

    # 5. History holds
    def test_a_deliberated_topic_cannot_be_cancelled_nor_deleted(self):
        _meeting, topic = self.held_topic()
        self.assertEqual(topic.state, "deliberated")
        with self.assertRaisesRegex(UserError, "a deliberated topic is history"):
            topic.with_user(self.user_secretary).action_cancel()
        with self.assertRaises(UserError):
            topic.with_user(self.user_manager).unlink()
        self.assertEqual(topic.state, "deliberated")

    def test_a_topic_with_outcomes_is_never_deleted(self):
        meeting, topic = self.held_topic()
        self.create_outcome(meeting, topic)
        topic.sudo().write({"state": "cancelled"})  # e.g. data from before the rule
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            topic.with_user(self.user_manager).unlink()

    def test_a_topic_with_opinions_is_never_deleted(self):
        # Refused already before issue #11: stays refused.
        topic = self.bring_to(self.create_topic("有意见的议题"), "published")
        self.env["consultation.opinion"].create(
            {"topic_id": topic.id, "content": "建议尽快推进", "channel": "written"}
        )
        topic.with_user(self.user_secretary).action_cancel()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            topic.with_user(self.user_secretary).unlink()
        self.assertTrue(topic.exists())

    def test_progress_updates_are_immutable_and_closed_outcomes_take_none(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.with_user(self.user_department).action_accept()
        Update = self.env["consultation.outcome.update"].with_user(self.user_department)
        update = Update.create({"outcome_id": outcome.id, "progress": 100, "note": "完工"})
        for user in (self.user_department, self.user_secretary, self.user_manager):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                update.with_user(user).write({"progress": 40})
        # A department has no right to delete at all; the room and the office neither.
        with self.assertRaises(AccessError):
            update.with_user(self.user_department).unlink()
        for user in (self.user_secretary, self.user_manager):
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                update.with_user(user).unlink()
        outcome.with_user(self.user_secretary).public_feedback = "电梯已投入使用"
        outcome.with_user(self.user_secretary).action_done()
        count = self.env["consultation.outcome.update"].search_count([])
        with self.assertRaisesRegex(UserError, "once the department has accepted"):
            Update.create({"outcome_id": outcome.id, "progress": 100, "note": "补记"})
        self.assertEqual(self.env["consultation.outcome.update"].search_count([]), count)
        self.assertEqual(update.progress, 100)

    # 6. Transitions: only the status passes the guard, never through the context
    def test_no_context_key_lets_the_status_through(self):
        topic = self.create_topic("直接改状态")
        for key in ("consultation_transition", "consultation_recurrence_edit", "state_pass"):
            with self.assertRaises(AccessError):
                topic.with_user(self.user_secretary).with_context(**{key: True}).write(
                    {"state": "done"}
                )
        self.assertEqual(topic.state, "draft")
        # The transition is written as the acting user: their rules apply.
        other = new_test_user(
            self.env,
            login="cs_transition_other",
            groups="base.group_user,consultation.group_consultation_secretary",
            name="外街秘书",
        )
        with self.assertRaises(AccessError):
            topic.with_user(other).action_submit()
        topic.with_user(self.user_secretary).action_submit()
        self.assertEqual(topic.state, "submitted")


@tagged("post_install", "-at_install")
class TestAccessQueryCounts(OutcomeCase):
    """The meeting and room lists, as the street's secretary, cost the same number
    of queries for a few records or for many: the rules are `room_id in [ids]` over
    one cached computation, and the list's columns are computed in batch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Membership = cls.env["consultation.room.membership"]

    MEETING_LIST = {
        "code": {},
        "name": {},
        "start": {},
        "room_id": {"fields": {"display_name": {}}},
        "form": {},
        "location": {},
        "quorum_display": {},
        "user_id": {"fields": {"display_name": {}}},
        "state": {},
        "company_id": {"fields": {"display_name": {}}},
    }
    ROOM_LIST = {
        "complete_name": {},
        "code": {},
        "level": {},
        "first_convener_id": {"fields": {"display_name": {}}},
        "stage": {},
        "company_id": {"fields": {"display_name": {}}},
    }

    def add_meetings(self, count, prefix):
        topic = self.bring_to(self.create_topic(f"{prefix}议题"), "ready")
        meetings = self.env["consultation.meeting"]
        for i in range(count):
            meeting = self.create_meeting(topic, name=f"{prefix}会议{i}")
            meetings |= meeting
        # Some signed in, so that the quorum has something to count.
        meetings.attendance_ids[:count].write({"state": "attended"})
        return meetings

    def add_rooms(self, count, prefix):
        rooms = self.env["consultation.room"].create(
            [
                {
                    "name": f"{prefix}社区{i}",
                    "code": f"T-{prefix}-{i}",
                    "parent_id": self.street_a.id,
                }
                for i in range(count)
            ]
        )
        self.Membership.create(
            [
                {
                    "room_id": room.id,
                    "member_id": self.create_member(f"{prefix}召集人{i}").id,
                    "role": "first_convener",
                    "date_start": date(2024, 1, 1),
                }
                for i, room in enumerate(rooms)
            ]
        )
        return rooms

    def test_meeting_list_query_count_does_not_grow(self):
        Meeting = self.env["consultation.meeting"].with_user(self.user_secretary)

        def page(prefix):
            return lambda: Meeting.web_search_read(
                [("name", "like", prefix)], self.MEETING_LIST, limit=80, count_limit=None
            )

        self.add_meetings(2, "少")
        # The first call fills the registry's and the rules' caches.
        self.count_queries(page("少"))
        few = self.count_queries(page("少"))
        self.add_meetings(8, "多")
        self.count_queries(page("多"))  # new rooms and memberships clear the caches
        many = self.count_queries(page("多"))
        self.assertEqual(few, many)
        # One of them reads the listed meetings' invitees, for the rule that lets the
        # invitees read their meetings.
        self.assertLessEqual(many, 13)

    def test_room_list_query_count_does_not_grow(self):
        Room = self.env["consultation.room"].with_user(self.user_secretary)

        def page(prefix):
            return lambda: Room.web_search_read(
                [("name", "like", prefix)], self.ROOM_LIST, limit=80, count_limit=None
            )

        self.add_rooms(2, "少")
        self.count_queries(page("少"))
        few = self.count_queries(page("少"))
        self.add_rooms(12, "多")
        self.count_queries(page("多"))  # new rooms and memberships clear the caches
        many = self.count_queries(page("多"))
        self.assertEqual(few, many)
        self.assertEqual(len(page("多")()["records"]), 12)
