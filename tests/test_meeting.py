import io
import re
import unicodedata
import warnings
from datetime import timedelta

import pytz
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import ConsultationCase

SHANGHAI = pytz.timezone("Asia/Shanghai")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class MeetingCase(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event_type = cls.env.ref("consultation.calendar_event_type_consultation")
        cls.expert = cls.env["consultation.expert"].create(
            {"partner_id": cls.env["res.partner"].create({"name": "周专家"}).id}
        )
        cls.resident = cls.env["res.partner"].create({"name": "居民代表孙阿姨"})
        # Li is the convener of Community A1: he approves its minutes first.
        cls.env["consultation.room.membership"].create(
            {
                "room_id": cls.community_a1.id,
                "member_id": cls.create_member("钱主任").id,
                "role": "first_convener",
            }
        )

    def ready_topic(self, name="加装电梯", room=None):
        topic = self.bring_to(self.create_topic(name, room=room), "ready")
        topic.write({"expert_ids": [(4, self.expert.id)]})
        return topic


@tagged("post_install", "-at_install")
class TestMeetingCalendar(MeetingCase):
    def test_a_meeting_is_one_calendar_event_with_its_invitees(self):
        topic = self.ready_topic()
        meeting = self.create_meeting(topic)
        event = meeting.calendar_event_id
        self.assertEqual(self.env["calendar.event"].search_count([("res_id", "=", meeting.id)]), 1)
        self.assertEqual(event.res_model, "consultation.meeting")
        self.assertIn(self.event_type, event.categ_ids)
        # Conveners and fixed members of the room, and the topic's expert.
        expected = (
            self.member_li.partner_id | self.community_a1.first_convener_id | self.expert.partner_id
        )
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(meeting.partner_ids, expected)
        self.assertEqual(meeting.attendance_ids.partner_id, expected)
        roles = {row.partner_id: row.role for row in meeting.attendance_ids}
        self.assertEqual(roles[self.member_li.partner_id], "fixed")
        self.assertEqual(roles[self.community_a1.first_convener_id], "convener")
        self.assertEqual(roles[self.expert.partner_id], "expert")
        self.assertEqual(meeting.result_ids.topic_id, topic)

    def test_moving_either_side_moves_both(self):
        meeting = self.create_meeting(hours_from_now=48)
        new_start = meeting.start + timedelta(days=1)
        meeting.write({"start": new_start, "stop": new_start + timedelta(hours=2)})
        self.assertEqual(meeting.calendar_event_id.start, new_start)

        later = new_start + timedelta(days=2)
        meeting.calendar_event_id.write({"start": later, "stop": later + timedelta(hours=1)})
        meeting.invalidate_recordset()
        self.assertEqual(meeting.start, later)
        self.assertEqual(meeting.stop, later + timedelta(hours=1))
        meeting.write({"location": "街道会议室"})
        self.assertEqual(meeting.calendar_event_id.location, "街道会议室")

    def test_cancelling_the_meeting_cancels_its_event(self):
        meeting = self.create_meeting(hours_from_now=48)
        event = meeting.calendar_event_id
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.active)
        self.assertTrue(event.exists())

    def test_cancelling_or_deleting_the_event_cancels_the_meeting(self):
        archived = self.create_meeting(hours_from_now=48)
        archived.calendar_event_id.with_user(self.user_secretary).action_archive()
        self.assertEqual(archived.state, "cancelled")

        deleted = self.create_meeting(hours_from_now=72)
        event = deleted.calendar_event_id
        event.with_user(self.user_secretary).unlink()
        # The meeting keeps its event: archived, never deleted from under it.
        self.assertTrue(event.exists())
        self.assertFalse(event.active)
        self.assertEqual(deleted.state, "cancelled")
        self.assertEqual(deleted.calendar_event_id, event)

    def test_deleting_a_draft_meeting_deletes_its_event(self):
        meeting = self.create_meeting(hours_from_now=48)
        event = meeting.calendar_event_id
        meeting.unlink()
        self.assertFalse(event.exists())

    def test_create_the_meeting_from_a_consultation_event(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        event = (
            self.env["calendar.event"]
            .with_user(self.user_secretary)
            .create(
                {
                    "name": "朝阳社区议事会",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "categ_ids": [(4, self.event_type.id)],
                    "partner_ids": [(6, 0, self.member_li.partner_id.ids)],
                }
            )
        )
        self.assertTrue(event.is_consultation)
        action = event.action_create_consultation_meeting()
        self.assertEqual(action["res_model"], "consultation.meeting")
        self.assertEqual(action["context"]["default_calendar_event_id"], event.id)

        events_before = self.env["calendar.event"].search_count([])
        meeting = (
            self.env["consultation.meeting"]
            .with_user(self.user_secretary)
            .create({"calendar_event_id": event.id, "room_id": self.community_a1.id})
        )
        self.assertEqual(self.env["calendar.event"].search_count([]), events_before)
        self.assertEqual(meeting.start, start)
        self.assertEqual(event.consultation_meeting_id, meeting)
        self.assertEqual(meeting.attendance_ids.partner_id, self.member_li.partner_id)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["consultation.meeting"].create(
                {"calendar_event_id": event.id, "room_id": self.community_a1.id}
            )

    def test_a_held_meeting_keeps_its_date_and_event(self):
        meeting = self.create_meeting(self.ready_topic())
        meeting.action_schedule()
        meeting.action_hold()
        event = meeting.calendar_event_id
        with self.assertRaisesRegex(UserError, "cannot move"):
            event.write({"start": event.start + timedelta(days=1)})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            event.unlink()
        with self.assertRaisesRegex(UserError, "archive them instead"):
            meeting.unlink()
        # Archiving is how history leaves the lists.
        meeting.action_archive()
        self.assertFalse(meeting.active)
        self.assertFalse(event.active)
        self.assertEqual(meeting.state, "held")

    # The evening in UTC is already the next day in Shanghai, and just after midnight
    # in Shanghai it is still the day before in UTC: a sitting must survive both.
    FROZEN_TIMES = ("2026-11-26 23:30:00", "2026-11-26 16:30:00")

    def create_sitting(self, weekday_shift=0, count=3):
        """A weekly sitting of Community A1 starting tomorrow, its rule on the weekday
        of that first date *in the event's time zone*, shifted by `weekday_shift`."""
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        local_weekday = pytz.utc.localize(start).astimezone(SHANGHAI).weekday()
        weekday = WEEKDAYS[(local_weekday + weekday_shift) % 7]
        return self.create_meeting(
            name="朝阳社区每周议事会",
            start=start,
            stop=start + timedelta(hours=2),
            recurrency=True,
            rrule_type="weekly",
            interval=1,
            end_type="count",
            count=count,
            event_tz="Asia/Shanghai",
            **{weekday: True},
        )

    def assertOneMeetingPerOccurrence(self, recurrence, count):
        events = recurrence.calendar_event_ids
        self.assertEqual(len(events), count)
        meetings = events.consultation_meeting_ids
        self.assertEqual(len(meetings), count)
        self.assertEqual(meetings.calendar_event_id, events)
        self.assertEqual(set(meetings.mapped("room_id")), {self.community_a1})
        self.assertEqual(set(meetings.mapped("state")), {"draft"})
        self.assertEqual(len(set(meetings.mapped("code"))), count)
        return meetings

    def test_each_occurrence_of_a_regular_sitting_gets_its_meeting(self):
        for frozen in self.FROZEN_TIMES:
            with self.subTest(now=frozen), freeze_time(frozen):
                meeting = self.create_sitting()
                self.assertTrue(meeting.active)
                meetings = self.assertOneMeetingPerOccurrence(meeting.recurrence_id, 3)
                self.assertIn(meeting, meetings)

    def test_a_sitting_starting_off_its_weekday_keeps_its_meeting(self):
        """Created on a Friday with the rule "every Thursday": Odoo's recurrence drops
        the first event; the meeting moves to the first Thursday, none is lost."""
        for frozen in self.FROZEN_TIMES:
            with self.subTest(now=frozen), freeze_time(frozen):
                meeting = self.create_sitting(weekday_shift=-1)
                code = meeting.code
                self.assertTrue(meeting.active)
                self.assertEqual(meeting.state, "draft")
                recurrence = meeting.recurrence_id
                self.assertTrue(recurrence, "the meeting is on an occurrence of its sitting")
                meetings = self.assertOneMeetingPerOccurrence(recurrence, 3)
                self.assertEqual(meetings.sorted("start")[0], meeting)
                self.assertEqual(meeting.code, code)
                rule_day = WEEKDAYS.index(next(day for day in WEEKDAYS if recurrence[day]))
                for event in recurrence.calendar_event_ids:
                    local = pytz.utc.localize(event.start).astimezone(SHANGHAI)
                    self.assertEqual(local.weekday(), rule_day)
                self.assertEqual(
                    self.env["consultation.meeting"].search_count(
                        [("id", "=", meeting.id), ("state", "=", "draft")]
                    ),
                    1,
                    "the created meeting is found by an ordinary search",
                )

    def assertSittingIntact(self, codes, occurrences):
        """The meetings numbered `codes` are all still planned, and every occurrence of
        the recurrences holding them has exactly one meeting."""
        kept = self.env["consultation.meeting"].search([("code", "in", list(codes))])
        self.assertEqual(set(kept.mapped("code")), codes, "no meeting of the sitting is lost")
        self.assertEqual(set(kept.mapped("state")), {"draft"})
        events = kept.calendar_event_id.recurrence_id.calendar_event_ids
        self.assertEqual(len(events), occurrences)
        self.assertEqual(len(events.consultation_meeting_ids), occurrences)
        self.assertEqual(events.consultation_meeting_ids.calendar_event_id, events)
        return events

    def test_editing_a_sitting_keeps_one_meeting_per_occurrence(self):
        for frozen in self.FROZEN_TIMES:
            with self.subTest(now=frozen), freeze_time(frozen):
                meeting = self.create_sitting()
                events = meeting.recurrence_id.calendar_event_ids.sorted("start")
                codes = set(events.consultation_meeting_ids.mapped("code"))
                second = events[1]

                # "This event": one sitting an hour later.
                second.write(
                    {
                        "start": second.start + timedelta(hours=1),
                        "stop": second.stop + timedelta(hours=1),
                        "recurrence_update": "self_only",
                    }
                )
                self.assertSittingIntact(codes, 3)

                # "This and following": from the second sitting on, two hours earlier.
                second.write(
                    {
                        "start": second.start - timedelta(hours=2),
                        "stop": second.stop - timedelta(hours=2),
                        "recurrence_update": "future_events",
                    }
                )
                events = self.assertSittingIntact(codes, 3)

                # "All events" of the later part: three sittings instead of two.
                last = events.sorted("start")[-1]
                later = last.recurrence_id.calendar_event_ids
                last.write({"count": 3, "recurrence_update": "all_events"})
                events = self.assertSittingIntact(codes, 3 - len(later) + 3)
                self.assertEqual(len(events.consultation_meeting_ids), len(codes) + 3 - len(later))
                cancelled = self.env["consultation.meeting"].search(
                    [("room_id", "=", self.community_a1.id), ("state", "=", "cancelled")]
                )
                self.assertFalse(cancelled, "no sitting was cancelled by the edits")

    def test_an_edit_of_all_events_leaves_a_held_sitting_alone(self):
        meeting = self.create_sitting()
        events = meeting.recurrence_id.calendar_event_ids.sorted("start")
        held = events[0].consultation_meeting_ids
        held.sudo().write({"state": "held"})
        start = events[0].start
        later = events[1].with_user(self.user_secretary)
        with self.assertRaisesRegex(UserError, "has been held"):
            later.write(
                {
                    "start": later.start + timedelta(hours=1),
                    "stop": later.stop + timedelta(hours=1),
                    "recurrence_update": "all_events",
                }
            )
        self.assertEqual(events[0].start, start)
        # The later sittings alone still move ("this and following").
        later.write(
            {
                "start": later.start + timedelta(hours=1),
                "stop": later.stop + timedelta(hours=1),
                "recurrence_update": "future_events",
            }
        )
        self.assertEqual(held.start, start)

    def test_attendance_follows_the_calendar_answers(self):
        meeting = self.create_meeting(hours_from_now=48)
        event = meeting.calendar_event_id
        li = event.attendee_ids.filtered(lambda a: a.partner_id == self.member_li.partner_id)
        li.do_accept()
        row = meeting.attendance_ids.filtered(lambda r: r.partner_id == self.member_li.partner_id)
        self.assertEqual(row.state, "confirmed")
        li.do_decline()
        self.assertEqual(row.state, "excused")

        event.write({"partner_ids": [(4, self.resident.id)]})
        guest = meeting.attendance_ids.filtered(lambda r: r.partner_id == self.resident)
        self.assertEqual((guest.role, guest.state), ("guest", "invited"))
        meeting.write({"partner_ids": [(3, self.resident.id)]})
        self.assertNotIn(self.resident, meeting.attendance_ids.partner_id)

        # What the secretary recorded at the door wins over a late answer.
        meeting.topic_ids = self.ready_topic()
        meeting.action_schedule()
        row.action_mark_attended()
        li.do_decline()
        self.assertEqual(row.state, "attended")


@tagged("post_install", "-at_install")
class TestMeetingForms(MeetingCase):
    def test_every_form_can_be_scheduled_and_held(self):
        forms = ["meeting", "written", "online", "visit", "thematic"]
        for form in forms:
            with self.subTest(form=form):
                meeting = self.create_meeting(self.ready_topic(f"议题-{form}"), form=form)
                meeting.action_schedule()
                meeting.action_hold()
                self.assertEqual(meeting.state, "held")
                self.assertEqual(meeting.topic_ids.state, "deliberated")

    def test_a_joint_meeting_needs_and_shows_in_its_joint_rooms(self):
        with self.assertRaisesRegex(ValidationError, "joint consultation"):
            self.create_meeting(form="joint")
        meeting = self.create_meeting(form="joint", joint_room_ids=[(6, 0, self.community_b1.ids)])
        # Zhang convenes Community B1 only; the joint meeting is in his room's list too.
        action = self.community_b1.action_view_meetings()
        self.assertIn(meeting, self.env["consultation.meeting"].search(action["domain"]))
        self.assertEqual(self.community_b1.meeting_count, 0)
        self.env["consultation.room.membership"].create(
            {
                "room_id": self.community_b1.id,
                "member_id": self.create_member("周委员", user=self.user_viewer).id,
                "role": "fixed",
            }
        )
        self.assertTrue(meeting.with_user(self.user_viewer).read(["name"]))


# Classes that close minutes render the PDF with wkhtmltopdf, which fetches its style
# sheets from this server: only an HttpCase lets the server answer during the test.
@tagged("post_install", "-at_install")
class TestMeetingLifeCycle(HttpCase, MeetingCase):
    def test_scheduling_needs_an_agenda_of_ready_topics(self):
        meeting = self.create_meeting()
        with self.assertRaisesRegex(UserError, "at least one topic"):
            meeting.action_schedule()
        published = self.bring_to(self.create_topic("公示中的议题"), "published")
        meeting.write({"topic_ids": [(6, 0, published.ids)]})
        with self.assertRaisesRegex(UserError, "not ready for deliberation"):
            meeting.action_schedule()

    def test_a_future_meeting_cannot_be_held(self):
        meeting = self.create_meeting(self.ready_topic(), hours_from_now=24)
        meeting.action_schedule()
        with self.assertRaisesRegex(UserError, "has not started yet"):
            meeting.action_hold()

    def test_no_deliberation_without_research(self):
        topic = self.ready_topic()
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        topic.research_ids.unlink()
        with self.assertRaisesRegex(UserError, "No deliberation without research"):
            meeting.action_hold()
        self.assertEqual(meeting.state, "scheduled")

    def test_every_topic_on_the_agenda_is_deliberated_when_held(self):
        topic = self.ready_topic()
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        # A conclusion row lost (e.g. deleted by an import) does not leave the topic
        # behind: only a row marked "not concluded" keeps it open.
        meeting.result_ids.sudo().unlink()
        meeting.action_hold()
        self.assertEqual(topic.state, "deliberated")

    def test_status_moves_only_through_the_actions(self):
        meeting = self.create_meeting()
        with self.assertRaises(AccessError):
            meeting.write({"state": "closed"})
        with self.assertRaisesRegex(
            UserError, "is Draft. Only a scheduled meeting can be recorded as held."
        ):
            meeting.action_hold()

    def test_a_topic_not_concluded_goes_to_the_next_meeting(self):
        done, open_topic = self.ready_topic("加装电梯"), self.ready_topic("停车管理")
        meeting = self.create_meeting(done | open_topic)
        following = self.create_meeting(hours_from_now=24 * 30)
        meeting.action_schedule()
        meeting.result_ids.filtered(lambda r: r.topic_id == open_topic).concluded = False
        meeting.action_hold()
        self.assertEqual(done.state, "deliberated")
        self.assertEqual(open_topic.state, "ready")
        self.assertIn(open_topic, following.topic_ids)
        self.assertIn("carried to", open_topic.message_ids[0].body)

    def test_minutes_need_a_consensus_and_go_through_two_approvals(self):
        topic = self.ready_topic()
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        meeting.action_mark_all_attended()
        meeting.action_hold()
        self.assertIn("加装电梯", meeting.minutes)
        self.assertIn("钱主任", meeting.minutes)
        with self.assertRaisesRegex(UserError, "consensus"):
            meeting.action_submit_minutes()
        meeting.write({"consensus": "<p>同意分两期加装电梯,低层住户补偿由街道协调。</p>"})
        meeting.action_submit_minutes()
        self.assertEqual(meeting.state, "minutes_review")
        with self.assertRaisesRegex(UserError, "not approved yet"):
            meeting.action_close()
        with self.assertRaisesRegex(UserError, "under review or closed"):
            meeting.write({"minutes": "<p>改写</p>"})

        # No convener of A1 has a user: its street's secretary approves first.
        convener_review = meeting.review_ids.filtered(
            lambda r: r.definition_id == self.env.ref("consultation.tier_minutes_convener")
        )
        office_review = meeting.review_ids - convener_review
        self.assertEqual(convener_review.reviewer_ids, self.user_secretary)
        self.assertEqual(office_review.reviewer_ids & self.user_manager, self.user_manager)
        with self.assertRaisesRegex(UserError, "no review waiting for you"):
            meeting.with_user(self.user_manager).validate_tier()
        meeting.with_user(self.user_secretary).validate_tier()
        meeting.invalidate_recordset()
        meeting.with_user(self.user_manager).validate_tier()
        meeting.invalidate_recordset()
        meeting.action_close()
        self.assertEqual(meeting.state, "closed")
        revision = meeting.minutes_revision_ids
        self.assertEqual(revision.version, 1)
        self.assertEqual(revision.approved_by, self.user_manager)
        self.assertEqual(revision.attachment_id.mimetype, "application/pdf")
        self.assertEqual(len(revision.pdf_sha256), 64)

    def test_a_refusal_sends_the_minutes_back_with_the_comment(self):
        meeting = self.held_meeting_with_minutes()
        meeting.action_submit_minutes()
        # The convener refuses, with a comment, through the stock wizard.
        action = meeting.with_user(self.user_secretary).reject_tier()
        self.env[action["res_model"]].with_user(self.user_secretary).with_context(
            **action["context"]
        ).create({"comment": "补充反对意见的解释说明"}).add_comment()
        self.assertEqual(meeting.state, "held")
        self.assertFalse(meeting.review_ids)
        self.assertTrue(any("补充反对意见" in (m.body or "") for m in meeting.message_ids))
        # Back in "held", the minutes can be edited again.
        meeting.write({"dissent_note": "<p>两户低层住户保留意见,已解释补偿方案。</p>"})

    def held_meeting_with_minutes(self):
        meeting = self.create_meeting(self.ready_topic())
        meeting.action_schedule()
        meeting.action_hold()
        meeting.write({"consensus": "<p>一致同意加装电梯</p>"})
        return meeting

    def approve_minutes(self, meeting):
        for user in (self.user_secretary, self.user_manager):
            meeting.invalidate_recordset()
            meeting.with_user(user).validate_tier()
        meeting.invalidate_recordset()
        meeting.action_close()


@tagged("post_install", "-at_install")
class TestMinutesRevisions(HttpCase, MeetingCase):
    def close_meeting(self, consensus):
        meeting = self.create_meeting(self.ready_topic())
        meeting.action_schedule()
        meeting.action_hold()
        meeting.write({"consensus": f"<p>{consensus}</p>"})
        meeting.action_prefill_minutes()
        meeting.action_submit_minutes()
        TestMeetingLifeCycle.approve_minutes(self, meeting)
        return meeting

    def test_closed_minutes_print_as_chinese_with_their_fingerprint(self):
        meeting = self.close_meeting("同意在三号楼北侧增设充电桩十个")
        revision = meeting.minutes_revision_ids
        self.assertIn("同意在三号楼北侧增设充电桩十个", revision.body)
        text = pdf_text(revision.attachment_id.raw)
        self.assertIn("同意在三号楼北侧增设充电桩十个", text)
        self.assertIn(revision.body_sha256[:16], re.sub(r"\s+", "", text))

    def test_revisions_never_change_for_anyone(self):
        meeting = self.close_meeting("一致同意")
        revision = meeting.minutes_revision_ids
        for env_user in (self.user_member, self.user_secretary, self.user_manager):
            with self.assertRaisesRegex(UserError, "never change"):
                revision.with_user(env_user).write({"body": "<p>篡改</p>"})
            with self.assertRaises(AccessError):
                revision.with_user(env_user).unlink()
        with self.assertRaisesRegex(UserError, "never change"):
            revision.sudo().write({"body": "<p>篡改</p>"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            revision.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot change"):
            revision.attachment_id.sudo().write({"raw": b"%PDF-fake"})
        with self.assertRaisesRegex(UserError, "cannot change"):
            revision.attachment_id.sudo().unlink()
        with self.assertRaisesRegex(UserError, "under review or closed"):
            meeting.write({"minutes": "<p>改写</p>"})
        with self.assertRaisesRegex(UserError, "archive them instead"):
            meeting.sudo().unlink()

    def test_a_correction_is_the_next_revision_after_the_same_approval(self):
        meeting = self.close_meeting("一致同意加装电梯")
        first = meeting.minutes_revision_ids
        first_body, first_hash = first.body, first.pdf_sha256
        meeting.action_correct_minutes()
        self.assertEqual(meeting.state, "held")
        meeting.write({"minutes": meeting.minutes + "<p>更正:补充低层住户意见。</p>"})
        meeting.action_submit_minutes()
        TestMeetingLifeCycle.approve_minutes(self, meeting)
        self.assertEqual(sorted(meeting.minutes_revision_ids.mapped("version")), [1, 2])
        second = meeting.minutes_revision_ids.filtered(lambda r: r.version == 2)
        self.assertIn("更正", second.body)
        first.invalidate_recordset()
        self.assertEqual((first.body, first.pdf_sha256), (first_body, first_hash))
        self.assertNotEqual(second.body_sha256, first.body_sha256)

    def test_reporting_the_minutes_sends_the_pdf_and_logs_it(self):
        meeting = self.close_meeting("一致同意")
        government = self.env["res.partner"].create(
            {"name": "和平街道办事处", "email": "hp@example.com"}
        )
        meeting.report_partner_ids = government
        action = meeting.action_send_minutes()
        composer = self.env["mail.compose.message"].with_context(**action["context"]).create({})
        self.assertEqual(composer.partner_ids, government)
        self.assertEqual(composer.attachment_ids, meeting.minutes_revision_ids.attachment_id)
        composer.action_send_mail()
        message = meeting.message_ids[0]
        self.assertIn(government, message.partner_ids)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")

    def test_sign_in_sheet_lists_the_invitees(self):
        meeting = self.create_meeting(self.ready_topic())
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_meeting_signin", meeting.ids)[0]
            .decode()
        )
        self.assertIn("李委员", html)
        self.assertIn("周专家", html)


@tagged("post_install", "-at_install")
class TestMeetingAccess(MeetingCase):
    def test_each_role_sees_what_it_may(self):
        meeting = self.create_meeting(self.ready_topic())
        # Li sits in Community A1: he reads its meetings and cannot change them.
        self.assertTrue(meeting.with_user(self.user_member).read(["name", "attendance_ids"]))
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_member).write({"location": "别处"})
        # A viewer who sits in no room of the meeting does not see it.
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_viewer).read(["name"])
        # Approvers read every meeting; managers run them.
        self.assertTrue(meeting.with_user(self.user_approver).read(["name"]))
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_approver).write({"location": "别处"})
        meeting.with_user(self.user_manager).write({"location": "区政协会议室"})

    def test_a_secretary_of_another_street_cannot_see_or_schedule(self):
        other = self.env["res.users"].browse(
            self.env["res.users"]
            .create(
                {
                    "name": "新华秘书",
                    "login": "cs_secretary_xh",
                    "groups_id": [
                        (6, 0, self.env.ref("consultation.group_consultation_secretary").ids),
                        (4, self.env.ref("base.group_user").id),
                    ],
                }
            )
            .id
        )
        self.street_b.secretary_ids = other
        meeting = self.create_meeting(self.ready_topic())
        with self.assertRaises(AccessError):
            meeting.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            self.env["consultation.meeting"].with_user(other).create(
                {
                    "name": "越权会议",
                    "room_id": self.community_a1.id,
                    "start": fields.Datetime.now(),
                    "stop": fields.Datetime.now() + timedelta(hours=1),
                }
            )


# Noto CJK maps some characters to Kangxi radical code points (⼗ for 十), which NFKC
# folds back, and a few simplified ones to CJK radical supplements, which it leaves.
RADICALS = str.maketrans(
    "⻋⻘⻓⻔⻢⻥⻦⻅⻉⻚⻛⻜⻬⻰⻳⻨⻩⻈⻙", "车青长门马鱼鸟见贝页风飞齐龙龟麦黄讠韦"
)


def pdf_text(data):
    with warnings.catch_warnings():
        # PyPDF2 cannot decode the footer's CID font labels; the fingerprint is in
        # Helvetica and reads fine.
        warnings.simplefilter("ignore")
        reader = PdfFileReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFKC", text).translate(RADICALS)
