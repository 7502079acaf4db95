"""Regular sittings: each occurrence of a recurring consultation event keeps exactly one meeting."""

from contextvars import ContextVar

from odoo import Command, api, models

# Set in Python (never from a request's context) while this module applies a change of a
# sitting's rule: the ids of the meetings the sitting's events held before the change, so
# that events leaving the rule hand their meetings on instead of cancelling them, and
# the held-meeting guards of calendar.event let the rule's own writes through.
RULE_CHANGE = ContextVar("consultation_rule_change", default=None)


class CalendarRecurrence(models.Model):
    """Regular sittings: every occurrence of a recurring consultation event holds
    exactly one meeting, whatever the rule does to the events."""

    _inherit = "calendar.recurrence"

    def _apply_recurrence(self, *args, **kwargs):
        # Odoo replaces the events that fall off the rule (the first event when it is
        # not on the rule's weekday, every event when "all events" change) by new ones:
        # their meetings move to the new occurrences rather than disappear with them.
        Meeting = self.env["consultation.meeting"]
        meetings = (
            Meeting.browse(RULE_CHANGE.get() or ())
            | (self.calendar_event_ids | self.base_event_id)._meetings()
        )
        detached = super()._apply_recurrence(*args, **kwargs)
        self._sync_consultation_meetings(meetings.with_env(self.env).exists())
        return detached

    def _sync_consultation_meetings(self, meetings):
        """Give each active occurrence of these recurrences one meeting, as soon as one
        of them has one. `meetings` are those the occurrences held before the change:
        a meeting whose event left the rule moves to a free occurrence (in date order,
        keeping its number, agenda and history); the occurrences still free get a new
        meeting modelled on one of the sitting. Held meetings stay where they are."""
        movable = meetings.filtered(
            lambda m: (
                m.state in ("draft", "scheduled")
                and not (m.calendar_event_id.active and m.calendar_event_id.recurrence_id)
            )
        ).sorted(lambda m: (m.start, m.id))
        vals_list = []
        for recurrence in self.exists():
            events = recurrence.calendar_event_ids.filtered("active")
            present = events._meetings().with_env(self.env)
            free = (events - present.calendar_event_id).sorted(lambda e: (e.start, e.id))
            if not (present or movable):
                continue  # an ordinary recurring event stays ordinary
            moving, movable = movable[: len(free)], movable[len(free) :]
            for meeting, event in zip(moving, free, strict=False):
                self._move_meeting(meeting, event)
            model = (present | moving).sorted(lambda m: (m.start, m.id))[:1]
            vals_list += [self._occurrence_values(model, event) for event in free[len(moving) :]]
        if vals_list:
            self.env["consultation.meeting"].create(vals_list)

    def _move_meeting(self, meeting, event):
        """Hand `meeting` on to another occurrence of its sitting (its own event fell off
        the rule): the old event no longer points at it and leaves the calendar (Odoo
        leaves it active when "this and following" moves a sitting off its weekday)."""
        old_event = meeting.calendar_event_id
        meeting.with_context(consultation_move_meeting=True).write({"calendar_event_id": event.id})
        # As superuser: the event left behind may be another's; who changed the rule may
        # change the meeting.
        old_event.sudo().with_context(dont_notify=True).write(
            {"res_model_id": False, "res_id": False, "is_room_meeting": False, "active": False}
        )
        self.env["calendar.event"]._link_consultation_meetings(meeting)
        self.env["consultation.meeting.attendance"]._sync_from_events(meeting)

    @api.model
    def _settle_meetings(self, meetings):
        """After a change of a sitting's rule: a held meeting keeps its event in the
        calendar; a planned one left without an occurrence is cancelled."""
        meetings = meetings.exists().with_context(active_test=False)
        lost = meetings.filtered(lambda m: not m.calendar_event_id.active)
        held = lost.filtered(lambda m: m.state in m._held_states)
        # As superuser: a held meeting's event stays in the calendar, whoever changed the
        # rule.
        held.calendar_event_id.sudo().write({"active": True})
        lost.filtered(lambda m: m.state in ("draft", "scheduled"))._set_state(
            {"state": "cancelled"}
        )

    @api.model
    def _occurrence_values(self, model, event):
        """A new occurrence of a regular sitting: same room, form and people as the
        meeting `model`; its agenda is set for that sitting."""
        return {
            "calendar_event_id": event.id,
            "room_id": model.room_id.id,
            "form": model.form,
            "joint_room_ids": [Command.set(model.joint_room_ids.ids)],
            "expert_ids": [Command.set(model.expert_ids.ids)],
            "report_partner_ids": [Command.set(model.report_partner_ids.ids)],
        }
