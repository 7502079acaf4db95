"""The public notice board and residents' pages, on the website and the portal."""

import hashlib

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.consultation.models.consultation_portal_submission import (
    warn_if_behind_proxy_without_proxy_mode,
)
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

PAGE_SIZE = 20


def check_post(post, required):
    """The portal's intake rules (size, required fields, hourly limit) for a post from
    this client; only a digest of its address is kept."""
    warn_if_behind_proxy_without_proxy_mode(request.httprequest)
    address = request.httprequest.remote_addr or "unknown"
    client = hashlib.sha256(address.encode()).hexdigest()
    # As superuser: a visitor has no right on the intake counters; only a digest of their
    # address is kept.
    return request.env["consultation.portal.submission"].sudo()._check_post(post, required, client)


class ConsultationPublic(http.Controller):
    """The public notice board (/consultation): each route parses the request, calls
    one model method (which decides what is public and what a post may do), renders."""

    def _public_topic(self, topic_id):
        """The topic if it is public, else 404: ids of unpublished topics do not leak."""
        Topic = request.env["consultation.topic"]
        # As superuser: visitors have no right on topics; the public domain keeps to
        # announced ones.
        topic = Topic.sudo().search([("id", "=", topic_id), *Topic._public_domain()])
        if not topic:
            raise NotFound()
        return topic

    def _partner(self):
        user = request.env.user
        return user.partner_id if not user._is_public() else None

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    @http.route(
        ["/consultation", "/consultation/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        sitemap=True,
        readonly=True,
    )
    def board(self, page=1, room=None, search=None, **kw):
        page = max(1, int(page)) if str(page).isdigit() else 1
        values = request.env["consultation.topic"]._portal_board(
            room_code=room, search=search, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        values["pager"] = portal_pager(
            url="/consultation",
            url_args={"room": room, "search": search},
            total=values.pop("total"),
            page=page,
            step=PAGE_SIZE,
        )
        values["search"] = search or ""
        return request.render("consultation.portal_board", values)

    @http.route(
        "/consultation/topic/<int:topic_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def topic(self, topic_id, **kw):
        topic = self._public_topic(topic_id)
        return self._render_topic(topic)

    def _render_topic(self, topic, error=None, values=None, done=False):
        opinions = topic.opinion_ids.filtered(lambda o: o.state == "accepted")
        return request.render(
            "consultation.portal_topic",
            {
                "topic": topic,
                "opinions": opinions,
                "open": topic.in_publication_window,
                "error": error,
                "values": values or {},
                "done": done,
            },
        )

    @http.route(
        "/consultation/topic/<int:topic_id>/opinion",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def topic_opinion(self, topic_id, **post):
        topic = self._public_topic(topic_id)
        if post.get("website"):
            # Honeypot: only robots fill the hidden field. They are told it worked.
            return self._render_topic(topic, done=True)
        error = None
        if topic.in_publication_window:
            error = check_post(post, required=("content", "contact_name"))
        if not error:
            try:
                request.env["consultation.opinion"]._create_from_portal(
                    topic, post, self._partner()
                )
            except UserError as exc:
                error = exc.args[0]
        if error:
            return self._render_topic(topic, error=error, values=post)
        return self._render_topic(topic, done=True)

    @http.route("/consultation/suggest", type="http", auth="public", methods=["GET"], website=True)
    def suggest_form(self, **kw):
        values = {"room_code": kw.get("room", ""), "room_company": kw.get("company", "")}
        return request.render("consultation.portal_suggest", {"values": values})

    @http.route(
        "/consultation/suggest",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def suggest(self, **post):
        if post.get("website"):
            return request.render("consultation.portal_suggest_done", {"code": _("received")})
        error = check_post(post, required=("name", "description", "contact_name"))
        if not error:
            try:
                topic = request.env["consultation.topic"]._create_from_suggestion(
                    post, self._partner()
                )
            except UserError as exc:
                error = exc.args[0]
        if error:
            return request.render("consultation.portal_suggest", {"error": error, "values": post})
        return request.render("consultation.portal_suggest_done", {"code": topic.code})

    @http.route(
        "/consultation/suggest/lookup", type="http", auth="public", methods=["GET"], website=True
    )
    def suggest_lookup_form(self, **kw):
        return request.render("consultation.portal_suggest_lookup", {"values": {}})

    @http.route(
        "/consultation/suggest/lookup",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def suggest_lookup(self, **post):
        """受理编号 + the phone's last four digits: the suggestion's status and public
        results, nothing else. Every attempt counts against the hourly limit."""
        values = {"values": {"code": post.get("code", "")}}
        error = check_post(post, required=("code", "phone_last4"))
        if not error:
            topic = request.env["consultation.topic"]._lookup_suggestion(
                post.get("code"), post.get("phone_last4")
            )
            if topic:
                values["topic"] = topic
            else:
                error = _(
                    "No suggestion matches this receipt number and these digits. Check them"
                    " and try again."
                )
        values["error"] = error
        return request.render("consultation.portal_suggest_lookup", values)

    @http.route(
        "/consultation/room/<int:company_id>/<string:code>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def room(self, company_id, code, **kw):
        """A room's page, the target of the QR code on its board (room._portal_url())."""
        # As superuser: visitors have no right on rooms; a room's page shows only what is
        # public (see _portal_page).
        room = (
            request.env["consultation.room"]
            .sudo()
            .search([("code", "=", code), ("company_id", "=", company_id)])
        )
        if not room:
            raise NotFound()
        return request.render("consultation.portal_room", room._portal_page())

    @http.route(
        "/consultation/room/<string:code>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def room_by_code(self, code, **kw):
        """The address of boards printed before it named the organisation: the room
        when one organisation alone uses the code, else a choice between them."""
        # As superuser: visitors have no right on rooms; the code leads to its room or to a
        # choice of names.
        rooms = request.env["consultation.room"].sudo().search([("code", "=", code)])
        if not rooms:
            raise NotFound()
        if len(rooms) == 1:
            return request.redirect(rooms._portal_url())
        return request.render("consultation.portal_room_choice", {"rooms": rooms})


class ConsultationCustomerPortal(CustomerPortal):
    """/my/consultation: a logged-in resident's suggestions and opinions."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if "consultation_count" in counters:
            # Counted where the user may read them, as Odoo's own portals do: an
            # employee with no consultation role opens /my too.
            Topic = request.env["consultation.topic"]
            Opinion = request.env["consultation.opinion"]
            values["consultation_count"] = (
                Topic.search_count([("proposer_id", "=", partner.id)])
                if Topic.has_access("read")
                else 0
            ) + (
                Opinion.search_count([("partner_id", "=", partner.id)])
                if Opinion.has_access("read")
                else 0
            )
        return values

    @http.route("/my/consultation", type="http", auth="user", website=True)
    def my_consultation(self, **kw):
        return self._render_my_consultation()

    def _render_my_consultation(self, error=None, sent=False):
        partner = request.env.user.partner_id
        # Read under the portal record rules: only the user's own records come back.
        topics = request.env["consultation.topic"].search([("proposer_id", "=", partner.id)])
        opinions = request.env["consultation.opinion"].search([("partner_id", "=", partner.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "topics": topics,
                "opinions": opinions,
                "consultations": request.env["consultation.meeting"]._asking_opinion_of(partner),
                "error": error,
                "sent": sent,
                "page_name": "consultation",
            }
        )
        return request.render("consultation.portal_my_consultation", values)

    def _invited_meeting(self, meeting_id):
        # As superuser: an invitee may hold no consultation role; being among the meeting's
        # invitees, checked below, is what lets them in.
        meeting = request.env["consultation.meeting"].sudo().browse(meeting_id).exists()
        if not meeting or request.env.user.partner_id not in meeting.partner_ids:
            raise NotFound()
        return meeting

    @http.route(
        "/my/consultation/meeting/<int:meeting_id>/opinion",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def my_consultation_opinion(self, meeting_id, **post):
        meeting = self._invited_meeting(meeting_id)
        error = check_post(post, required=("content",))
        if not error:
            topic = meeting.topic_ids.filtered(lambda t: str(t.id) == post.get("topic_id"))
            try:
                request.env["consultation.opinion"]._create_for_meeting(
                    meeting, topic, request.env.user.partner_id, post["content"]
                )
            except UserError as exc:
                error = exc.args[0]
        if error:
            return self._render_my_consultation(error=error)
        return self._render_my_consultation(sent=True)

    @http.route(
        "/my/consultation/meeting/<int:meeting_id>/sign-in",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        csrf=True,
        website=True,
    )
    def my_consultation_sign_in(self, meeting_id, **post):
        """The sign-in sheet's QR code: an attendee confirms they are at the sitting."""
        meeting = self._invited_meeting(meeting_id)
        values = {"meeting": meeting, "error": None, "done": False}
        if request.httprequest.method == "POST":
            try:
                request.env["consultation.meeting.attendance"]._sign_in(
                    meeting, request.env.user.partner_id
                )
                values["done"] = True
            except UserError as exc:
                values["error"] = exc.args[0]
        return request.render("consultation.portal_meeting_sign_in", values)
