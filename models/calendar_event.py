from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CalendarEvent(models.Model):
    """The calendar side of consultation meetings: an event of the "协商议事" type
    offers to create its meeting, and moving, cancelling or deleting the event keeps
    the meeting consistent."""

    _inherit = "calendar.event"

    consultation_meeting_ids = fields.One2many(
        "consultation.meeting",
        "calendar_event_id",
        groups="consultation.group_consultation_viewer",
    )
    consultation_meeting_id = fields.Many2one(
        "consultation.meeting",
        string="Meeting",
        compute="_compute_consultation_meeting_id",
        groups="consultation.group_consultation_viewer",
    )
    is_consultation = fields.Boolean(
        "Consultation Event",
        compute="_compute_is_consultation",
        help="The event has the consultation type: it can hold a consultation meeting.",
    )

    @api.depends("consultation_meeting_ids")
    def _compute_consultation_meeting_id(self):
        for event in self:
            event.consultation_meeting_id = event.consultation_meeting_ids[:1]

    @api.depends("categ_ids")
    def _compute_is_consultation(self):
        event_type = self.env.ref("consultation.calendar_event_type_consultation", False)
        for event in self:
            event.is_consultation = bool(event_type) and event_type in event.categ_ids

    def _meetings(self):
        return (
            self.env["consultation.meeting"]
            .sudo()
            .with_context(active_test=False)
            .search([("calendar_event_id", "in", self.ids)])
        )

    def _check_meetings_not_held(self, meetings, message):
        held = meetings.filtered(lambda m: m.state in m._held_states)
        if held:
            raise UserError(message % {"meeting": held[0].display_name})

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._create_occurrence_meetings()
        return events

    def _create_occurrence_meetings(self):
        """Each new occurrence of a recurring consultation event gets its own meeting,
        modelled on a meeting of the same recurrence."""
        occurrences = self.filtered("recurrence_id")
        if not occurrences:
            return
        siblings = occurrences.recurrence_id.calendar_event_ids
        existing = siblings._meetings()
        if not existing:
            return
        model_by_recurrence = {}
        for meeting in existing.sorted("start"):
            model_by_recurrence.setdefault(meeting.recurrence_id, meeting)
        vals_list = [
            model_by_recurrence[event.recurrence_id]._occurrence_values(event)
            for event in occurrences - existing.calendar_event_id
            if event.recurrence_id in model_by_recurrence
        ]
        if vals_list:
            self.env["consultation.meeting"].create(vals_list)

    def write(self, vals):
        meetings = self._meetings() if self else self.env["consultation.meeting"]
        if meetings and {"start", "stop", "allday"} & vals.keys():
            self._check_meetings_not_held(
                meetings,
                _("“%(meeting)s” has been held: its date is part of the record and cannot move."),
            )
        res = super().write(vals)
        if meetings:
            if "partner_ids" in vals or "attendee_ids" in vals:
                meetings._sync_attendance()
            if vals.get("active") is False:
                # Cancelling in the calendar cancels the meeting.
                meetings.filtered(lambda m: m.state in ("draft", "scheduled"))._set_state(
                    {"state": "cancelled"}
                )
        return res

    def unlink(self):
        meetings = self._meetings()
        if not meetings:
            return super().unlink()
        self._check_meetings_not_held(
            meetings,
            _(
                "“%(meeting)s” has been held: its event is part of the record and cannot be"
                " deleted."
            ),
        )
        # Deleting the event of a meeting cancels the meeting; the event is archived
        # rather than deleted, so that the meeting never loses it.
        with_meeting = meetings.calendar_event_id
        with_meeting.write({"active": False})
        return super(CalendarEvent, self - with_meeting).unlink()

    def action_create_consultation_meeting(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_meeting_action"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "current",
                "context": {"default_calendar_event_id": self.id},
            }
        )
        return action

    def action_open_consultation_meeting(self):
        self.ensure_one()
        return self.consultation_meeting_id.get_formview_action()
