"""Values of the supervision letter (督办函) sent to a department."""

from datetime import timedelta

from odoo import api, models

from ..models.consultation_lifecycle_mixin import transition


class ReportSupervisionLetter(models.AbstractModel):
    """督办函, in the 信函 format of GB/T 9704 (§10.1): one letter per department
    listing its overdue outcomes, numbered (发文字号) when first printed."""

    _name = "report.consultation.report_supervision_letter"
    _description = "Supervision Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        """One letter per department, listing only its overdue outcomes."""
        outcomes = self.env["consultation.outcome"].browse(docids).filtered("is_overdue")
        letters = []
        for department in outcomes.department_id:
            listed = outcomes.filtered(lambda o, d=department: o.department_id == d)
            company = listed.company_id[:1] or self.env.company
            number, day = self._letter_number(listed, company)
            # Named on the letter whoever prints it (conveners of rooms they may not read).
            rooms = listed.room_id.sudo()
            letters.append(
                {
                    "department": department,
                    "outcomes": listed,
                    "company": company,
                    "issuer": company._consultation_issuing_name(),
                    "number": number,
                    "date": day,
                    # 请于×月×日前书面反馈: two weeks from the letter's date.
                    "reply_by": day + timedelta(days=14),
                    # 抄送: the first conveners of the rooms whose outcomes are late.
                    "copy_to": "、".join(
                        name for name in rooms.first_convener_id.mapped("name") if name
                    ),
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "consultation.outcome",
            "docs": outcomes,
            "letters": letters,
        }

    @api.model
    def _letter_number(self, outcomes, company):
        """The letter's 发文字号 and date: those its outcomes carry when one letter
        listed them all (a reprint), else a new number for a new letter."""
        numbers = set(outcomes.mapped("supervision_number"))
        if len(numbers) == 1 and all(numbers):
            return numbers.pop(), outcomes[:1].supervision_date
        day = company._consultation_today()
        number = company._consultation_document_number("supervision", day)
        # Whoever prints the letter issues it: the number is the office's record.
        with transition():
            outcomes.sudo().write({"supervision_number": number, "supervision_date": day})
        return number, day
