"""The meeting screen's side of a meeting: the projector's link, who sees the screen,
and the state every screen shows, sent over the bus."""

import hashlib
from datetime import UTC

from odoo import api, fields, models
from odoo.tools import consteq, html2plaintext

from .consultation_meeting_live import (
    SCREEN_CHANNEL,
    SCREEN_NOTIFICATION,
    SCREEN_TOKEN_MARGIN,
    shorten,
)


class ConsultationMeeting(models.Model):
    _inherit = "consultation.meeting"

    # ------------------------------------------------------------------
    # The projector's token
    # ------------------------------------------------------------------
    @api.model
    def _screen_by_token(self, meeting_id, token):
        """The meeting whose projector link this is, while the link is valid (an hour
        before to an hour after the meeting), else an empty recordset."""
        meeting = self.sudo().browse(int(meeting_id)).exists()
        if not (meeting and token and meeting.screen_token):
            return self.browse()
        if not consteq(meeting.screen_token, str(token)):
            return self.browse()
        now = fields.Datetime.now()
        if not meeting.start - SCREEN_TOKEN_MARGIN <= now <= meeting.stop + SCREEN_TOKEN_MARGIN:
            return self.browse()
        return meeting

    def _screen_readable_by(self, user):
        """Signed-in users who see the screen: those who read the meeting (its room's
        secretaries and conveners, the office) and its invitees."""
        self.ensure_one()
        # A websocket without a session has no user at all.
        if not user or user._is_public():
            return False
        meeting = self.sudo()
        if user.partner_id in meeting.partner_ids and meeting.state not in ("draft", "cancelled"):
            return True
        return self.with_user(user).has_access("read")

    # ------------------------------------------------------------------
    # The screen's state and its notifications
    # ------------------------------------------------------------------
    def _live_notify(self):
        """Every open screen of the meetings gets their whole state (a screen that
        missed messages needs only the last one)."""
        Bus = self.env["bus.bus"].sudo()
        for meeting in self:
            state = meeting._screen_state()
            for channel in meeting._screen_channels():
                Bus._sendone(channel, SCREEN_NOTIFICATION, state)

    def _screen_channels(self):
        """The bus channels of the meeting's screens: one for the signed-in users who
        see it, one for the current projector link. A new link leaves the screen of the
        old one without messages at once, not only at its next reconnection."""
        self.ensure_one()
        channels = [(self, SCREEN_CHANNEL)]
        token = self.sudo().screen_token
        if token:
            channels.append((self, self._screen_token_channel(token)))
        return channels

    @api.model
    def _screen_token_channel(self, token):
        # Named after a digest of the link, never the link itself (channels are logged).
        return f"{SCREEN_CHANNEL}:{hashlib.sha256(token.encode()).hexdigest()[:16]}"

    def _screen_state(self):
        """What the screen shows, in the organisation's language: it stores nothing the
        meeting does not."""
        self.ensure_one()
        meeting = self.sudo().with_context(lang=self.company_id._consultation_lang())
        env = meeting.env
        now = fields.Datetime.now()
        dates = meeting.company_id._consultation_dates()
        # The people of the screen in one read each: speakers, queue (no query per row).
        speeches, requests = meeting.speech_ids, meeting.floor_request_ids
        (speeches.partner_id | requests.partner_id).mapped("name")
        speech = meeting.live_speech_id
        opinions = meeting.opinion_ids.filtered(lambda o: o.state == "accepted")
        opinions |= env["consultation.opinion"].search(
            [
                ("topic_id", "in", meeting.topic_ids.ids),
                ("state", "=", "accepted"),
                ("channel", "in", ("online", "written")),
            ],
            order="id desc",
            limit=20,
        )
        channels = dict(env["consultation.opinion"]._fields["channel"]._description_selection(env))
        topic = meeting.live_topic_id
        seconds = {r.topic_id: r.live_seconds for r in meeting.result_ids}
        return {
            "id": meeting.id,
            # The server's clock when the state was made (ms): the screen counts the
            # speaker's time down from it, also on a message the bus delivers late.
            "sent_at": int(now.replace(tzinfo=UTC).timestamp() * 1000),
            "title": meeting.name,
            "code": meeting.code,
            "room": meeting.room_id.name,
            "time": dates.span(meeting.start, meeting.stop),
            "location": meeting.location or "",
            "state": meeting.state,
            "started": bool(meeting.live_started),
            "ended": meeting.state != "scheduled" and bool(meeting.live_started),
            "agenda": [
                {
                    "id": t.id,
                    "name": t.name,
                    "code": t.code or "",
                    "current": t == topic,
                    "seconds": seconds.get(t, 0),
                }
                for t in meeting.topic_ids
            ],
            "topic": meeting._screen_topic(),
            "speaker": meeting._screen_speaker(now),
            "queue": [r.partner_id.name for r in requests.filtered(lambda r: r.state == "waiting")],
            "speakers": [
                {
                    "name": s.partner_id.name,
                    "topic": s.topic_id.name,
                    "duration": s.duration_display,
                }
                for s in speeches
                if s != speech
            ][-5:],
            "expected": meeting.invited_count,
            "present": meeting.attended_count,
            "opinions": [
                {
                    "id": o.id,
                    "author": o.partner_id.name or o.author_name or env._("Anonymous"),
                    "channel": channels.get(o.channel, ""),
                    "content": shorten(o.content or "", 200),
                }
                for o in opinions.sorted("id", reverse=True)[:8]
            ],
            "vote": meeting._screen_vote(),
        }

    def _screen_topic(self):
        """The current topic in short: its background and research findings."""
        topic = self.live_topic_id
        if not topic:
            return False
        return {
            "id": topic.id,
            "name": topic.name,
            "background": shorten(html2plaintext(topic.description or ""), 240),
            "findings": [
                shorten(html2plaintext(r.findings or ""), 160)
                for r in topic.research_ids
                if r.findings
            ][:3],
        }

    def _screen_speaker(self, now):
        speech = self.live_speech_id
        if not speech:
            return False
        return {
            "name": speech.partner_id.name,
            "seconds": self.speaker_minutes * 60,
            "remaining": self.speaker_minutes * 60 - self._timer_spoken(now),
            "running": bool(self.timer_started),
        }

    def _screen_vote(self):
        """The last round on the current topic, counted as it stands."""
        vote = self.vote_ids.filtered(lambda v: v.topic_id == self.live_topic_id)[-1:]
        if not vote:
            return False
        if vote.state == "closed":
            counts = (vote.votes_for, vote.votes_against, vote.votes_abstain)
        else:
            counts = vote._ballot_counts()
        return {
            "id": vote.id,
            "round": vote.round,
            "mode": vote.mode,
            "open": vote.state == "open",
            "for": counts[0],
            "against": counts[1],
            "abstain": counts[2],
            "ballots": len(vote.ballot_ids),
        }
