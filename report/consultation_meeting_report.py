"""Meetings for pivot and graph analysis (an SQL view)."""

from odoo import fields, models


class ConsultationMeetingReport(models.Model):
    """Meetings for pivot and graph, one row per meeting and room it counts for: a
    joint meeting shows in each of its rooms, as in the yearly figures."""

    _name = "consultation.meeting.report"
    _inherit = "consultation.report.mixin"
    _description = "Meeting Statistics"
    _auto = False
    _materialized = True
    _order = "date desc"

    meeting_id = fields.Many2one("consultation.meeting", readonly=True)
    is_joint_guest = fields.Boolean(
        "Joined Another Room's Meeting",
        readonly=True,
        help="The room took part in a joint meeting convened by another room.",
    )
    form = fields.Selection(selection="_selection_form", readonly=True)
    state = fields.Selection(selection="_selection_state", readonly=True)
    meeting_count = fields.Integer("Meetings", readonly=True)
    attended = fields.Integer("Attendances", readonly=True)
    invited = fields.Integer(readonly=True)
    topic_count = fields.Integer("Topics", readonly=True)
    opinion_count = fields.Integer("Opinions", readonly=True)
    outcome_count = fields.Integer("Outcomes", readonly=True)

    def _selection_form(self):
        return self._source_selection("consultation.meeting", "form")

    def _selection_state(self):
        return self._source_selection("consultation.meeting", "state")

    def _query(self):
        return f"""
            WITH link AS (
                SELECT m.id AS meeting_id, m.room_id, FALSE AS is_joint_guest
                  FROM consultation_meeting m
                 UNION
                SELECT j.meeting_id, j.room_id, TRUE
                  FROM consultation_meeting_joint_room_rel j
                  JOIN consultation_meeting m ON m.id = j.meeting_id
                 WHERE j.room_id != m.room_id
            )
            SELECT ROW_NUMBER() OVER (ORDER BY link.meeting_id, link.room_id) AS id,
                   link.meeting_id, link.room_id, link.is_joint_guest, r.level, r.parent_id,
                   m.company_id, {self._local_date("e.start")} AS date, m.form, m.state,
                   1 AS meeting_count,
                   COALESCE(a.attended, 0) AS attended,
                   COALESCE(a.invited, 0) AS invited,
                   COALESCE(t.n, 0) AS topic_count,
                   COALESCE(o.n, 0) AS opinion_count,
                   COALESCE(c.n, 0) AS outcome_count
              FROM link
              JOIN consultation_meeting m ON m.id = link.meeting_id
              JOIN calendar_event e ON e.id = m.calendar_event_id
              JOIN consultation_room r ON r.id = link.room_id
              -- Counted once per table and joined, not a subquery per meeting.
              LEFT JOIN (SELECT meeting_id, COUNT(*) FILTER (WHERE state = 'attended') AS attended,
                                COUNT(*) AS invited
                           FROM consultation_meeting_attendance GROUP BY meeting_id) a
                     ON a.meeting_id = m.id
              LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM consultation_meeting_topic_rel
                          GROUP BY meeting_id) t ON t.meeting_id = m.id
              LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM consultation_opinion
                          WHERE state != 'rejected' GROUP BY meeting_id) o ON o.meeting_id = m.id
              LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM consultation_outcome
                          GROUP BY meeting_id) c ON c.meeting_id = m.id
              {self._company_join("m.company_id")}
        """
