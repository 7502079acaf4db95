"""Topics for pivot and graph analysis (an SQL view)."""

from odoo import fields, models


class ConsultationTopicReport(models.Model):
    """Topics for pivot and graph: by room, level, street, month, source and field."""

    _name = "consultation.topic.report"
    _inherit = "consultation.report.mixin"
    _description = "Topic Statistics"
    _auto = False
    _materialized = True
    _order = "date desc"

    topic_id = fields.Many2one("consultation.topic", readonly=True)
    source = fields.Selection(selection="_selection_source", readonly=True)
    state = fields.Selection(selection="_selection_state", readonly=True)
    category = fields.Many2one("consultation.expertise", "Topic Field", readonly=True)
    is_temporary = fields.Boolean("Outside the Plan", readonly=True)
    opinion_count = fields.Integer("Opinions", readonly=True)
    research_count = fields.Integer("Research", readonly=True)
    outcome_count = fields.Integer("Outcomes", readonly=True)

    def _selection_source(self):
        return self._source_selection("consultation.topic", "source")

    def _selection_state(self):
        return self._source_selection("consultation.topic", "state")

    def _query(self):
        return """
            SELECT t.id, t.id AS topic_id, t.room_id, r.level, r.parent_id, t.company_id,
                   t.date_proposed AS date, t.source, t.state, t.category, t.is_temporary,
                   COALESCE(o.n, 0) AS opinion_count,
                   COALESCE(s.n, 0) AS research_count,
                   COALESCE(c.n, 0) AS outcome_count
              FROM consultation_topic t
              JOIN consultation_room r ON r.id = t.room_id
              -- Counted once per table and joined (a subquery per topic took seconds
              -- for a province's 100,000 topics).
              LEFT JOIN (SELECT topic_id, COUNT(*) AS n FROM consultation_opinion
                          WHERE state != 'rejected' GROUP BY topic_id) o ON o.topic_id = t.id
              LEFT JOIN (SELECT topic_id, COUNT(*) AS n FROM consultation_research
                          GROUP BY topic_id) s ON s.topic_id = t.id
              LEFT JOIN (SELECT topic_id, COUNT(*) AS n FROM consultation_outcome
                          GROUP BY topic_id) c ON c.topic_id = t.id
        """
