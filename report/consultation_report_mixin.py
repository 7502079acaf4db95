"""What every statistics view shares: the room and where it sits."""

from odoo import fields, models, tools


class ConsultationReportMixin(models.AbstractModel):
    """What every statistics view shares: the room and where it sits (level, street),
    so that pivots group alike; selections are read from the source models, labels
    translated with them."""

    _name = "consultation.report.mixin"
    _description = "Consultation Statistics"

    room_id = fields.Many2one("consultation.room", readonly=True)
    level = fields.Selection(selection="_selection_level", readonly=True)
    parent_id = fields.Many2one("consultation.room", "Street / Town", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)

    def _selection_level(self):
        return self._source_selection("consultation.room", "level")

    def _source_selection(self, model, field):
        return self.env[model]._fields[field]._description_selection(self.env)

    def _local_date(self, column):
        """SQL for `column` (a UTC timestamp) as a date of the organisation's day."""
        return (
            f"(({column} AT TIME ZONE 'UTC') AT TIME ZONE "
            "COALESCE(company_partner.tz, 'Asia/Shanghai'))::date"
        )

    def _company_join(self, company_column):
        return f"""
            LEFT JOIN res_company company ON company.id = {company_column}
            LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
        """

    def _query(self):
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._query()})")
