"""The yearly assessment as a spreadsheet."""

from odoo import models


class ConsultationAssessmentXlsx(models.AbstractModel):
    """年度考核结果 as a spreadsheet: every room, topic and member scored, awards marked."""

    _name = "report.consultation.assessment_xlsx"
    _inherit = "report.consultation.ledger_xlsx"
    _description = "Yearly Assessment (Excel)"

    COLUMNS = [
        ("类别", 10),
        ("名次", 7),
        ("名称", 40),
        ("所属议事室", 28),
        ("得分", 9),
        ("达到评选条件", 12),
        ("拟表彰", 16),
        ("说明", 36),
    ]

    def generate_xlsx_report(self, workbook, data, assessments):
        kinds = self._selection_labels("consultation.assessment.line", "kind")
        awards = self._selection_labels("consultation.assessment.line", "award")
        for assessment in assessments:
            rows = [
                [
                    kinds.get(line.kind, ""),
                    line.rank,
                    line.name,
                    line.room_id.display_name if line.kind == "topic" else "",
                    line.score,
                    "是" if line.meets_requirements else "否",
                    awards.get(line.award, ""),
                    line.note or "",
                ]
                for line in assessment.line_ids.sorted(lambda ln: (ln.kind, ln.rank))
            ]
            awarded = sum(1 for row in rows if row[6])
            totals = ["合计", "", f"{len(rows)} 项", "", "", "", f"{awarded} 项", ""]
            self._write_ledger(
                workbook, f"{assessment.year}年度考核结果", self.COLUMNS, rows, totals
            )
