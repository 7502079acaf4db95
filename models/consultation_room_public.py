"""The public side of a room: its page, the target of the QR code on its board, and
the "369" method the board prints. Residents have no right on rooms: what these
methods read as superuser is public (conveners and fixed members of the day, held
meetings, public topics, fed-back outcomes)."""

from urllib.parse import quote

from odoo import _, api, models


class ConsultationRoom(models.Model):
    _inherit = "consultation.room"

    # A room's public address names its organisation: codes are unique within one
    # organisation only (unique(code, company_id)), and the QR code on a printed board
    # must never lead to another organisation's room of the same code. Renaming clashing
    # codes instead would have changed codes already printed on boards and used by
    # residents; the organisation in the address changes none. Addresses of before,
    # code alone, still lead to the room where one organisation alone uses the code.
    @api.model
    def _method_369(self):
        """The "369" method as the room board prints it, read from the selections the
        records use: the three levels of rooms, the six steps and the nine links of a
        topic, labels in the reader's language."""
        topic_fields = self.env["consultation.topic"]._fields
        levels = dict(self._fields["level"]._description_selection(self.env))

        def labels(field):
            return [label for _key, label in field._description_selection(self.env)]

        return {
            # The "three levels" are 区（县）、街道（镇）、村（社区）: streets and towns
            # are one level of the method, two levels of rooms.
            "levels": [
                levels["district"],
                _("%(street)s (%(town)s)", street=levels["street"], town=levels["town"]),
                levels["village"],
            ],
            "steps": labels(topic_fields["step"]),
            "links": labels(topic_fields["link"]),
        }

    def _portal_url(self):
        self.ensure_one()
        return f"/consultation/room/{self.company_id.id}/{quote(self.code, safe='')}"

    @api.model
    def _find_by_code(self, code, company_id=None):
        """The room a code names, as a resident types it or an address carries it (read
        as superuser): of the given organisation, else the one room using that code, or
        of the current organisation (the website's) when several use it; else none."""
        domain = [("code", "=", (code or "").strip())]
        if company_id:
            domain.append(("company_id", "=", company_id))
        # As superuser: a resident types a code, with no right on rooms; only one room (or
        # none) comes back.
        rooms = self.sudo().search(domain)
        if len(rooms) > 1:
            rooms = rooms.filtered(lambda room: room.company_id == self.env.company)
        return rooms if len(rooms) == 1 else rooms.browse()

    def _portal_page(self):
        """A room's public page (the target of its board's QR code): its conveners and
        fixed members of the day, this year's held meetings (joint ones included), its
        public topics and fed-back outcomes. Read as superuser: all of it is public."""
        self.ensure_one()
        # As superuser, the page's one door: visitors have no right on rooms, members,
        # meetings, topics or outcomes, and every domain below keeps to what is public.
        su_env = self.sudo().env
        room = self.with_env(su_env)
        company = room.company_id
        year_start = company._consultation_to_utc(
            company._consultation_today().replace(month=1, day=1)
        )
        Membership = su_env["consultation.room.membership"]
        Topic = su_env["consultation.topic"]
        return {
            "room": room,
            "members": Membership.search(
                [
                    ("room_id", "=", room.id),
                    ("role", "in", ("first_convener", "second_convener", "fixed")),
                    *Membership._current_domain(),
                ]
            ),
            "meetings": su_env["consultation.meeting"].search(
                [
                    ("access_room_ids", "in", room.ids),
                    ("state", "in", ("held", "minutes_review", "closed")),
                    ("start", ">=", year_start),
                ]
            ),
            "topics": Topic.search([("room_id", "=", room.id), *Topic._public_domain()], limit=20),
            "outcomes": su_env["consultation.outcome"].search(
                [
                    ("room_id", "=", room.id),
                    ("state", "=", "done"),
                    ("public_feedback", "!=", False),
                ],
                limit=20,
            ),
        }
