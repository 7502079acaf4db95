"""Values of the supervision letter (督办函) sent to a department."""

from odoo import api, models


class ReportSupervisionLetter(models.AbstractModel):
    _name = "report.consultation.report_supervision_letter"
    _description = "Supervision Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        """One letter per department, listing only its overdue outcomes."""
        outcomes = self.env["consultation.outcome"].browse(docids).filtered("is_overdue")
        letters = [
            {
                "department": department,
                "outcomes": outcomes.filtered(lambda o, d=department: o.department_id == d),
                "issuer": self.env.company.name,
            }
            for department in outcomes.department_id
        ]
        return {
            "doc_ids": docids,
            "doc_model": "consultation.outcome",
            "docs": outcomes,
            "letters": letters,
        }
