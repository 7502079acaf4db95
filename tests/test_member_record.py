from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .test_meeting import pdf_text
from .test_outcome import OutcomeCase


@tagged("post_install", "-at_install")
class TestMemberRecord(HttpCase, OutcomeCase):
    """履职档案: a member's year as a PDF, from the member form, in the organisation's
    language whoever prints it. An HttpCase: wkhtmltopdf fetches the style sheets."""

    def test_record_of_the_year(self):
        meeting, topic = self.held_topic()
        meeting.attendance_ids.filtered(
            lambda a: a.partner_id == self.member_li.partner_id
        ).action_mark_attended()
        topic.proposer_id = self.member_li.partner_id
        action = self.member_li.with_user(self.user_manager).action_print_record()
        self.assertEqual(action["report_name"], "consultation.report_member_record")
        self.chinese_organisation()
        # An English-speaking manager prints it: the record still reads in Chinese.
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("consultation.report_member_record", self.member_li.ids)
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(content)
        year = self.company._consultation_today().year
        self.assertIn(f"{year}年度履职档案", text)
        self.assertIn("李委员", text)
        self.assertIn(topic.name, text)
        self.assertIn("实际出席", text)
        self.assertIn(b"/FontFile", content, "Fonts are embedded.")
        # Another member's year is not for any reader of the member list.
        Report = self.env["ir.actions.report"]
        with self.assertRaises(AccessError):
            Report.with_user(self.user_viewer)._render_qweb_html(
                "consultation.report_member_record", self.member_zhang.ids
            )
        Report.with_user(self.user_member)._render_qweb_html(
            "consultation.report_member_record", self.member_li.ids
        )
