"""Consultation meetings in the calendar: an event holds a meeting's time, place and people."""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .calendar_recurrence import RULE_CHANGE

# What the event of a held meeting may still change: being archived with its meeting
# (attendees answer on calendar.attendee, not here).
HELD_EVENT_FIELDS = frozenset({"active"})


class CalendarEvent(models.Model):
    """The calendar side of consultation meetings: an event of the "协商议事" type
    offers to create its meeting, and moving, cancelling or deleting the event keeps
    the meeting consistent."""

    _inherit = "calendar.event"

    # Every employee: the invitees of a meeting (experts, departments, members of
    # other rooms) open it from their calendar; record rules say which meetings.
    consultation_meeting_ids = fields.One2many(
        "consultation.meeting",
        "calendar_event_id",
        groups="base.group_user",
    )
    consultation_meeting_id = fields.Many2one(
        "consultation.meeting",
        string="Meeting",
        compute="_compute_consultation_meeting_id",
        groups="base.group_user",
    )
    # Set on the event of a meeting only, so that the calendar of everyone else never
    # asks for meetings: a plain event is written, deleted and listed as in core.
    is_room_meeting = fields.Boolean(
        "Holds a Consultation Meeting",
        readonly=True,
        copy=False,
        help="The event is the date and place of a consultation meeting, which says who"
        " may change it.",
    )
    is_consultation = fields.Boolean(
        "Consultation Event",
        compute="_compute_is_consultation",
        help="The event has the consultation type: it can hold a consultation meeting.",
    )

    @api.model
    def _get_public_fields(self):
        return super()._get_public_fields() | {"is_room_meeting"}

    @api.depends("consultation_meeting_ids", "is_room_meeting")
    def _compute_consultation_meeting_id(self):
        # The form of a plain event asks for no meeting (nor does it read ours).
        flagged = self.filtered("is_room_meeting")
        meetings = self.env["consultation.meeting"]
        if flagged:
            meetings = meetings.search([("calendar_event_id", "in", flagged.ids)])
        by_event = {meeting.calendar_event_id.id: meeting for meeting in meetings}
        for event in self:
            event.consultation_meeting_id = by_event.get(event.id, False)

    @api.depends("categ_ids")
    def _compute_is_consultation(self):
        event_type = self.env.ref("consultation.calendar_event_type_consultation", False)
        for event in self:
            event.is_consultation = bool(event_type) and event_type in event.categ_ids

    def _meetings(self):
        """The meetings of these events, looked for only among flagged events: a plain
        event costs no query of ours. The flag is read as the user, in the read Odoo's
        calendar makes anyway (a public field: a private event does not hide it); the
        meetings as superuser: the door of a meeting applies whoever writes, even who
        cannot read the meeting."""
        flagged = self.filtered("is_room_meeting")
        if not flagged:
            return self.env["consultation.meeting"]
        # As superuser: the door applies whoever writes, even who cannot read the meeting.
        return (
            self.env["consultation.meeting"]
            .sudo()
            .with_context(active_test=False)
            .search([("calendar_event_id", "in", flagged.ids)])
        )

    def _check_meetings_not_held(self, meetings, message):
        held = meetings.filtered(lambda m: m.state in m._held_states)
        if held:
            raise UserError(message % {"meeting": held[0].display_name})

    def _check_meeting_door(self, meetings, vals=None):
        """The event of a meeting is the meeting: it is changed, archived or deleted
        only by those who may change the meeting, and once the meeting is held only
        in being archived with it (`vals`: the values written, if any)."""
        if self.env.su or not meetings:
            return
        try:
            meetings.with_env(self.env).check_access("write")
        except AccessError:
            raise AccessError(
                _(
                    "“%(event)s” is the event of a consultation meeting: only those who run"
                    " the meeting's room may change, archive or delete it.",
                    # As superuser: the name of the event whoever was refused, who may not
                    # read it.
                    event=self[:1].sudo().name,
                )
            ) from None
        if vals is None or RULE_CHANGE.get() is not None:
            return
        if {"start", "stop", "allday"} & vals.keys():
            self._check_meetings_not_held(
                meetings,
                _("“%(meeting)s” has been held: its date is part of the record and cannot move."),
            )
        if vals.keys() - HELD_EVENT_FIELDS:
            self._check_meetings_not_held(
                meetings,
                _(
                    "“%(meeting)s” has been held: its calendar event is part of the record."
                    " Only the attendees' answers change, and it is archived together with"
                    " the meeting."
                ),
            )

    def write(self, vals):
        if "is_room_meeting" in vals and not self.env.su:
            # The flag is what makes an event ask its meeting who may change it: only
            # the meeting's own code (as superuser) sets or clears it.
            raise AccessError(_("Only the consultation meeting links or unlinks its event."))
        if RULE_CHANGE.get() is None and self._changes_recurrence(vals):
            # A change of the rule replaces events: the meetings of the sitting are
            # handed on to the new occurrences (calendar.recurrence), then what is left
            # without an occurrence is settled here.
            meetings = (self | self.recurrence_id.calendar_event_ids)._meetings()
            self._check_meeting_door(meetings)
            # Besides the rule, Odoo writes the other values (a time shift, a place) on
            # every event the edit covers: none of them may be a held meeting's.
            covered = self._meetings()
            if vals.get("recurrence_update") == "all_events":
                covered = meetings
            elif vals.get("recurrence_update") == "future_events":
                covered = meetings.filtered(lambda m: m.start >= min(self.mapped("start")))
            rule_keys = self._get_recurrent_fields() | {"recurrency", "recurrence_update"}
            self._check_meeting_door(
                covered, {key: value for key, value in vals.items() if key not in rule_keys}
            )
            token = RULE_CHANGE.set(tuple(meetings.ids))
            try:
                res = self.write(vals)
            finally:
                RULE_CHANGE.reset(token)
            self.env["calendar.recurrence"]._settle_meetings(meetings.with_env(self.env))
            return res
        meetings = self._meetings() if self else self.env["consultation.meeting"]
        self._check_meeting_door(meetings, vals)
        res = super().write(vals)
        if meetings:
            if {"start", "stop"} & vals.keys():
                meetings.with_env(self.env)._recompute_opinion_window()
            if "partner_ids" in vals or "attendee_ids" in vals:
                self.env["consultation.meeting.attendance"]._sync_from_events(meetings)
            if vals.get("active") is False and RULE_CHANGE.get() is None:
                # Cancelling in the calendar cancels the meeting.
                meetings.filtered(lambda m: m.state in ("draft", "scheduled"))._set_state(
                    {"state": "cancelled"}
                )
        return res

    def _consultation_meeting_defaults(self, meetings, fields_list):
        """A meeting started from this event shows the event's time, place and
        invitees, not the calendar's defaults (which would move it)."""
        if not self:
            return {}
        self.ensure_one()
        values = {"name": self.name}
        for fname in fields_list:
            field = meetings._fields.get(fname)
            if field and field.inherited and fname in self._fields:
                values[fname] = field.convert_to_write(self[fname], self)
        return values

    @api.model
    def _consultation_event_values(self, meetings, vals):
        """Complete the values of a meeting created without an event, so that its new
        event has the consultation type, a name and the room's usual invitees. Returns
        the recurrence rule, taken out of `vals`: it is applied once the meeting exists,
        so that Odoo's recurrence hands the meeting on if it replaces the first event."""
        if vals.get("calendar_event_id"):
            return {}
        rule = {}
        if vals.get("recurrency"):
            rule_fields = self._get_recurrent_fields() | {"recurrency"}
            rule = {fname: vals.pop(fname) for fname in rule_fields & vals.keys()}
        room = self.env["consultation.room"].browse(vals.get("room_id"))
        if not vals.get("name"):
            vals["name"] = _("Consultation meeting of %(room)s", room=room.name or "")
        if "partner_ids" not in vals and room:
            topics = meetings.new({"topic_ids": vals.get("topic_ids", [])}).topic_ids
            vals["partner_ids"] = [Command.set(room._meeting_invitees(topics._origin).ids)]
        event_type = self.env.ref("consultation.calendar_event_type_consultation", False)
        if event_type and "categ_ids" not in vals:
            vals["categ_ids"] = [Command.link(event_type.id)]
        return rule

    @api.model
    def _link_consultation_meetings(self, meetings):
        """Each meeting's event points back at it, so the calendar opens the meeting,
        and is flagged, so that its writes ask for the meeting. As superuser: linking is
        part of creating the meeting, which its secretary may, whoever owns the event."""
        model = self.env["ir.model"]._get_id("consultation.meeting")
        for meeting in meetings:
            # As superuser: linking is part of creating the meeting, whoever owns the event.
            meeting.calendar_event_id.sudo().with_context(dont_notify=True).write(
                {"res_model_id": model, "res_id": meeting.id, "is_room_meeting": True}
            )

    def _changes_recurrence(self, vals):
        return vals.get("recurrence_update") in ("all_events", "future_events") or bool(
            (self._get_recurrent_fields() | {"recurrency"}) & vals.keys()
        )

    def unlink(self):
        # The flag comes with the alarms, which Odoo's calendar reads first when deleting:
        # one read for both, as without this addon.
        self.fetch(["is_room_meeting", "alarm_ids"])
        meetings = self._meetings()
        if not meetings:
            return super().unlink()
        self._check_meeting_door(meetings)
        if RULE_CHANGE.get() is None:
            self._check_meetings_not_held(
                meetings,
                _(
                    "“%(meeting)s” has been held: its event is part of the record and cannot"
                    " be deleted."
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
