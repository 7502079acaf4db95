"""The rooms a user works in, read from their memberships current today."""

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _consultation_room_ids(self, mode="read"):
        """Ids of the rooms this user reads on the organisation's day (`read`: the
        rooms of their current memberships and the rooms they manage), manages
        (`manage`: rooms where they are secretary or current convener, and every room
        below them) or belongs to (`member`: current memberships only). Record rules
        call it, e.g. `[('room_id', 'in', user._consultation_room_ids())]`; the
        computation is cached per user and day."""
        self.ensure_one()
        # In a record rule `user` carries no context: its company is the user's own,
        # whose day the rule cache is keyed on (ir.rule) in a single time zone.
        day = self.env.company._consultation_today()
        member, managed = self.env["consultation.room"]._consultation_access(self.id, day)
        if mode == "manage":
            return list(managed)
        if mode == "member":
            return list(member)
        return sorted(set(member) | set(managed))
