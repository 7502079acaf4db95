"""Who spoke at a meeting, on which topic, and for how long."""

from odoo import api, fields, models


def spoken_time(env, seconds):
    """`seconds` as the minutes print them (“3 分 20 秒”): a speech, a topic's time."""
    minutes, seconds = divmod(max(seconds or 0, 0), 60)
    return env._("%(minutes)s min %(seconds)s s", minutes=minutes, seconds=seconds)


class ConsultationMeetingSpeech(models.Model):
    """One turn at the floor (发言), in the order given; kept with the meeting and
    listed in its draft minutes. Written by the meeting's live actions only."""

    _name = "consultation.meeting.speech"
    _description = "Meeting Speech"
    _order = "meeting_id, start, id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    topic_id = fields.Many2one("consultation.topic", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", "Speaker", required=True, ondelete="restrict")
    start = fields.Datetime(required=True)
    duration = fields.Integer("Seconds Spoken", help="Time the speaker's timer ran.")
    duration_display = fields.Char("Speaking Time", compute="_compute_duration_display")

    @api.depends("duration")
    @api.depends_context("lang")
    def _compute_duration_display(self):
        for speech in self:
            speech.duration_display = spoken_time(self.env, speech.duration)

    def _minutes_line(self):
        """The speech as the draft minutes list it (a whole sentence, so that a
        translation places its own brackets)."""
        self.ensure_one()
        return self.env._(
            "%(speaker)s (%(topic)s, %(duration)s)",
            speaker=self.partner_id.name,
            topic=self.topic_id.name,
            duration=self.duration_display,
        )
