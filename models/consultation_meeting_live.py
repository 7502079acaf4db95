"""The meeting while it runs (会场大屏): the agenda as it is worked through, the floor,
the speaker's timer, the vote, and the notifications every open screen applies."""

import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .consultation_meeting_speech import spoken_time

# The projector's link opens from an hour before the meeting to an hour after it.
SCREEN_TOKEN_MARGIN = timedelta(hours=1)
# The bus channel of a meeting's screens: (meeting, SCREEN_CHANNEL); a client names it
# "consultation.meeting.screen/<id>" (signed-in) or ".../<id>/<token>" (the projector).
SCREEN_CHANNEL = "screen"
SCREEN_CHANNEL_PREFIX = "consultation.meeting.screen/"
SCREEN_NOTIFICATION = "consultation.meeting/screen"
# Written only by the live actions, which check where the meeting is.
LIVE_FIELDS = (
    "live_started",
    "live_topic_id",
    "live_topic_started",
    "live_speech_id",
    "timer_started",
    "timer_elapsed",
    "screen_token",
)


def shorten(text, size):
    """`text` on one line, cut at `size` characters (Chinese has no spaces to cut at)."""
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


class ConsultationMeeting(models.Model):
    _inherit = "consultation.meeting"
    _guarded_fields = ("state", *LIVE_FIELDS)

    speaker_minutes = fields.Integer(
        "Minutes per Speaker",
        default=3,
        help="Speaking time of each speaker, counted down on the meeting screen.",
    )
    vote_mode = fields.Selection(
        [("tally", "Tally by the Secretary"), ("named", "Named Votes of Signed-in Participants")],
        default="tally",
        required=True,
        help="How the meeting votes: the secretary enters the count of hands, or each"
        " participant signed in votes once per round on their phone.",
    )
    live_started = fields.Datetime("Started in the Room", readonly=True, copy=False)
    live_topic_id = fields.Many2one(
        "consultation.topic", "Current Topic", readonly=True, copy=False
    )
    live_topic_started = fields.Datetime(readonly=True, copy=False)
    live_speech_id = fields.Many2one(
        "consultation.meeting.speech", "Current Speaker", readonly=True, copy=False
    )
    # The countdown is computed from these two, never ticked by a cron: seconds spoken
    # before the current run of the timer, and when that run began (empty when paused).
    timer_started = fields.Datetime(readonly=True, copy=False)
    timer_elapsed = fields.Integer(readonly=True, copy=False)
    timer_running = fields.Boolean(compute="_compute_timer")
    timer_remaining = fields.Integer("Seconds Left", compute="_compute_timer")
    live_running = fields.Boolean(compute="_compute_live_running")
    screen_token = fields.Char(
        readonly=True, copy=False, groups="consultation.group_consultation_secretary"
    )
    screen_projector_url = fields.Char(
        "Projector Link",
        compute="_compute_screen_projector_url",
        groups="consultation.group_consultation_secretary",
        help="Open it in the projector's browser: it shows the meeting screen only, from an"
        " hour before the meeting to an hour after it.",
    )
    speech_ids = fields.One2many(
        "consultation.meeting.speech", "meeting_id", string="Speakers", readonly=True
    )
    vote_ids = fields.One2many(
        "consultation.meeting.vote", "meeting_id", string="Votes", readonly=True
    )
    floor_request_ids = fields.One2many(
        "consultation.meeting.floor.request",
        "meeting_id",
        string="Asked for the Floor",
        readonly=True,
    )
    live_vote_id = fields.Many2one(
        "consultation.meeting.vote", "Open Vote", compute="_compute_live_vote_id"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("timer_started", "timer_elapsed", "speaker_minutes", "live_speech_id")
    def _compute_timer(self):
        now = fields.Datetime.now()
        for meeting in self:
            meeting.timer_running = bool(meeting.timer_started)
            meeting.timer_remaining = (
                meeting.speaker_minutes * 60 - meeting._timer_spoken(now)
                if meeting.live_speech_id
                else 0
            )

    @api.depends("screen_token")
    def _compute_screen_projector_url(self):
        for meeting in self:
            meeting.screen_projector_url = meeting.screen_token and (
                f"{meeting.get_base_url()}{meeting._screen_url()}?token={meeting.screen_token}"
            )

    @api.depends("live_started", "state")
    def _compute_live_running(self):
        for meeting in self:
            meeting.live_running = bool(meeting.live_started) and meeting.state == "scheduled"

    @api.depends("vote_ids.state")
    def _compute_live_vote_id(self):
        for meeting in self:
            meeting.live_vote_id = meeting.vote_ids.filtered(lambda v: v.state == "open")[:1]

    def _timer_spoken(self, now):
        """Seconds the current speaker has spoken, the running period included."""
        self.ensure_one()
        running = int((now - self.timer_started).total_seconds()) if self.timer_started else 0
        return self.timer_elapsed + running

    @api.constrains("speaker_minutes")
    def _check_speaker_minutes(self):
        for meeting in self:
            if not 1 <= meeting.speaker_minutes <= 60:
                raise UserError(_("Each speaker speaks between 1 and 60 minutes."))

    # ------------------------------------------------------------------
    # The live actions (buttons of the form and of the control page)
    # ------------------------------------------------------------------
    def _check_live(self):
        self._check_state(
            ("scheduled",), _("The meeting is driven from its screen while it is scheduled.")
        )
        for meeting in self:
            if not meeting.live_started:
                raise UserError(
                    _(
                        "“%(meeting)s” has not started in the room: press “Start Meeting” first.",
                        meeting=meeting.display_name,
                    )
                )

    def action_live_start(self):
        """开始会议: the sitting opens on the first topic. The meeting stays scheduled
        until “End Meeting” records it as held."""
        self._check_state(("scheduled",), _("Only a scheduled meeting starts in the room."))
        self._check_agenda()
        for meeting in self:
            if meeting.live_started:
                raise UserError(
                    _("“%(meeting)s” has already started.", meeting=meeting.display_name)
                )
            company = meeting.company_id or self.env.company
            tz = company._consultation_tz()
            day = fields.Datetime.context_timestamp(meeting.with_context(tz=tz.zone), meeting.start)
            today = company._consultation_today()
            if day.date() != today:
                raise UserError(
                    _(
                        "“%(meeting)s” is scheduled for %(day)s: it starts in the room on that"
                        " day (today is %(today)s).",
                        meeting=meeting.display_name,
                        day=company._consultation_dates().date(day.date()),
                        today=company._consultation_dates().date(today),
                    )
                )
        self._check_participants_confirmed()
        now = fields.Datetime.now()
        for meeting in self:
            meeting._set_state(
                {
                    "live_started": now,
                    "live_topic_id": meeting.topic_ids[:1].id,
                    "live_topic_started": now,
                }
            )
            if not meeting.sudo().screen_token:
                meeting._set_state({"screen_token": secrets.token_urlsafe(24)})
            meeting.message_post(
                body=_("The meeting started in the room."), subtype_xmlid="mail.mt_note"
            )
        self._live_notify()
        return True

    def action_live_next_topic(self):
        """下一议题: the time of the topic is kept on its conclusion row."""
        self._check_live()
        for meeting in self:
            if meeting.live_vote_id:
                raise UserError(_("Close the vote on the current topic before moving on."))
            agenda = meeting.topic_ids
            index = (
                list(agenda).index(meeting.live_topic_id) if meeting.live_topic_id in agenda else -1
            )
            if index + 1 >= len(agenda):
                raise UserError(
                    _(
                        "“%(topic)s” is the last topic of the agenda: end the meeting when it"
                        " is deliberated.",
                        topic=meeting.live_topic_id.name,
                    )
                )
            meeting._live_close_topic()
            meeting._set_state(
                {"live_topic_id": agenda[index + 1].id, "live_topic_started": fields.Datetime.now()}
            )
        self._live_notify()
        return True

    def action_live_give_floor(self):
        """请发言: choose the speaker among the attendees and those who asked."""
        self._check_live()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Give the Floor"),
            "res_model": "consultation.meeting.floor.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }

    def _live_give_floor(self, partner):
        """`partner` speaks now on the current topic; the previous speaker's time is
        kept. The timer waits for “Start Timer”."""
        self._check_live()
        self.ensure_one()
        self.check_access("write")
        if partner not in self._live_may_speak():
            raise UserError(
                _(
                    "%(person)s is neither on the sign-in sheet of “%(meeting)s” nor among"
                    " those who asked for the floor.",
                    person=partner.name,
                    meeting=self.display_name,
                )
            )
        self._live_close_speech()
        speech = (
            self.env["consultation.meeting.speech"]
            .sudo()
            .create(
                {
                    "meeting_id": self.id,
                    "topic_id": self.live_topic_id.id,
                    "partner_id": partner.id,
                    "start": fields.Datetime.now(),
                }
            )
        )
        self.floor_request_ids.sudo().filtered(
            lambda r: r.state == "waiting" and r.partner_id == partner
        ).write({"state": "given", "speech_id": speech.id})
        self._set_state({"live_speech_id": speech.id, "timer_started": False, "timer_elapsed": 0})
        self._live_notify()
        return speech

    def _live_may_speak(self):
        self.ensure_one()
        waiting = self.floor_request_ids.filtered(lambda r: r.state == "waiting")
        present = self.sudo().attendance_ids.filtered(lambda a: a.state == "attended")
        return present.partner_id | waiting.partner_id

    def _check_signed_in(self, partner):
        """Participants ask for the floor and vote once they have signed in."""
        self.ensure_one()
        row = self.sudo().attendance_ids.filtered(lambda a: a.partner_id == partner)
        if not row or row.state != "attended":
            raise UserError(
                _(
                    "Sign in to “%(meeting)s” first (scan the QR code of the sign-in sheet):"
                    " only participants signed in ask for the floor and vote.",
                    meeting=self.display_name,
                )
            )

    def action_live_timer_start(self):
        self._check_live()
        for meeting in self:
            if not meeting.live_speech_id:
                raise UserError(_("Give the floor to someone before starting the timer."))
            if meeting.timer_started:
                raise UserError(_("The timer is already running."))
            meeting._set_state({"timer_started": fields.Datetime.now()})
        self._live_notify()
        return True

    def action_live_timer_pause(self):
        self._check_live()
        now = fields.Datetime.now()
        for meeting in self:
            if not meeting.timer_started:
                raise UserError(_("The timer is not running."))
            meeting._set_state(
                {"timer_elapsed": meeting._timer_spoken(now), "timer_started": False}
            )
        self._live_notify()
        return True

    def action_live_vote_open(self):
        """开始表决 on the current topic: a new round (a closed round is final; a
        correction is the next round, recorded beside it)."""
        self._check_live()
        self.check_access("write")
        Vote = self.env["consultation.meeting.vote"].sudo()
        for meeting in self:
            if meeting.live_vote_id:
                raise UserError(_("A vote is already open: close it first."))
            rounds = meeting.vote_ids.filtered(lambda v, m=meeting: v.topic_id == m.live_topic_id)
            Vote.create(
                {
                    "meeting_id": meeting.id,
                    "topic_id": meeting.live_topic_id.id,
                    "round": len(rounds) + 1,
                    "mode": meeting.vote_mode,
                    "date_open": fields.Datetime.now(),
                }
            )
        self.invalidate_recordset(["vote_ids", "live_vote_id"])
        self._live_notify()
        return True

    def action_live_vote_close(self):
        """结束表决: named votes are counted from the ballots; a tally is entered by the
        secretary in the dialog this opens."""
        self._check_live()
        self.ensure_one()
        vote = self.live_vote_id
        if not vote:
            raise UserError(_("No vote is open on “%(meeting)s”.", meeting=self.display_name))
        if vote.mode == "tally":
            return {
                "type": "ir.actions.act_window",
                "name": _("Close the Vote"),
                "res_model": "consultation.meeting.tally.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_meeting_id": self.id},
            }
        self._live_vote_close()
        return True

    def _live_vote_close(self, votes_for=0, votes_against=0, votes_abstain=0):
        """Close the open vote; the counts of a tally are given, named votes counted.
        The topic's conclusion row takes the last round's counts."""
        self._check_live()
        self.ensure_one()
        self.check_access("write")
        vote = self.live_vote_id.sudo()
        if not vote or not vote._lock_open():
            raise UserError(_("No vote is open on “%(meeting)s”.", meeting=self.display_name))
        if vote.mode == "named":
            counts = vote._ballot_counts()
        else:
            counts = (votes_for, votes_against, votes_abstain)
        if min(counts) < 0:
            raise UserError(_("Votes cannot be negative."))
        vote._close(*counts)
        result = self.sudo().result_ids.filtered(lambda r: r.topic_id == vote.topic_id)
        result.write(
            {"votes_for": counts[0], "votes_against": counts[1], "votes_abstain": counts[2]}
        )
        self.invalidate_recordset(["vote_ids", "live_vote_id"])
        self._live_notify()
        return vote

    def action_live_end(self):
        """结束会议: the speaking and topic times are kept, then the meeting is recorded
        as held with every check of “Held” (and its draft minutes, which list them)."""
        self._check_live()
        for meeting in self:
            if meeting.live_vote_id:
                raise UserError(_("Close the open vote before ending the meeting."))
            meeting._live_close_topic()
            meeting._set_state(
                {
                    "live_topic_id": False,
                    "live_topic_started": False,
                }
            )
        self.action_hold()
        self._live_notify()
        return True

    def action_live_new_token(self):
        """A new projector link; the old one stops working at once."""
        self.check_access("write")
        for meeting in self:
            meeting._set_state({"screen_token": secrets.token_urlsafe(24)})
        return True

    def action_live_open_screen(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self._screen_url(), "target": "new"}

    def _screen_url(self):
        return f"/consultation/meeting/{self.id}/screen"

    def _live_close_speech(self):
        """The current speaker's time is kept on their speech."""
        now = fields.Datetime.now()
        for meeting in self.filtered("live_speech_id"):
            meeting.live_speech_id.sudo().duration = meeting._timer_spoken(now)
            meeting._set_state(
                {"live_speech_id": False, "timer_started": False, "timer_elapsed": 0}
            )

    def _live_close_topic(self):
        """The current topic's time adds to its conclusion row (a topic may be taken
        up twice)."""
        self._live_close_speech()
        now = fields.Datetime.now()
        for meeting in self.filtered(lambda m: m.live_topic_id and m.live_topic_started):
            result = meeting.sudo().result_ids.filtered(
                lambda r, m=meeting: r.topic_id == m.live_topic_id
            )
            result.live_seconds += int((now - meeting.live_topic_started).total_seconds())

    @api.model
    def _live_meetings_of(self, partner):
        """The meetings running now in a room that `partner` is invited to."""
        return self.sudo().search(
            [
                ("partner_ids", "in", partner.ids),
                ("state", "=", "scheduled"),
                ("live_started", "!=", False),
            ]
        )


