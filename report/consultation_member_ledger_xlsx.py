"""The members' ledger (委员履职台账) as a spreadsheet."""

from babel import lists

from odoo import models
from odoo.tools.misc import babel_locale_parse, get_lang


class ConsultationMemberLedgerXlsx(models.AbstractModel):
    """委员履职台账: what each chosen member did in the year (this year unless the
    report is given `year` in its data)."""

    _name = "report.consultation.ledger_members"
    _inherit = "report.consultation.ledger_xlsx"
    _description = "Member Participation Ledger (Excel)"

    COLUMNS = [
        ("序号", 6),
        ("姓名", 14),
        ("类别", 14),
        ("界别", 14),
        ("所在议事室", 36),
        ("受邀参加", 9),
        ("实际出席", 9),
        ("出席率（%）", 11),
        ("意见建议", 9),
        ("提出议题", 9),
        ("参加调研", 9),
    ]

    def _year(self, data):
        return int((data or {}).get("year") or self.env.company._consultation_today().year)

    @staticmethod
    def _rate(attended, invited):
        return round(100.0 * attended / invited, 1) if invited else 0.0

    def generate_xlsx_report(self, workbook, data, members):
        year = self._year(data)
        # Every member's columns and rooms in one query a model: iterating reads them
        # 1,000 members at a time otherwise.
        members.fetch(["partner_id", "name", "member_type", "sector", "membership_ids"])
        members.membership_ids.fetch(["room_id"])
        members.membership_ids.room_id.fetch(["name", "active"])
        figures = members._participation(year)
        types = self._selection_labels("consultation.member", "member_type")
        # format_list() looks the locale up on each call: once for 50,000 members.
        locale = babel_locale_parse(get_lang(self.env).code)
        rows = []
        for index, member in enumerate(members.sorted("name"), start=1):
            fig = figures[member]
            # The member's rooms as `room_ids` lists them, without computing it member by
            # member: their active memberships' rooms still open.
            rooms = member.membership_ids.room_id.filtered("active")
            rows.append(
                [
                    index,
                    member.name,
                    types.get(member.member_type, ""),
                    member.sector or "",
                    lists.format_list(rooms.mapped("name"), "standard", locale),
                    fig["invited"],
                    fig["attended"],
                    self._rate(fig["attended"], fig["invited"]),
                    fig["opinions"],
                    fig["topics_proposed"],
                    fig["research"],
                ]
            )
        sums = {col: sum(row[col] for row in rows) for col in (5, 6, 8, 9, 10)}
        totals = ["合计", f"{len(rows)} 人", "", "", "", sums[5], sums[6]]
        totals += [self._rate(sums[6], sums[5]), sums[8], sums[9], sums[10]]
        self._write_ledger(workbook, f"{year}年委员履职台账", self.COLUMNS, rows, totals)
