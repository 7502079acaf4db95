from odoo import api, models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees.event_id._meetings()._sync_attendance()
        return attendees

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            # An invitee's answer in the calendar updates the sign-in sheet.
            self.event_id._meetings()._sync_attendance()
        return res
