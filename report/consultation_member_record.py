"""Values of a member's yearly record (履职档案)."""

from datetime import date

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import format_list

from ..models.consultation_meeting import HELD_STATES


class ReportMemberRecord(models.AbstractModel):
    """履职档案: a member's year (this year, or `year` in the report data)."""

    _name = "report.consultation.report_member_record"
    _description = "Member Participation Record"

    @api.model
    def _get_report_values(self, docids, data=None):
        members = self.env["consultation.member"].browse(docids)
        # What follows is read as superuser (all of a member's year, drafts included):
        # the record is the office's, the secretaries' and the member's own.
        members.check_access("read")
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("consultation.group_consultation_secretary")
            or members.user_id == user
        ):
            raise AccessError(
                _(
                    "A member's participation record is printed by the room secretaries,"
                    " the CPPCC office or the member themselves."
                )
            )
        company = self.env.company
        year = int((data or {}).get("year") or company._consultation_today().year)
        start = company._consultation_to_utc(date(year, 1, 1))
        end = company._consultation_to_utc(date(year + 1, 1, 1))
        figures = members._participation(year)
        Attendance = self.env["consultation.meeting.attendance"].sudo()
        attendances = Attendance.search(
            [
                ("partner_id", "in", members.partner_id.ids),
                ("meeting_id.state", "in", HELD_STATES),
                ("meeting_id.start", ">=", start),
                ("meeting_id.start", "<", end),
            ]
        )
        topics = (
            self.env["consultation.topic"]
            .sudo()
            .search(
                [
                    ("proposer_id", "in", members.partner_id.ids),
                    ("date_proposed", ">=", date(year, 1, 1)),
                    ("date_proposed", "<", date(year + 1, 1, 1)),
                ]
            )
        )
        research = (
            self.env["consultation.research"]
            .sudo()
            .search(
                [
                    ("participant_ids", "in", members.partner_id.ids),
                    ("date", ">=", date(year, 1, 1)),
                    ("date", "<", date(year + 1, 1, 1)),
                ]
            )
        )
        org_env = self.env(context=dict(self.env.context, lang=company._consultation_lang()))
        records = {}
        for member in members:
            partner = member.partner_id
            fig = figures[member]
            records[member.id] = {
                "figures": fig,
                "rate": round(100.0 * fig["attended"] / fig["invited"]) if fig["invited"] else 0,
                "attendances": attendances.filtered(lambda a, p=partner: a.partner_id == p).sorted(
                    lambda a: a.meeting_id.start
                ),
                "topics": topics.filtered(lambda t, p=partner: t.proposer_id == p),
                "research": research.filtered(lambda r, p=partner: p in r.participant_ids),
                "liaisons": member._liaison_duties(year),
            }
        return {
            "doc_ids": docids,
            "doc_model": "consultation.member",
            "docs": members,
            "year": year,
            "records": records,
            "lang": company.partner_id.lang or self.env.lang,
            "dates": company.with_env(org_env)._consultation_dates(),
            "format_list": lambda items: format_list(org_env, items),
            "attendance_states": dict(Attendance._fields["state"]._description_selection(org_env)),
        }
