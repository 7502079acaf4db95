"""The meeting ledger (协商议事活动台账) as a spreadsheet."""

from datetime import date

from odoo import models
from odoo.tools import format_list, html2plaintext

from ..models.consultation_meeting import HELD_STATES


class ConsultationMeetingLedgerXlsx(models.AbstractModel):
    """协商议事活动台账: every meeting held by the chosen rooms in the chosen years
    (printed from their rows of 年度开展情况); joint meetings show in each room."""

    _name = "report.consultation.ledger_meetings"
    _inherit = "report.consultation.ledger_xlsx"
    _description = "Consultation Activity Ledger (Excel)"

    COLUMNS = [
        ("序号", 6),
        ("议事室", 28),
        ("日期", 17),
        ("形式", 10),
        ("协商议题", 40),
        ("邀请人数", 9),
        ("出席人数", 9),
        ("达成共识", 50),
        ("意见建议", 9),
        ("协商成果", 9),
    ]

    def _meetings(self, room_years):
        Meeting = self.env["consultation.meeting"]
        company = self.env.company
        meetings = Meeting
        for room_year in room_years:
            meetings |= Meeting.search(
                [
                    "|",
                    ("room_id", "=", room_year.room_id.id),
                    ("joint_room_ids", "in", room_year.room_id.ids),
                    ("state", "in", HELD_STATES),
                    ("start", ">=", company._consultation_to_utc(date(room_year.year, 1, 1))),
                    ("start", "<", company._consultation_to_utc(date(room_year.year + 1, 1, 1))),
                ]
            )
        return meetings.sorted(lambda m: (m.start, m.id))

    def generate_xlsx_report(self, workbook, data, room_years):
        meetings = self._meetings(room_years)
        forms = self._selection_labels("consultation.meeting", "form")
        rows = []
        for index, meeting in enumerate(meetings, start=1):
            attendance = meeting.attendance_ids
            rows.append(
                [
                    index,
                    meeting.room_id.display_name,
                    self._local_date(meeting.start),
                    forms.get(meeting.form, ""),
                    "；".join(meeting.topic_ids.mapped("name")),
                    len(attendance),
                    len(attendance.filtered(lambda a: a.state == "attended")),
                    html2plaintext(meeting.consensus or "").strip(),
                    len(meeting.opinion_ids.filtered(lambda o: o.state != "rejected")),
                    len(meeting.outcome_ids),
                ]
            )
        totals = ["合计", f"{len(meetings)} 次", "", "", ""]
        totals += [sum(row[col] for row in rows) for col in (5, 6)]
        totals += ["", sum(row[8] for row in rows), sum(row[9] for row in rows)]
        years = format_list(self.env, [str(y) for y in sorted(set(room_years.mapped("year")))])
        self._write_ledger(workbook, f"{years}年协商议事活动台账", self.COLUMNS, rows, totals)
