"""The meeting screens' subscriptions to the bus."""

from odoo import models

from .consultation_meeting_live import SCREEN_CHANNEL, SCREEN_CHANNEL_PREFIX


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """A screen asks for "consultation.meeting.screen/<id>" (signed in: the users
        who see the screen) or "…/<id>/<token>" (the projector's link, while valid). It
        gets the meeting's channel, which no client can name itself; a request that
        fails its check gets nothing."""
        Meeting = self.env["consultation.meeting"]
        kept = []
        for channel in channels:
            if not (isinstance(channel, str) and channel.startswith(SCREEN_CHANNEL_PREFIX)):
                kept.append(channel)
                continue
            meeting_id, _sep, token = channel[len(SCREEN_CHANNEL_PREFIX) :].partition("/")
            if not meeting_id.isdigit():
                continue
            if token:
                meeting = Meeting._screen_by_token(int(meeting_id), token)
                name = Meeting._screen_token_channel(token)
            else:
                meeting = Meeting.sudo().browse(int(meeting_id)).exists()
                if meeting and not meeting._screen_readable_by(self.env.user):
                    meeting = Meeting
                name = SCREEN_CHANNEL
            if meeting:
                kept.append((meeting.sudo(), name))
        return super()._build_bus_channel_list(kept)
