"""Values of the case booklet (典型案例汇编) and of its chapters alone."""

from odoo import api, models
from odoo.tools import format_list


class ReportCaseBooklet(models.AbstractModel):
    """Values of the case booklet (典型案例汇编): the cases in booklet order with their
    chapter numbers."""

    _name = "report.consultation.report_case_booklet"
    _description = "Case Booklet"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["consultation.case"].browse(docids)
        # Whoever may read the cases prints them whole: the booklet names each case's
        # street or town, which a village's secretary or a member does not read.
        cases.check_access("read")
        cases = cases.sudo().sorted(lambda c: (c.year, c.sequence, c.id))
        # Everything the chapters print, read in a few queries for all cases at once.
        cases.mapped("outcome_ids.department_id")
        cases.mapped("room_id.parent_id")
        cases.mapped("tag_ids")
        years = sorted(set(cases.mapped("year")))
        return {
            "doc_ids": cases.ids,
            "doc_model": "consultation.case",
            "docs": cases,
            "chapters": cases._booklet_chapters(),
            # In the PDF, marks where the chapters' page numbers are written
            # (tools.booklet_pdf); on screen, an ellipsis.
            "page_marks": self.env.context.get("booklet_page_marks"),
            "years": years,
            "company": self.env.company,
            "format_list": lambda items: format_list(self.env, items),
        }


class ReportCaseBookletChapters(models.AbstractModel):
    _name = "report.consultation.report_case_booklet_chapters"
    _inherit = "report.consultation.report_case_booklet"
    _description = "Case Booklet: Chapters"