class ConsultationMeetingResult(models.Model):
    _inherit = "consultation.meeting.result"

    live_seconds = fields.Integer(
        "Seconds Deliberated", readonly=True, help="Time the topic took in the room."
    )

    live_duration_display = fields.Char("Time Taken", compute="_compute_live_duration_display")

    @api.depends("live_seconds")
    @api.depends_context("lang")
    def _compute_live_duration_display(self):
        for result in self:
            result.live_duration_display = spoken_time(self.env, result.live_seconds)

    def _live_minutes_line(self):
        self.ensure_one()
        return self.env._(
            "%(topic)s: %(duration)s", topic=self.topic_id.name, duration=self.live_duration_display
        )


class ConsultationMeetingAttendance(models.Model):
    _inherit = "consultation.meeting.attendance"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            # 应到/实到 on the screens as people sign in.
            self.meeting_id.filtered("live_running")._live_notify()
        return res


class ConsultationOpinion(models.Model):
    _inherit = "consultation.opinion"

    @api.model_create_multi
    def create(self, vals_list):
        opinions = super().create(vals_list)
        opinions._live_notify_screens()
        return opinions

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self._live_notify_screens()
        return res

    def _live_notify_screens(self):
        """Moderated opinions reach the screens of the meetings on their topics."""
        accepted = self.sudo().filtered(lambda o: o.state == "accepted")
        if not accepted:
            return
        meetings = accepted.meeting_id | accepted.topic_id.meeting_ids
        meetings.filtered("live_running")._live_notify()
