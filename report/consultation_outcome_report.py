"""Outcomes for pivot and graph analysis, with their rates (an SQL view)."""

from odoo import fields, models


class ConsultationOutcomeReport(models.Model):
    """Outcomes for pivot and graph, with the rates the office reports on. A rate is a
    0/100 figure per outcome averaged by the pivot, left empty where it does not
    apply (an outcome not yet decided is neither adopted nor refused)."""

    _name = "consultation.outcome.report"
    _inherit = "consultation.report.mixin"
    _description = "Outcome Statistics"
    _auto = False
    _materialized = True
    _order = "date desc"

    outcome_id = fields.Many2one("consultation.outcome", readonly=True)
    topic_id = fields.Many2one("consultation.topic", readonly=True)
    source = fields.Selection(selection="_selection_source", readonly=True)
    outcome_type = fields.Selection(selection="_selection_outcome_type", readonly=True)
    department_id = fields.Many2one("res.partner", "Responsible Department", readonly=True)
    state = fields.Selection(selection="_selection_state", readonly=True)
    date_deadline = fields.Date("Deadline", readonly=True)
    outcome_count = fields.Integer("Outcomes", readonly=True)
    adoption_rate = fields.Float(
        "Adoption Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the decided outcomes that were accepted.",
    )
    overdue_rate = fields.Float(
        "Overdue Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the accepted outcomes with a deadline that are past it and not done.",
    )
    feedback_rate = fields.Float(
        "Feedback Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of the accepted outcomes whose result was fed back to the public.",
    )
    satisfaction = fields.Float(
        "Satisfaction (%)",
        aggregator="avg",
        readonly=True,
        help="Average satisfaction of the outcomes surveyed.",
    )

    def _selection_source(self):
        return self._source_selection("consultation.topic", "source")

    def _selection_outcome_type(self):
        return self._source_selection("consultation.outcome", "outcome_type")

    def _selection_state(self):
        return self._source_selection("consultation.outcome", "state")

    def _query(self):
        today = "(NOW() AT TIME ZONE COALESCE(company_partner.tz, 'Asia/Shanghai'))::date"
        return f"""
            SELECT o.id, o.id AS outcome_id, o.topic_id, o.room_id, r.level, r.parent_id,
                   o.company_id,
                   {self._local_date("COALESCE(e.start, o.create_date)")} AS date,
                   t.source, o.outcome_type, o.department_id, o.state, o.date_deadline,
                   1 AS outcome_count,
                   CASE WHEN o.state IN ('accepted', 'in_progress', 'done') THEN 100.0
                        WHEN o.state = 'rejected' THEN 0.0 END AS adoption_rate,
                   CASE WHEN o.state NOT IN ('accepted', 'in_progress', 'done')
                          OR o.date_deadline IS NULL THEN NULL
                        WHEN o.state != 'done' AND o.date_deadline < {today} THEN 100.0
                        ELSE 0.0 END AS overdue_rate,
                   CASE WHEN o.state NOT IN ('accepted', 'in_progress', 'done') THEN NULL
                        WHEN o.state = 'done' AND COALESCE(o.public_feedback, '') != ''
                        THEN 100.0 ELSE 0.0 END AS feedback_rate,
                   NULLIF(o.satisfaction, 0)::float AS satisfaction
              FROM consultation_outcome o
              JOIN consultation_topic t ON t.id = o.topic_id
              JOIN consultation_room r ON r.id = o.room_id
              LEFT JOIN consultation_meeting m ON m.id = o.meeting_id
              LEFT JOIN calendar_event e ON e.id = m.calendar_event_id
              {self._company_join("o.company_id")}
        """
