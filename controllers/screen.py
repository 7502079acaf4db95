"""The meeting screen (会场大屏), the secretary's control page and the participants'
phone page: each route checks who asks, then calls one action of the meeting."""

import json

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.consultation.models.consultation_meeting_live import SCREEN_CHANNEL_PREFIX
from odoo.exceptions import AccessError, UserError
from odoo.http import request

# The control page's buttons: each calls one action of the meeting as the signed-in user.
CONTROL_ACTIONS = {
    "start": "action_live_start",
    "next_topic": "action_live_next_topic",
    "timer_start": "action_live_timer_start",
    "timer_pause": "action_live_timer_pause",
    "vote_open": "action_live_vote_open",
    "end": "action_live_end",
}


def _int(value):
    return int(value) if str(value or "").isdigit() else 0


class ConsultationMeetingScreen(http.Controller):
    def _screen_meeting(self, meeting_id, token=None):
        """The meeting and the bus channel its screen subscribes with: by the
        projector's token while valid, else for a signed-in user who sees it; 404
        otherwise (ids of other meetings do not leak)."""
        Meeting = request.env["consultation.meeting"]
        if token:
            meeting = Meeting._screen_by_token(meeting_id, token)
            if not meeting:
                raise NotFound()
            return meeting, f"{SCREEN_CHANNEL_PREFIX}{meeting.id}/{token}"
        meeting = Meeting.sudo().browse(meeting_id).exists()
        if not meeting or not meeting._screen_readable_by(request.env.user):
            raise NotFound()
        return meeting, f"{SCREEN_CHANNEL_PREFIX}{meeting.id}"

    @http.route("/consultation/meeting/<int:meeting_id>/screen", type="http", auth="public")
    def screen(self, meeting_id, token=None, **kw):
        if not token and request.env.user._is_public():
            return request.redirect(
                f"/web/login?redirect=/consultation/meeting/{meeting_id}/screen", local=True
            )
        meeting, channel = self._screen_meeting(meeting_id, token)
        config = {
            "channel": channel,
            "last": request.env["bus.bus"].sudo()._bus_last_id(),
            "state": meeting._screen_state(),
            "stateUrl": f"/consultation/meeting/{meeting.id}/screen/state"
            + (f"?token={token}" if token else ""),
            "websocketUrl": f"/websocket?version={WebsocketConnectionHandler._VERSION}",
        }
        # The room reads the screen in the organisation's language, whoever opens it.
        lang = meeting.company_id._consultation_lang()
        request.update_context(lang=lang)
        response = request.render(
            "consultation.meeting_screen",
            {
                "meeting": meeting,
                "config": json.dumps(config, ensure_ascii=False),
                "html_lang": lang.replace("_", "-"),
            },
        )
        # The projector's link is a secret: not sent on to other sites.
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @http.route(
        "/consultation/meeting/<int:meeting_id>/screen/state",
        type="http",
        auth="public",
        methods=["GET"],
    )
    def screen_state(self, meeting_id, token=None, **kw):
        """The whole state, for a screen catching up."""
        meeting, _channel = self._screen_meeting(meeting_id, token)
        return request.make_json_response(
            {
                "state": meeting._screen_state(),
                "last": request.env["bus.bus"].sudo()._bus_last_id(),
            }
        )

    # ------------------------------------------------------------------
    # The secretary's control page
    # ------------------------------------------------------------------
    def _controlled_meeting(self, meeting_id):
        """The meeting if the signed-in user may drive it (change it), else 404."""
        meeting = request.env["consultation.meeting"].browse(meeting_id)
        try:
            meeting = meeting.exists()
            if not meeting:
                raise NotFound()
            meeting.check_access("write")
        except AccessError:
            raise NotFound() from None
        return meeting

    def _render_control(self, meeting, error=None):
        return request.render(
            "consultation.meeting_control",
            {
                "meeting": meeting,
                "state": meeting._screen_state(),
                "candidates": meeting._live_may_speak(),
                "error": error,
            },
        )

    @http.route(
        "/consultation/meeting/<int:meeting_id>/control",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def control(self, meeting_id, **kw):
        return self._render_control(self._controlled_meeting(meeting_id))

    @http.route(
        "/consultation/meeting/<int:meeting_id>/control/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def control_action(self, meeting_id, action, **post):
        meeting = self._controlled_meeting(meeting_id)
        error = None
        try:
            if action in CONTROL_ACTIONS:
                getattr(meeting, CONTROL_ACTIONS[action])()
            elif action == "give_floor":
                partner = request.env["res.partner"].sudo().browse(_int(post.get("partner_id")))
                meeting._live_give_floor(partner.exists())
            elif action == "vote_close":
                meeting._live_vote_close(
                    _int(post.get("votes_for")),
                    _int(post.get("votes_against")),
                    _int(post.get("votes_abstain")),
                )
            else:
                raise NotFound()
        except UserError as exc:
            request.env.cr.rollback()
            error = exc.args[0]
        if error:
            return self._render_control(meeting, error=error)
        return request.redirect(f"/consultation/meeting/{meeting.id}/control")


class ConsultationMeetingParticipant(http.Controller):
    """/my/consultation/meeting/<id>/live: a participant signed in at the meeting asks
    for the floor and votes from their phone."""

    def _live_meeting(self, meeting_id):
        meeting = request.env["consultation.meeting"].sudo().browse(meeting_id).exists()
        if (
            not meeting
            or request.env.user.partner_id not in meeting.partner_ids
            or meeting.state in ("draft", "cancelled")
        ):
            raise NotFound()
        return meeting

    def _render_live(self, meeting, error=None, done=None):
        partner = request.env.user.partner_id
        vote = meeting.live_vote_id
        return request.render(
            "consultation.portal_meeting_live",
            {
                "meeting": meeting,
                "state": meeting._screen_state(),
                "waiting": meeting.floor_request_ids.filtered(
                    lambda r: r.state == "waiting" and r.partner_id == partner
                ),
                "vote": vote if vote.mode == "named" else vote.browse(),
                "voted": vote.ballot_ids.filtered(lambda b: b.partner_id == partner),
                "error": error,
                "done": done,
                "page_name": "consultation",
            },
        )

    @http.route(
        "/my/consultation/meeting/<int:meeting_id>/live",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def live(self, meeting_id, **kw):
        return self._render_live(self._live_meeting(meeting_id))

    @http.route(
        "/my/consultation/meeting/<int:meeting_id>/live/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def live_action(self, meeting_id, action, **post):
        meeting = self._live_meeting(meeting_id)
        partner = request.env.user.partner_id
        try:
            if action == "floor":
                request.env["consultation.meeting.floor.request"]._ask(meeting, partner)
            elif action == "withdraw":
                meeting.floor_request_ids.filtered(
                    lambda r: r.state == "waiting" and r.partner_id == partner
                )._withdraw()
            elif action == "vote":
                request.env["consultation.meeting.ballot"]._cast(
                    meeting, partner, post.get("choice")
                )
            else:
                raise NotFound()
        except UserError as exc:
            request.env.cr.rollback()
            return self._render_live(meeting, error=exc.args[0])
        return self._render_live(meeting, done=action)
