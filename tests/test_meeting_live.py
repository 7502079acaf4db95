"""The meeting while it runs: start, agenda, floor, timer, votes, end, and the projector's link."""

from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import ConsultationCase


class LiveMeetingCase(ConsultationCase):
    """A scheduled meeting of Community A1 on two ready topics, starting now, with
    李委员 (who has a user) and 张代表 invited."""

    def setUp(self):
        super().setUp()
        self.topic_a = self.bring_to(self.create_topic("老旧小区加装电梯"), "ready")
        self.topic_b = self.bring_to(self.create_topic("社区停车位紧张"), "ready")
        self.li = self.member_li.partner_id
        self.zhang = self.member_zhang.partner_id
        self.meeting = self.create_meeting(
            self.topic_a | self.topic_b,
            hours_from_now=0,
            partner_ids=[(6, 0, (self.li | self.zhang).ids)],
        )
        self.meeting.action_schedule()

    def sign_in(self, partner):
        self.env["consultation.meeting.attendance"]._sign_in(self.meeting, partner)


@tagged("post_install", "-at_install")
class TestLiveMeeting(LiveMeetingCase):
    def test_start_keeps_the_state_and_opens_the_first_topic(self):
        self.meeting.action_live_start()
        self.assertEqual(self.meeting.state, "scheduled")
        self.assertTrue(self.meeting.live_running)
        self.assertEqual(self.meeting.live_topic_id, self.meeting.topic_ids[0])
        self.assertTrue(self.meeting.sudo().screen_token)
        with self.assertRaisesRegex(UserError, "already started"):
            self.meeting.action_live_start()

    def test_start_only_on_the_day(self):
        self.meeting.sudo().write(
            {
                "start": self.meeting.start + timedelta(days=2),
                "stop": self.meeting.stop + timedelta(days=2),
            }
        )
        with self.assertRaisesRegex(UserError, "starts in the room on that day"):
            self.meeting.action_live_start()
        self.assertFalse(self.meeting.live_started)

    def test_start_on_the_organisations_day_at_both_ends_of_it(self):
        """The meeting's day is the organisation's (Asia/Shanghai), not the server's
        UTC: at 23:30 UTC it is already the next morning in Shanghai; at 00:30 in
        Shanghai it is still the day before in UTC."""
        self.set_organisation_tz()
        meeting = self.meeting.sudo()
        # 16:30 UTC on 1 March is 00:30 on 2 March in Shanghai: a meeting at 18:00 on
        # 1 March there (10:00 UTC, the same UTC day) was yesterday's.
        with freeze_time("2027-03-01 16:30:00"):
            meeting.write({"start": "2027-03-01 10:00:00", "stop": "2027-03-01 12:00:00"})
            with self.assertRaisesRegex(UserError, "starts in the room on that day"):
                self.meeting.action_live_start()
        # 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai: a meeting at 09:00
        # there (01:00 UTC on 2 March, the next UTC day) is today's.
        with freeze_time("2027-03-01 23:30:00"):
            meeting.write({"start": "2027-03-02 01:00:00", "stop": "2027-03-02 03:00:00"})
            self.meeting.action_live_start()
            self.assertTrue(self.meeting.live_running)

    def test_start_needs_the_participants_confirmed(self):
        stranger = self.env["res.partner"].create({"name": "未认可的居民"})
        self.meeting.partner_ids |= stranger
        with self.assertRaisesRegex(UserError, "must be confirmed by the party organisation"):
            self.meeting.action_live_start()

    def test_drafts_and_members_do_not_drive(self):
        with self.assertRaisesRegex(UserError, "has not started in the room"):
            self.meeting.action_live_next_topic()
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_member).action_live_start()
        self.assertFalse(self.meeting.live_started)

    def test_another_rooms_secretary_cannot_drive(self):
        other = new_test_user(
            self.env,
            login="cs_other_secretary",
            groups="base.group_user,consultation.group_consultation_secretary",
            lang="en_US",
        )
        self.street_b.secretary_ids = other
        self.meeting.action_live_start()
        meeting = self.meeting.with_user(other)
        for action in ("action_live_next_topic", "action_live_vote_open", "action_live_end"):
            with self.assertRaises(AccessError, msg=action):
                getattr(meeting, action)()
        with self.assertRaises(AccessError):
            meeting._live_give_floor(self.li)
        self.assertEqual(self.meeting.live_topic_id, self.meeting.topic_ids[0])

    def test_agenda_moves_topic_by_topic(self):
        self.meeting.action_live_start()
        first, second = self.meeting.topic_ids
        with freeze_time(fields.Datetime.now() + timedelta(minutes=12)):
            self.meeting.action_live_next_topic()
        self.assertEqual(self.meeting.live_topic_id, second)
        result = self.meeting.result_ids.filtered(lambda r: r.topic_id == first)
        self.assertAlmostEqual(result.live_seconds, 12 * 60, delta=5)
        with self.assertRaisesRegex(UserError, "last topic"):
            self.meeting.action_live_next_topic()

    def test_queue_and_floor(self):
        self.meeting.action_live_start()
        Request = self.env["consultation.meeting.floor.request"]
        with self.assertRaisesRegex(UserError, "Sign in to"):
            Request._ask(self.meeting, self.li)
        self.sign_in(self.li)
        Request._ask(self.meeting, self.li)
        with self.assertRaisesRegex(UserError, "already asked"):
            Request._ask(self.meeting, self.li)
        self.assertEqual(self.meeting._screen_state()["queue"], [self.li.name])
        # The dialog proposes the first in the queue.
        wizard_action = self.meeting.action_live_give_floor()
        wizard = (
            self.env[wizard_action["res_model"]].with_context(**wizard_action["context"]).create({})
        )
        self.assertEqual(wizard.partner_id, self.li)
        wizard.action_confirm()
        self.assertEqual(self.meeting.live_speech_id.partner_id, self.li)
        self.assertEqual(self.meeting.floor_request_ids.state, "given")
        self.assertEqual(self.meeting._screen_state()["queue"], [])
        # Someone neither invited nor in the queue does not get the floor.
        with self.assertRaisesRegex(UserError, "neither on the sign-in sheet"):
            self.meeting._live_give_floor(self.env["res.partner"].create({"name": "路人"}))
        # Nor does an invitee who is not in the room (not signed in, not in the queue).
        with self.assertRaisesRegex(UserError, "neither on the sign-in sheet"):
            self.meeting._live_give_floor(self.zhang)
        # A second waiting request of one person cannot be stored, even past the check
        # (two posts of a double tap).
        self.sign_in(self.zhang)
        Request._ask(self.meeting, self.zhang)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Request.sudo().create({"meeting_id": self.meeting.id, "partner_id": self.zhang.id})

    def test_invitees_see_no_screen_of_a_draft(self):
        portal = new_test_user(self.env, login="live_portal_invitee", groups="base.group_portal")
        draft = self.create_meeting(
            self.topic_b, hours_from_now=0, partner_ids=[(6, 0, portal.partner_id.ids)]
        )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft._screen_readable_by(portal))
        self.meeting.sudo().partner_ids |= portal.partner_id
        self.assertTrue(self.meeting._screen_readable_by(portal))

    def test_timer_counts_from_stored_times(self):
        self.meeting.action_live_start()
        self.sign_in(self.li)
        self.sign_in(self.zhang)
        now = fields.Datetime.now()
        with freeze_time(now):
            self.meeting._live_give_floor(self.li)
            self.assertEqual(self.meeting.timer_remaining, 180)
            self.assertFalse(self.meeting.timer_running)
            self.meeting.action_live_timer_start()
        with freeze_time(now + timedelta(seconds=50)):
            self.meeting.invalidate_recordset(["timer_remaining"])
            self.assertEqual(self.meeting.timer_remaining, 130)
            self.assertTrue(self.meeting.timer_running)
            self.meeting.action_live_timer_pause()
        with freeze_time(now + timedelta(seconds=100)):
            self.meeting.invalidate_recordset(["timer_remaining"])
            self.assertEqual(self.meeting.timer_remaining, 130, "a paused timer stands still")
            self.meeting.action_live_timer_start()
        with freeze_time(now + timedelta(seconds=300)):
            self.meeting.invalidate_recordset(["timer_remaining"])
            self.assertEqual(self.meeting.timer_remaining, -70, "the screen shows the overrun")
            self.meeting._live_give_floor(self.zhang)
        speech_li = self.meeting.speech_ids.filtered(lambda s: s.partner_id == self.li)
        self.assertEqual(speech_li.duration, 250)
        self.assertEqual(speech_li.duration_display, "4 min 10 s")
        with self.assertRaisesRegex(UserError, "not running"):
            self.meeting.action_live_timer_pause()

    def test_named_votes_once_per_round_and_closed_is_final(self):
        self.meeting.vote_mode = "named"
        self.meeting.action_live_start()
        self.meeting.action_live_vote_open()
        vote = self.meeting.live_vote_id
        Ballot = self.env["consultation.meeting.ballot"]
        with self.assertRaisesRegex(UserError, "Sign in to"):
            Ballot._cast(self.meeting, self.li, "for")
        self.sign_in(self.li)
        self.sign_in(self.zhang)
        Ballot._cast(self.meeting, self.li, "for")
        with self.assertRaisesRegex(UserError, "already voted"):
            Ballot._cast(self.meeting, self.li, "against")
        Ballot._cast(self.meeting, self.zhang, "abstain")
        self.assertEqual(self.meeting._screen_state()["vote"]["for"], 1)
        self.meeting.action_live_vote_close()
        self.assertEqual(
            (vote.state, vote.votes_for, vote.votes_against, vote.votes_abstain),
            ("closed", 1, 0, 1),
        )
        with self.assertRaisesRegex(UserError, "closed vote is final"):
            vote.sudo().votes_for = 2
        with self.assertRaisesRegex(UserError, "No named vote is open"):
            Ballot._cast(self.meeting, self.zhang, "for")
        # A correction is a new round, beside the first.
        self.meeting.action_live_vote_open()
        self.assertEqual(self.meeting.live_vote_id.round, 2)
        Ballot._cast(self.meeting, self.zhang, "for")
        self.meeting.action_live_vote_close()
        self.assertEqual(len(self.meeting.vote_ids), 2)
        first = self.meeting.topic_ids[0]
        result = self.meeting.result_ids.filtered(lambda r: r.topic_id == first)
        self.assertEqual((result.votes_for, result.votes_abstain), (1, 0), "the last round counts")

    def test_tally_entered_by_the_secretary(self):
        self.meeting.action_live_start()
        self.meeting.action_live_vote_open()
        with self.assertRaisesRegex(UserError, "already open"):
            self.meeting.action_live_vote_open()
        with self.assertRaisesRegex(UserError, "Close the vote"):
            self.meeting.action_live_next_topic()
        action = self.meeting.action_live_vote_close()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"votes_for": 15, "votes_against": 3, "votes_abstain": 2})
        )
        wizard.action_confirm()
        vote = self.meeting.vote_ids
        self.assertEqual((vote.votes_for, vote.votes_against, vote.votes_abstain), (15, 3, 2))
        with self.assertRaisesRegex(UserError, "No named vote"):
            self.env["consultation.meeting.ballot"]._cast(self.meeting, self.li, "for")

    def test_end_holds_and_prefills_the_minutes(self):
        self.sign_in(self.li)
        self.sign_in(self.zhang)
        self.meeting.action_live_start()
        now = fields.Datetime.now()
        with freeze_time(now):
            self.meeting._live_give_floor(self.li)
            self.meeting.action_live_timer_start()
        with freeze_time(now + timedelta(seconds=95)):
            self.meeting.action_live_vote_open()
            self.meeting._live_vote_close(12, 1, 0)
            self.meeting.action_live_next_topic()
            self.meeting._live_give_floor(self.zhang)
            self.meeting.action_live_end()
        self.assertEqual(self.meeting.state, "held")
        self.assertFalse(self.meeting.live_running)
        self.assertEqual(self.meeting.speech_ids.partner_id, self.li | self.zhang)
        # The draft is written in the organisation's language, whoever holds the meeting.
        env = self.env(context=dict(self.env.context, lang=self.company._consultation_lang()))
        meeting = self.meeting.with_env(env)
        minutes = meeting.minutes
        speech_li = meeting.speech_ids.filtered(lambda s: s.partner_id == self.li)
        self.assertEqual(speech_li.duration, 95)
        self.assertIn(speech_li._minutes_line(), minutes)
        self.assertIn(self.zhang.name, minutes)
        self.assertIn(meeting.vote_ids.display_name, minutes)
        self.assertRegex(str(minutes), r"12[^0-9]+1[^0-9]+0")
        first = meeting.result_ids.filtered(lambda r: r.topic_id == speech_li.topic_id)
        self.assertAlmostEqual(first.live_seconds, 95, delta=5)
        self.assertIn(first._live_minutes_line(), minutes)

    def test_end_runs_the_checks_of_held(self):
        self.meeting.action_live_start()
        self.meeting.action_live_vote_open()
        with self.assertRaisesRegex(UserError, "Close the open vote"):
            self.meeting.action_live_end()
        self.assertEqual(self.meeting.state, "scheduled")

    def test_live_fields_move_only_through_the_actions(self):
        with self.assertRaises(AccessError):
            self.meeting.write({"live_topic_id": self.topic_b.id})
        with self.assertRaises(AccessError):
            self.meeting.write({"timer_elapsed": -600})


