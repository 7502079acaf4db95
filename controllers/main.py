import hashlib

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import plaintext2html

from ..models.consultation_meeting import COLLECTING_FORMS
from ..models.consultation_topic import PUBLIC_STATES

PAGE_SIZE = 20
# Longest text a resident may send in one field; anything longer is refused whole.
MAX_LENGTHS = {
    "name": 200,
    "description": 5000,
    "content": 5000,
    "contact_name": 100,
    "contact_phone": 40,
    "room_code": 40,
    "code": 40,
    "phone_last4": 10,
}


class ConsultationPublic(http.Controller):
    """The public notice board (/consultation): only what is published is read, and
    it is read as superuser once the controller has checked it is public."""

    # ------------------------------------------------------------------
    # Visibility
    # ------------------------------------------------------------------
    def _public_topics_domain(self):
        today = request.env.company._consultation_today()
        return [("state", "in", PUBLIC_STATES), ("publish_date_start", "<=", today)]

    def _public_topic(self, topic_id):
        """The topic if it is public, else 404: ids of unpublished topics do not leak."""
        topic = (
            request.env["consultation.topic"]
            .sudo()
            .search([("id", "=", topic_id), *self._public_topics_domain()])
        )
        if not topic:
            raise NotFound()
        return topic

    def _public_room(self, code):
        room = request.env["consultation.room"].sudo().search([("code", "=", code)], limit=1)
        if not room:
            raise NotFound()
        return room

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    @http.route("/consultation", type="http", auth="public", website=True, sitemap=True)
    def board(self, page=1, room=None, search=None, **kw):
        env = request.env
        Topic = env["consultation.topic"].sudo()
        today = env.company._consultation_today()
        domain = [
            ("state", "=", "published"),
            ("publish_date_start", "<=", today),
            ("publish_date_end", ">=", today),
        ]
        room_record = env["consultation.room"].sudo().browse()
        if room:
            room_record = env["consultation.room"].sudo().search([("code", "=", room)], limit=1)
            domain.append(("room_id", "child_of", room_record.ids))
        if search:
            domain.append(("name", "ilike", search))
        total = Topic.search_count(domain)
        pager = portal_pager(
            url="/consultation",
            url_args={"room": room, "search": search},
            total=total,
            page=int(page) if str(page).isdigit() else 1,
            step=PAGE_SIZE,
        )
        topics = Topic.search(
            domain, order="publish_date_end, id desc", limit=PAGE_SIZE, offset=pager["offset"]
        )
        outcome_domain = [("state", "=", "done"), ("public_feedback", "!=", False)]
        case_domain = [("state", "=", "published")]
        if room_record:
            outcome_domain.append(("room_id", "child_of", room_record.ids))
            case_domain.append(("room_id", "child_of", room_record.ids))
        outcomes = env["consultation.outcome"].sudo().search(outcome_domain, limit=10)
        cases = env["consultation.case"].sudo().search(case_domain, limit=6)
        streets = env["consultation.room"].sudo().search([("level", "in", ("district", "town"))])
        return request.render(
            "consultation.portal_board",
            {
                "topics": topics,
                "outcomes": outcomes,
                "cases": cases,
                "pager": pager,
                "streets": streets,
                "room": room_record,
                "search": search or "",
            },
        )

    @http.route("/consultation/topic/<int:topic_id>", type="http", auth="public", website=True)
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
        if not topic.in_publication_window:
            return self._render_topic(
                topic, error=_("The notice period has ended: opinions are no longer collected.")
            )
        if post.get("website"):
            # Honeypot: only robots fill the hidden field. They are told it worked.
            return self._render_topic(topic, done=True)
        error = self._check_submission(post, required=("content", "contact_name"))
        if error:
            return self._render_topic(topic, error=error, values=post)
        user = request.env.user
        request.env["consultation.opinion"].sudo().create(
            {
                "topic_id": topic.id,
                "channel": "online",
                "content": post["content"].strip(),
                "author_name": post["contact_name"].strip(),
                "contact_phone": (post.get("contact_phone") or "").strip(),
                "partner_id": user.partner_id.id if not user._is_public() else False,
            }
        )
        return self._render_topic(topic, done=True)

    @http.route("/consultation/suggest", type="http", auth="public", methods=["GET"], website=True)
    def suggest_form(self, **kw):
        return request.render(
            "consultation.portal_suggest", {"values": {"room_code": kw.get("room", "")}}
        )

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
        error = self._check_submission(post, required=("name", "description", "contact_name"))
        room = self._intake_room(post.get("room_code"))
        if not error and not room:
            error = _("No consultation room takes suggestions at the moment.")
        if error:
            return request.render("consultation.portal_suggest", {"error": error, "values": post})
        user = request.env.user
        topic = (
            request.env["consultation.topic"]
            .sudo()
            .create(
                {
                    "name": post["name"].strip(),
                    # Stored as text: markup sent by a resident is shown, never run.
                    "description": plaintext2html(post["description"].strip()),
                    "room_id": room.id,
                    "source": "public",
                    "contact_name": post["contact_name"].strip(),
                    "contact_phone": (post.get("contact_phone") or "").strip(),
                    "proposer_id": user.partner_id.id if not user._is_public() else False,
                    "user_id": room.secretary_ids[:1].id or False,
                }
            )
        )
        topic._notify_new_public_suggestion()
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
        error = self._check_submission(post, required=("code", "phone_last4"))
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

    @http.route("/consultation/room/<string:code>", type="http", auth="public", website=True)
    def room(self, code, **kw):
        room = self._public_room(code)
        company = request.env.company
        year_start = company._consultation_to_utc(
            company._consultation_today().replace(month=1, day=1)
        )
        meetings = (
            request.env["consultation.meeting"]
            .sudo()
            .search(
                [
                    "|",
                    ("room_id", "=", room.id),
                    ("joint_room_ids", "in", room.ids),
                    ("state", "in", ("held", "minutes_review", "closed")),
                    ("start", ">=", year_start),
                ]
            )
        )
        topics = (
            request.env["consultation.topic"]
            .sudo()
            .search([("room_id", "=", room.id), *self._public_topics_domain()], limit=20)
        )
        outcomes = (
            request.env["consultation.outcome"]
            .sudo()
            .search(
                [
                    ("room_id", "=", room.id),
                    ("state", "=", "done"),
                    ("public_feedback", "!=", False),
                ],
                limit=20,
            )
        )
        today = request.env.company._consultation_today()
        members = room.membership_ids.filtered(
            lambda m: (
                m.role in ("first_convener", "second_convener", "fixed")
                and (not m.date_end or m.date_end >= today)
            )
        )
        return request.render(
            "consultation.portal_room",
            {
                "room": room,
                "members": members,
                "meetings": meetings,
                "topics": topics,
                "outcomes": outcomes,
            },
        )

    # ------------------------------------------------------------------
    # Safety of anonymous submissions
    # ------------------------------------------------------------------
    def _client_key(self):
        # Only a digest of the address is kept.
        address = request.httprequest.remote_addr or "unknown"
        return hashlib.sha256(address.encode()).hexdigest()

    def _check_submission(self, post, required):
        for fname, limit in MAX_LENGTHS.items():
            if len(post.get(fname) or "") > limit:
                return _(
                    "This text is too long (%(length)s characters; at most %(limit)s). Please"
                    " shorten it.",
                    length=len(post[fname]),
                    limit=limit,
                )
        if any(not (post.get(fname) or "").strip() for fname in required):
            return _("Please fill in every required field.")
        if not request.env["consultation.portal.submission"].sudo()._count_post(self._client_key()):
            return _(
                "Thank you for taking part. You have sent many messages in the last hour:"
                " please try again later."
            )
        return None

    def _intake_room(self, code):
        Room = request.env["consultation.room"].sudo()
        if code:
            room = Room.search([("code", "=", code.strip())], limit=1)
            if room:
                return room
        return Room.search([("level", "=", "district")], order="id", limit=1)


