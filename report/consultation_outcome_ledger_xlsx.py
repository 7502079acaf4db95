"""The outcome supervision ledger (成果督办台账) as a spreadsheet."""

from odoo import models


class ConsultationOutcomeLedgerXlsx(models.AbstractModel):
    """成果督办台账: the chosen outcomes with where their implementation stands."""

    _name = "report.consultation.ledger_outcomes"
    _inherit = "report.consultation.ledger_xlsx"
    _description = "Outcome Supervision Ledger (Excel)"

    COLUMNS = [
        ("序号", 6),
        ("协商成果", 36),
        ("议事室", 24),
        ("议题", 28),
        ("成果类型", 14),
        ("承办部门", 22),
        ("办理期限", 12),
        ("状态", 10),
        ("落实进度（%）", 12),
        ("逾期天数", 9),
        ("结果反馈", 40),
        ("满意率（%）", 11),
    ]

    def generate_xlsx_report(self, workbook, data, outcomes):
        types = self._selection_labels("consultation.outcome", "outcome_type")
        states = self._selection_labels("consultation.outcome", "state")
        tz = self.env.company._consultation_tz().zone
        # Every outcome's columns, and the names they show, in one query a model:
        # iterating reads them 1,000 outcomes at a time otherwise.
        outcomes.fetch(
            [
                "name",
                "room_id",
                "topic_id",
                "outcome_type",
                "department_id",
                "date_deadline",
                "state",
                "progress",
                "public_feedback",
                "satisfaction",
                "create_date",
            ]
        )
        outcomes.room_id.fetch(["complete_name"])
        outcomes.topic_id.fetch(["name"])
        outcomes.department_id.fetch(["name"])
        outcomes = outcomes.with_context(tz=tz).sorted(
            lambda o: (o.date_deadline or o.create_date.date(), o.id)
        )
        rows = []
        for index, outcome in enumerate(outcomes, start=1):
            rows.append(
                [
                    index,
                    outcome.name,
                    outcome.room_id.display_name,
                    outcome.topic_id.name,
                    types.get(outcome.outcome_type, ""),
                    outcome.department_id.name or "",
                    outcome.date_deadline or None,
                    states.get(outcome.state, ""),
                    outcome.progress,
                    outcome.days_overdue,
                    outcome.public_feedback or "",
                    outcome.satisfaction or "",
                ]
            )
        surveyed = [row[11] for row in rows if row[11] != ""]
        totals = [
            "合计",
            f"{len(rows)} 项",
            "",
            "",
            "",
            "",
            "",
            f"办结 {sum(1 for o in outcomes if o.state == 'done')} 项",
            round(sum(row[8] for row in rows) / len(rows), 1) if rows else 0,
            sum(row[9] for row in rows),
            f"已反馈 {sum(1 for row in rows if row[10])} 项",
            round(sum(surveyed) / len(surveyed), 1) if surveyed else "",
        ]
        self._write_ledger(workbook, "协商成果督办台账", self.COLUMNS, rows, totals)
