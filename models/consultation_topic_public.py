"""The public side of topics: what residents see on the notice board and send to it.

Residents and visitors have no right on topics, rooms, outcomes or cases: each method
here is a door that reads or writes as superuser, only what its domain or its check
lets through (public topics, fed-back outcomes, published cases, a suggestion of their
own), and says why where it does. Results are fed back to proposers and participants
from here too. The controllers (controllers/main.py, portal.py) call only these.
"""

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from .consultation_meeting import HELD_STATES
from .consultation_topic import PUBLIC_STATES


class ConsultationTopic(models.Model):
    _inherit = "consultation.topic"

    @api.model
    def _public_domain(self):
        """Topics the public may see: announced, from the first day of their notice."""
        today = self.env.company._consultation_today()
        return [("state", "in", PUBLIC_STATES), ("publish_date_start", "<=", today)]

    @api.model
    def _portal_board(self, room_code=None, search=None, offset=0, limit=20):
        """The notice board: topics on notice today (most urgent first), fed-back
        outcomes and published cases, of one street or room and below when a code is
        given."""
        # As superuser, the board's one door: a visitor has no right on these models,
        # and every domain below keeps to public records (published, fed back).
        su_env = self.sudo().env
        today = self.env.company._consultation_today()
        Room = su_env["consultation.room"]
        room = Room._find_by_code(room_code) if room_code else Room
        domain = [
            ("state", "=", "published"),
            ("publish_date_start", "<=", today),
            ("publish_date_end", ">=", today),
        ]
        outcome_domain = [("state", "=", "done"), ("public_feedback", "!=", False)]
        case_domain = [("state", "=", "published")]
        if room_code:
            below = [("room_id", "child_of", room.ids)]
            domain += below
            outcome_domain += below
            case_domain += below
        if search:
            domain.append(("name", "ilike", search))
        Topic = su_env["consultation.topic"]
        # Only what the board prints is read (no descriptions, no case texts), and the
        # rooms' names of all three lists in one query.
        topics = Topic.search_fetch(
            domain,
            ["name", "room_id", "publish_date_end"],
            order="publish_date_end, id desc",
            limit=limit,
            offset=offset,
        )
        # A first page that is not full is the whole list: no need to count it.
        total = (
            len(topics)
            if not offset and (not limit or len(topics) < limit)
            else Topic.search_count(domain)
        )
        outcomes = su_env["consultation.outcome"].search_fetch(
            outcome_domain, ["name", "room_id", "public_feedback", "satisfaction"], limit=10
        )
        cases = su_env["consultation.case"].search_fetch(case_domain, ["name", "room_id"], limit=6)
        (topics.room_id | outcomes.room_id | cases.room_id).fetch(["name"])
        return {
            "total": total,
            "topics": topics,
            "outcomes": outcomes,
            "cases": cases,
            "streets": Room.search_fetch(
                [("level", "in", ("district", "street", "town"))], ["code", "name"]
            ),
            "room": room,
        }

    @api.model
    def _create_from_suggestion(self, values, partner=None):
        """社会征: a resident's suggestion becomes a draft topic of source `public` in
        the room named by its code (else the district's), assigned to that room's
        secretary, who is told. `values` are the form's, already checked for size;
        `partner` is the signed-in resident, if any."""
        # As superuser, the suggestion box's one door: the public has no right on rooms
        # or topics; what it writes is the form's checked values, as a draft topic.
        su_env = self.sudo().env
        Room = su_env["consultation.room"]
        company = values.get("room_company") or ""
        room = Room._find_by_code(values.get("room_code"), company.isdigit() and int(company))
        room = room or Room.search([("level", "=", "district")], order="id", limit=1)
        if not room:
            raise UserError(_("No consultation room takes suggestions at the moment."))
        topic = su_env["consultation.topic"].create(
            {
                "name": values["name"].strip(),
                # Stored as text: markup sent by a resident is shown, never run.
                "description": plaintext2html(values["description"].strip()),
                "room_id": room.id,
                "source": "public",
                "contact_name": values["contact_name"].strip(),
                "contact_phone": (values.get("contact_phone") or "").strip(),
                "proposer_id": partner.id if partner else False,
                "user_id": room.secretary_ids[:1].id or False,
            }
        )
        topic._notify_new_public_suggestion()
        return topic

    def _notify_new_public_suggestion(self):
        """A resident's suggestion waits for moderation: its room's secretaries get a
        to-do, and the suggestion shows in the 待审核 filter."""
        for topic in self:
            body = _(
                "Suggestion %(code)s sent by %(name)s on the public notice board.",
                code=topic.code,
                name=topic.contact_name,
            )
            topic.message_post(body=body, subtype_xmlid="mail.mt_note")
            for user in topic.room_id.secretary_ids or topic.user_id:
                topic.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_("Screen a suggestion from the public"),
                )

    def _notify_results(self):
        """结果反馈 to the proposer: by mail where an address is known; a portal user also
        reads it in /my/consultation, an anonymous resident with the receipt number."""
        self._notify_proposer("consultation.mail_template_topic_done")
        self._notify_participants_of_results()
        for topic in self:
            topic.message_post(
                body=_(
                    "All outcomes of “%(topic)s” are done: the results are reported back to"
                    " its proposer.",
                    topic=topic.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _notify_participants_of_results(self):
        """向协商主体、利益相关方反馈落实情况: those who attended its meetings and the
        topic's stakeholders get the results (by mail, or in their inbox when they sign
        in), the proposer having had their own."""
        template = self.env.ref("consultation.mail_template_topic_results_participants")
        for topic in self:
            held = topic.meeting_ids.filtered(lambda m: m.state in HELD_STATES)
            attendees = held.attendance_ids.filtered(lambda a: a.state == "attended").partner_id
            partners = (attendees | topic.stakeholder_ids) - topic.proposer_id
            if partners:
                topic.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment", partner_ids=partners.ids
                )

    def _lookup_suggestion(self, code, phone_last4):
        """A resident follows their suggestion with its receipt number and the last four
        digits of the phone number they left: the topic, or nothing."""
        code = (code or "").strip()
        last4 = "".join(c for c in (phone_last4 or "") if c.isdigit())
        if not code or len(last4) != 4:
            return self.browse()
        # As superuser: an anonymous resident has no right on topics; the receipt number
        # and the phone's last digits are the check, and only a public suggestion matches.
        topic = self.sudo().search([("code", "=", code), ("source", "=", "public")], limit=1)
        phone = "".join(c for c in (topic.contact_phone or "") if c.isdigit())
        if len(phone) < 4 or not phone.endswith(last4):
            return self.browse()
        return topic

    def _public_results(self):
        """What the public may read of a topic's results: done outcomes' feedback."""
        self.ensure_one()
        # As superuser: the public reads no outcome; only done ones fed back are shown.
        return self.sudo().outcome_ids.filtered(lambda o: o.state == "done" and o.public_feedback)

    def _notify_proposer(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for topic in self.filtered(lambda t: t.proposer_id.email):
            topic.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=topic.proposer_id.ids,
            )
