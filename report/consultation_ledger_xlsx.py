"""What the three Excel ledgers (台账) share."""

from datetime import date, datetime

import pytz

from odoo import models

from ..tools import dates


class ConsultationLedgerXlsx(models.AbstractModel):
    """What the three ledgers (台账) share: a title, a frozen header row, column widths,
    and a totals row written as values — xlsxwriter stores formulas without their
    result, which spreadsheet readers other than Excel then show as empty."""

    _name = "report.consultation.ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Consultation Ledger (Excel)"

    def _selection_labels(self, model, field):
        # Rendered in the organisation's language and time zone (ir.actions.report).
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    def _local_date(self, value):
        """A stored (UTC) datetime as the organisation's wall-clock time; the ledger
        writes it as a date cell, which spreadsheets sort and filter as dates."""
        if not value:
            return None
        tz = self.env.company._consultation_tz()
        return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)

    def _write_ledger(self, workbook, title, columns, rows, totals):
        """`columns`: [(header, width)], `rows`: lists of cell values, `totals`: the
        last row's values (the first cell reads 合计)."""
        # Excel names a sheet in at most 31 characters; the title row keeps it whole.
        sheet = workbook.add_worksheet(title[:31])
        bold = workbook.add_format({"bold": True, "align": "center", "valign": "vcenter"})
        header = workbook.add_format(
            {
                "bold": True,
                "border": 1,
                "bg_color": "#DDEBF7",
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        # Real date cells (sorted and filtered as dates) that read as the documents
        # write them: 2026年12月7日, 2026年11月17日 9:30.
        chinese = dates.is_chinese(self.env)
        moment = workbook.add_format(
            {
                "border": 1,
                "valign": "top",
                "num_format": dates.XLSX_MOMENT_ZH if chinese else "yyyy-mm-dd hh:mm",
            }
        )
        day = workbook.add_format(
            {
                "border": 1,
                "valign": "top",
                "num_format": dates.XLSX_DATE_ZH if chinese else "yyyy-mm-dd",
            }
        )
        total = workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        sheet.merge_range(0, 0, 0, len(columns) - 1, title, bold)
        for col, (label, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(1, col, label, header)
        # Title and headers stay on screen while scrolling.
        sheet.freeze_panes(2, 0)
        for row_index, row in enumerate(rows, start=2):
            for col, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write_datetime(row_index, col, value, moment)
                elif isinstance(value, date):
                    sheet.write_datetime(row_index, col, value, day)
                else:
                    sheet.write(row_index, col, value if value is not None else "", cell)
        last = len(rows) + 2
        for col, value in enumerate(totals):
            sheet.write(last, col, value if value is not None else "", total)
        return sheet
