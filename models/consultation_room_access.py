"""Who may read and run which rooms: the rooms of a user's current memberships and
those they manage (a convener's or secretary's room and its whole subtree), computed in
plain SQL once per user and day for the record rules of every consultation model."""

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError


class ConsultationRoom(models.Model):
    _inherit = "consultation.room"

    # Security helpers, never stored: the rooms of the user's current memberships and
    # the rooms they manage (res.users._consultation_room_ids, cached per user and day).
    user_is_member = fields.Boolean(compute="_compute_user_access", search="_search_user_is_member")
    user_can_manage = fields.Boolean(
        compute="_compute_user_access", search="_search_user_can_manage"
    )

    def _compute_user_access(self):
        member_rooms = set(self._consultation_member_room_ids())
        managed_rooms = set(self.env.user._consultation_room_ids("manage"))
        for room in self:
            room.user_is_member = room.id in member_rooms
            room.user_can_manage = room.id in managed_rooms

    def _consultation_member_room_ids(self):
        day = self.env.company._consultation_today()
        return self._consultation_access(self.env.uid, day)[0]

    def _check_bool_search(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("This filter only accepts 'is set' or 'is not set'."))
        return (operator == "=") == value

    def _search_user_is_member(self, operator, value):
        positive = self._check_bool_search(operator, value)
        rooms = list(self._consultation_member_room_ids())
        return [("id", "in" if positive else "not in", rooms)]

    def _search_user_can_manage(self, operator, value):
        positive = self._check_bool_search(operator, value)
        rooms = self.env.user._consultation_room_ids("manage")
        return [("id", "in" if positive else "not in", rooms)]

    @api.model
    @tools.ormcache("uid", "day")
    def _consultation_access(self, uid, day):
        """(member room ids, managed room ids) of user `uid` on the organisation's
        `day`, from the memberships current that day and the rooms' secretaries; a
        manager of a room manages its whole subtree, archived rooms included. Cached
        per user and day: rooms, memberships and members clear it when they change.
        Plain SQL on purpose: it runs inside record rules, for any user."""
        self.env["consultation.room.membership"].flush_model(
            ["room_id", "member_id", "role", "date_start", "date_end", "active"]
        )
        self.env["consultation.member"].flush_model(["user_id", "active"])
        self.flush_model(["parent_path", "secretary_ids"])
        cr = self.env.cr
        cr.execute(
            """
            SELECT m.room_id, m.role
              FROM consultation_room_membership m
              JOIN consultation_member mb ON mb.id = m.member_id
             WHERE mb.user_id = %(uid)s AND mb.active AND m.active
               AND m.date_start <= %(day)s AND (m.date_end IS NULL OR m.date_end >= %(day)s)
            """,
            {"uid": uid, "day": day},
        )
        rows = cr.fetchall()
        member = {room for room, _role in rows}
        roots = {room for room, role in rows if role in ("first_convener", "second_convener")}
        cr.execute("SELECT room_id FROM consultation_room_secretary_rel WHERE user_id = %s", [uid])
        roots.update(room for (room,) in cr.fetchall())
        managed = set()
        if roots:
            cr.execute(
                """
                SELECT r.id FROM consultation_room r
                  JOIN consultation_room root ON r.parent_path LIKE root.parent_path || '%%'
                 WHERE root.id IN %s
                """,
                [tuple(roots)],
            )
            managed = {room for (room,) in cr.fetchall()}
        return tuple(sorted(member)), tuple(sorted(managed))

    @api.model
    def _consultation_clear_access(self):
        """Rooms, memberships and secretaries changed: the cached rooms of every user,
        and the record rules evaluated from them, are computed again."""
        self.env.registry.clear_cache()
