"""Calendar answers of the invitees of a consultation meeting, carried to its sign-in sheet."""

from odoo import api, models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        self.env["consultation.meeting.attendance"]._sync_from_events(
            attendees.event_id._meetings()
        )
        return attendees

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            # An invitee's answer in the calendar updates the sign-in sheet.
            self.env["consultation.meeting.attendance"]._sync_from_events(self.event_id._meetings())
        return res
