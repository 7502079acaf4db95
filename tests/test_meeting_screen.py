"""The meeting screen over HTTP and the bus: who opens it, who drives it, what reaches it."""

import contextlib
import json
import re
import threading
from datetime import timedelta

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.tests.common import WebsocketCase
from odoo.tests import HttpCase, new_test_user, tagged

try:
    from websocket import WebSocketTimeoutException
except ImportError:  # WebsocketCase skips itself without the client
    WebSocketTimeoutException = TimeoutError

from .test_meeting_live import LiveMeetingCase

# Every frontend page carries the session's CSRF token for its scripts.
CSRF = re.compile(r'csrf_token: "([^"]+)"')


class ScreenCase(LiveMeetingCase):
    def setUp(self):
        super().setUp()
        self.outsider = new_test_user(
            self.env,
            login="cs_other_secretary",
            groups="base.group_user,consultation.group_consultation_secretary",
            lang="en_US",
        )
        self.street_b.secretary_ids = self.outsider
        self.screen_url = f"/consultation/meeting/{self.meeting.id}/screen"
        self.control_url = f"/consultation/meeting/{self.meeting.id}/control"

    def move_window(self, days):
        """The meeting `days` away: its projector link is out of its window."""
        self.meeting.sudo().write(
            {
                "start": self.meeting.start + timedelta(days=days),
                "stop": self.meeting.stop + timedelta(days=days),
            }
        )


@tagged("post_install", "-at_install")
class TestScreenRoutes(HttpCase, ScreenCase):
    def csrf(self, url):
        return CSRF.search(self.url_open(url).text).group(1)

    def test_projector_token_shows_the_screen_only(self):
        self.meeting.action_live_start()
        token = self.meeting.sudo().screen_token
        response = self.url_open(f"{self.screen_url}?token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_consultation_screen", response.text)
        self.assertIn(self.meeting.topic_ids[0].name, response.text)
        state = self.url_open(f"{self.screen_url}/state?token={token}").json()
        self.assertEqual(state["state"]["topic"]["id"], self.meeting.topic_ids[0].id)
        self.assertNotIn(token, json.dumps(state))
        # The token is no session: the back office and the control page ask for a login.
        for url in (f"{self.control_url}?token={token}", f"/odoo?token={token}"):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)
        self.assertEqual(self.url_open(f"{self.screen_url}?token=guess").status_code, 404)
        other = self.create_meeting(self.topic_a, hours_from_now=0)
        response = self.url_open(f"/consultation/meeting/{other.id}/screen?token={token}")
        self.assertEqual(response.status_code, 404, "a token opens its own meeting only")

    def test_expired_token(self):
        self.meeting.action_live_start()
        token = self.meeting.sudo().screen_token
        self.move_window(-2)
        self.assertEqual(self.url_open(f"{self.screen_url}?token={token}").status_code, 404)
        self.assertEqual(self.url_open(f"{self.screen_url}/state?token={token}").status_code, 404)

    def test_signed_in_screen_and_another_rooms_secretary(self):
        self.authenticate("cs_member", "cs_member")  # 李委员, invited
        self.assertEqual(self.url_open(self.screen_url).status_code, 200)
        self.authenticate("cs_other_secretary", "cs_other_secretary")
        self.assertEqual(self.url_open(self.screen_url).status_code, 404)
        self.assertEqual(self.url_open(self.control_url).status_code, 404)
        self.authenticate(None, None)
        response = self.url_open(self.screen_url, allow_redirects=False)
        self.assertIn("/web/login", response.headers["Location"])

    def test_secretary_drives_from_the_phone(self):
        self.authenticate("cs_secretary", "cs_secretary")
        csrf = self.csrf(self.control_url)
        response = self.url_open(f"{self.control_url}/start", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.meeting.live_running)
        self.sign_in(self.li)
        response = self.url_open(
            f"{self.control_url}/give_floor", data={"csrf_token": csrf, "partner_id": self.li.id}
        )
        self.assertEqual(self.meeting.live_speech_id.partner_id, self.li)
        # Without the CSRF token nothing happens.
        response = self.url_open(f"{self.control_url}/next_topic", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.meeting.live_topic_id, self.meeting.topic_ids[0])
        # A refused action is explained on the page.
        response = self.url_open(f"{self.control_url}/timer_pause", data={"csrf_token": csrf})
        self.assertIn("o_consultation_error", response.text)
        # Another room's secretary cannot drive it.
        self.authenticate("cs_other_secretary", "cs_other_secretary")
        csrf = self.csrf("/my/consultation")
        response = self.url_open(f"{self.control_url}/next_topic", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.meeting.live_topic_id, self.meeting.topic_ids[0])

    def test_participant_asks_for_the_floor_and_votes(self):
        self.meeting.vote_mode = "named"
        self.meeting.action_live_start()
        live_url = f"/my/consultation/meeting/{self.meeting.id}/live"
        self.authenticate("cs_member", "cs_member")
        self.assertIn(self.meeting.name, self.url_open("/my/consultation").text)
        csrf = self.csrf(live_url)
        response = self.url_open(f"{live_url}/floor", data={"csrf_token": csrf})
        self.assertIn("o_consultation_error", response.text, "sign in first")
        self.sign_in(self.li)
        self.url_open(f"{live_url}/floor", data={"csrf_token": csrf})
        self.assertEqual(self.meeting.floor_request_ids.partner_id, self.li)
        self.meeting.action_live_vote_open()
        self.url_open(f"{live_url}/vote", data={"csrf_token": csrf, "choice": "against"})
        response = self.url_open(f"{live_url}/vote", data={"csrf_token": csrf, "choice": "for"})
        self.assertIn("o_consultation_error", response.text, "once per round")
        self.assertEqual(self.meeting.live_vote_id.ballot_ids.mapped("choice"), ["against"])
        # Someone not invited finds no meeting there.
        self.authenticate("cs_other_secretary", "cs_other_secretary")
        self.assertEqual(self.url_open(live_url).status_code, 404)