class ConsultationCustomerPortal(CustomerPortal):
    """/my/consultation: a logged-in resident's suggestions and opinions."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if "consultation_count" in counters:
            values["consultation_count"] = request.env["consultation.topic"].search_count(
                [("proposer_id", "=", partner.id)]
            ) + request.env["consultation.opinion"].search_count([("partner_id", "=", partner.id)])
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
                "consultations": self._open_consultations(partner),
                "error": error,
                "sent": sent,
                "page_name": "consultation",
            }
        )
        return request.render("consultation.portal_my_consultation", values)

    def _open_consultations(self, partner):
        """Online and written consultations that ask this person's opinion now."""
        now = fields.Datetime.now()
        return (
            request.env["consultation.meeting"]
            .sudo()
            .search(
                [
                    ("partner_ids", "in", partner.ids),
                    ("form", "in", COLLECTING_FORMS),
                    ("state", "in", ("scheduled", "held")),
                    ("opinion_date_start", "<=", now),
                    ("opinion_date_end", ">=", now),
                ]
            )
        )

    def _invited_meeting(self, meeting_id):
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
        error = ConsultationPublic()._check_submission(post, required=("content",))
        if not error:
            topic = meeting.topic_ids.filtered(lambda t: str(t.id) == post.get("topic_id"))
            try:
                meeting._submit_opinion(topic, request.env.user.partner_id, post["content"])
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
                meeting._sign_in(request.env.user.partner_id)
                values["done"] = True
            except UserError as exc:
                values["error"] = exc.args[0]
        return request.render("consultation.portal_meeting_sign_in", values)