@tagged("post_install", "-at_install")
class TestScreenToken(LiveMeetingCase):
    def test_window_and_regeneration(self):
        self.meeting.action_live_start()
        Meeting = self.env["consultation.meeting"]
        token = self.meeting.sudo().screen_token
        self.assertEqual(Meeting._screen_by_token(self.meeting.id, token), self.meeting)
        self.assertFalse(Meeting._screen_by_token(self.meeting.id, token[:-1] + "x"))
        self.assertFalse(Meeting._screen_by_token(self.meeting.id, ""))
        with freeze_time(self.meeting.stop + timedelta(minutes=61)):
            self.assertFalse(Meeting._screen_by_token(self.meeting.id, token), "expired")
        with freeze_time(self.meeting.start - timedelta(minutes=61)):
            self.assertFalse(Meeting._screen_by_token(self.meeting.id, token), "not yet valid")
        with freeze_time(self.meeting.start - timedelta(minutes=59)):
            self.assertTrue(Meeting._screen_by_token(self.meeting.id, token))
        other = self.create_meeting(self.topic_a, hours_from_now=0)
        self.assertFalse(
            Meeting._screen_by_token(other.id, token), "a token opens its meeting only"
        )
        self.meeting.action_live_new_token()
        self.assertFalse(Meeting._screen_by_token(self.meeting.id, token), "the old link stops")

    def test_token_is_hidden_from_readers(self):
        self.meeting.action_live_start()
        token = self.meeting.sudo().screen_token
        self.assertTrue(self.meeting.screen_projector_url.endswith(f"/screen?token={token}"))
        for fname in ("screen_token", "screen_projector_url"):
            with self.assertRaises(AccessError):
                self.meeting.with_user(self.user_member).read([fname])
        state = self.meeting._screen_state()
        self.assertNotIn(self.meeting.sudo().screen_token, str(state))


@tagged("post_install", "-at_install")
class TestScreenStateQueries(LiveMeetingCase):
    def test_the_screen_state_costs_the_same_for_20_people(self):
        """Every change sends the whole state to the screens: its cost does not grow
        with the people, the queue and the speeches."""
        self.meeting.action_live_start()

        def add(count, prefix):
            partners = self.env["res.partner"].create(
                [{"name": f"{prefix}{i}"} for i in range(count)]
            )
            self.meeting.partner_ids |= partners
            for partner in partners:
                self.sign_in(partner)
                self.env["consultation.meeting.floor.request"]._ask(self.meeting, partner)
            for partner in partners[: count // 2]:
                self.meeting._live_give_floor(partner)

        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            state = self.meeting._screen_state()
            return self.env.cr.sql_log_count - before, state

        add(2, "少")
        count_queries()  # caches of the registry and the rules
        few, _state = count_queries()
        add(18, "多")
        count_queries()  # the new people and rows clear those caches
        many, state = count_queries()
        self.assertEqual(state["present"], 20)
        self.assertEqual(len(state["queue"]), 10)
        self.assertEqual(few, many)