@tagged("post_install", "-at_install")
class TestScreenBus(WebsocketCase, ScreenCase):
    def setUp(self):
        super().setUp()
        self.meeting.action_live_start()
        self.channel = (self.meeting, "screen")
        self.flush()

    def flush(self):
        """What the test wrote reaches the database the websockets read (the start's
        notification included)."""
        self.env.cr.precommit.run()
        self.env.flush_all()

    def dispatch(self):
        self.flush()
        self.trigger_notification_dispatching(self.meeting._screen_channels())

    def connect(self, login=None):
        """A websocket with its own session (public without `login`)."""
        self.flush()
        session = self.authenticate(login, login)
        # The next connection's session must not end this one (authenticate deletes
        # the previous session).
        self.session = None
        return self.websocket_connect(cookie=f"session_id={session.sid}")

    def receive(self, websocket):
        """The screen states `websocket` received in its next message."""
        return [
            n["message"]["payload"]
            for n in json.loads(websocket.recv())
            if n["message"]["type"] == "consultation.meeting/screen"
        ]

    def assert_nothing(self, websocket):
        websocket.settimeout(0.5)
        with self.assertRaises(WebSocketTimeoutException):
            websocket.recv()

    def test_token_screen_and_participant_receive_each_change(self):
        last = self.env["bus.bus"]._bus_last_id()
        token = self.meeting.sudo().screen_token
        projector = self.connect()
        self.subscribe(projector, [f"consultation.meeting.screen/{self.meeting.id}/{token}"], last)
        phone = self.connect("cs_member")
        self.subscribe(phone, [f"consultation.meeting.screen/{self.meeting.id}"], last)
        self.sign_in(self.li)
        self.dispatch()
        for websocket in (projector, phone):
            self.assertEqual(self.receive(websocket)[-1]["present"], 1)
        steps = [
            (lambda: self.meeting._live_give_floor(self.li), lambda s: s["speaker"]["name"]),
            (self.meeting.action_live_timer_start, lambda s: s["speaker"]["running"]),
            (self.meeting.action_live_vote_open, lambda s: s["vote"]["open"]),
            (
                lambda: self.meeting._live_vote_close(9, 1, 0),
                lambda s: (s["vote"]["open"], s["vote"]["for"]),
            ),
            (self.meeting.action_live_next_topic, lambda s: s["topic"]["id"]),
            (self.meeting.action_live_end, lambda s: s["ended"]),
        ]
        expected = [
            self.li.name,
            True,
            True,
            (False, 9),
            self.meeting.topic_ids[1].id,
            True,
        ]
        for (step, read), value in zip(steps, expected, strict=True):
            step()
            self.dispatch()
            for websocket in (projector, phone):
                self.assertEqual(read(self.receive(websocket)[-1]), value)

    def test_no_channel_without_a_valid_token_or_access(self):
        last = self.env["bus.bus"]._bus_last_id()
        token = self.meeting.sudo().screen_token
        guess = self.connect()
        self.subscribe(guess, [f"consultation.meeting.screen/{self.meeting.id}/wrong"], last)
        bare = self.connect()
        self.subscribe(bare, [f"consultation.meeting.screen/{self.meeting.id}"], last)
        outsider = self.connect("cs_other_secretary")
        self.subscribe(outsider, [f"consultation.meeting.screen/{self.meeting.id}"], last)
        other = self.create_meeting(self.topic_a, hours_from_now=0)
        wrong_meeting = self.connect()
        self.subscribe(wrong_meeting, [f"consultation.meeting.screen/{other.id}/{token}"], last)
        self.meeting.action_live_next_topic()
        self.dispatch()
        for websocket in (guess, bare, outsider, wrong_meeting):
            self.assert_nothing(websocket)

    def test_a_new_link_silences_the_old_one_at_once(self):
        last = self.env["bus.bus"]._bus_last_id()
        old = self.meeting.sudo().screen_token
        projector = self.connect()
        self.subscribe(projector, [f"consultation.meeting.screen/{self.meeting.id}/{old}"], last)
        self.meeting.action_live_next_topic()
        self.dispatch()
        self.assertTrue(self.receive(projector))
        # The secretary makes a new link: the screen still connected with the old one
        # gets nothing more, the new one does.
        self.meeting.action_live_new_token()
        new = self.meeting.sudo().screen_token
        fresh = self.connect()
        self.subscribe(fresh, [f"consultation.meeting.screen/{self.meeting.id}/{new}"], last)
        self.meeting._live_notify()
        self.flush()
        old_channel = (self.meeting, self.meeting._screen_token_channel(old))
        self.trigger_notification_dispatching([*self.meeting._screen_channels(), old_channel])
        self.assertTrue(self.receive(fresh))
        # Not assertRaises: its savepoint would race the websocket's use of the cursor.
        projector.settimeout(0.5)
        with contextlib.suppress(WebSocketTimeoutException):
            projector.recv()
            self.fail("The screen of the old link received the state.")

    def test_expired_token_subscribes_to_nothing(self):
        last = self.env["bus.bus"]._bus_last_id()
        token = self.meeting.sudo().screen_token
        self.move_window(-2)
        self.flush()
        late = self.connect()
        self.subscribe(late, [f"consultation.meeting.screen/{self.meeting.id}/{token}"], last)
        self.meeting._live_notify()
        self.dispatch()
        self.assert_nothing(late)

    def test_reconnect_catches_up_from_the_last_bus_id(self):
        token = self.meeting.sudo().screen_token
        channel = f"consultation.meeting.screen/{self.meeting.id}/{token}"
        screen = self.connect()
        self.sign_in(self.li)
        self.subscribe(screen, [channel], self.env["bus.bus"]._bus_last_id())
        self.meeting._live_give_floor(self.li)
        self.dispatch()
        received = json.loads(screen.recv())
        last = received[-1]["id"]
        screen.close()
        # Offline: two changes the screen misses.
        self.meeting.action_live_timer_start()
        self.meeting.action_live_next_topic()
        self.flush()
        screen = self.connect()
        self.subscribe(screen, [channel], last, wait_for_dispatch=False)
        missed = json.loads(screen.recv())
        self.assertEqual(len(missed), 2)
        self.assertTrue(all(n["id"] > last for n in missed))
        state = missed[-1]["message"]["payload"]
        self.assertEqual(state["topic"]["id"], self.meeting.topic_ids[1].id)
        self.assertFalse(state["speaker"], "the floor closes with the topic")


@tagged("post_install", "-at_install")
class TestScreenTour(WebsocketCase, ScreenCase):
    def test_screen_applies_a_bus_message_without_reload(self):
        self.meeting.action_live_start()
        # The bus does not wake the websockets under the test cursor (no NOTIFY on a
        # commit that never happens): wake the meeting's screens as PostgreSQL would.
        key = hashable(channel_with_db(self.env.cr.dbname, (self.meeting, "screen")))
        stop = threading.Event()

        def pump():
            while not stop.wait(0.2):
                for websocket in list(dispatch._channels_to_ws.get(key, ())):
                    websocket.trigger_notification_dispatching()

        thread = threading.Thread(target=pump, daemon=True)
        thread.start()
        try:
            self.start_tour(
                self.screen_url, "consultation_meeting_screen_tour", login="cs_secretary"
            )
        finally:
            stop.set()
            thread.join()
        self.assertEqual(self.meeting.live_topic_id, self.meeting.topic_ids[1])
