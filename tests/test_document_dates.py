"""Every date the addon prints, in one style: 2026年12月7日, 2026年12月4日至12月11日, 9:30."""

import io
import re
from datetime import date, datetime

import openpyxl

from odoo.tests import TransactionCase, tagged
from odoo.tools import format_date, html2plaintext

from ..tools import dates
from .common import ConsultationHelpers
from .test_report_download import RECORDS

ZERO_PADDED = re.compile(r"年0\d月|月0\d日")
SECONDS = re.compile(r"\d时\d+分\d+秒|\d:\d\d:\d\d")
# A range written with a dash between two full dates (…日 — 2026年…), not with 至.
DASHED_RANGE = re.compile(r"日\s*[—–-]\s*\d{4}年")
# A sitting on one day written with its date twice (9:30 – 2026年11月17日 11:00).
REPEATED_DAY = re.compile(r"\d:\d\d\s*[—–-]\s*\d{4}年")
WRITTEN = "consultation.meeting_written_safety"
# Documents with a 落款 or dates of their own (the others may print none).
SIGNED = (
    "consultation.report_minutes_revision",
    "consultation.report_topic_notice",
    "consultation.report_plan",
    "consultation.report_outcome_form",
    "consultation.report_supervision_letter",
    "consultation.report_member_record",
    "consultation.report_meeting_signin",
)
MAIL_RECORDS = {"consultation.meeting": WRITTEN}


@tagged("post_install", "-at_install")
class TestDocumentDates(ConsultationHelpers, TransactionCase):
    """A Chinese office reads every date of its documents, mails and ledgers as a 公文
    writes it (GB/T 9704): no leading zeros, no seconds, ranges with 至."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = cls.chinese_organisation()
        cls.set_organisation_tz()
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))

    def record(self, model, records=None):
        found = (records or {}).get(model, RECORDS.get(model, []))
        if isinstance(found, str):
            return self.env.ref(found)
        record = self.env[model].search(found, limit=1)
        self.assertTrue(record, f"no demo {model}")
        return record

    def assertWrittenAsDocument(self, text, where):
        self.assertRegex(text, r"\d{4}年\d{1,2}月\d{1,2}日", f"{where}: no date at all")
        for pattern in (ZERO_PADDED, SECONDS, DASHED_RANGE, REPEATED_DAY):
            found = pattern.search(text)
            self.assertFalse(
                found, f"{where}: {found and text[max(found.start() - 40, 0) : found.end() + 40]!r}"
            )

    def test_helper(self):
        zh, en = self.zh, self.en
        self.assertEqual(dates.format_date(zh, date(2026, 2, 10)), "2026年2月10日")
        self.assertEqual(
            dates.format_range(zh, date(2026, 12, 4), date(2026, 12, 11)), "2026年12月4日至12月11日"
        )
        self.assertEqual(
            dates.format_range(zh, date(2026, 11, 28), date(2026, 12, 5)), "2026年11月28日至12月5日"
        )
        self.assertEqual(
            dates.format_range(zh, date(2026, 12, 28), date(2027, 1, 4)),
            "2026年12月28日至2027年1月4日",
        )
        tz = "Asia/Shanghai"
        # Stored in UTC: 01:30 and 03:00 are 9:30 and 11:00 in Beijing.
        start, stop = datetime(2026, 11, 17, 1, 30), datetime(2026, 11, 17, 3, 0)
        self.assertEqual(dates.format_moment(zh, start, tz), "2026年11月17日 9:30")
        self.assertEqual(dates.format_span(zh, start, stop, tz), "2026年11月17日 9:30—11:00")
        self.assertEqual(
            dates.format_span(zh, start, datetime(2026, 11, 18, 9, 0), tz),
            "2026年11月17日 9:30至11月18日 17:00",
        )
        # Other languages keep Odoo's formats.
        self.assertEqual(
            dates.format_date(en, date(2026, 2, 10)), format_date(en, date(2026, 2, 10))
        )
        self.assertNotIn("至", dates.format_range(en, date(2026, 12, 4), date(2026, 12, 11)))

    def test_every_document_in_chinese(self):
        reports = self.env["ir.actions.report"].search(
            [("report_name", "=like", "consultation.%"), ("report_type", "=", "qweb-pdf")]
        )
        self.assertTrue(reports)
        for report in reports:
            with self.subTest(report=report.report_name):
                record = self.record(report.model)
                html, _kind = (
                    self.env["ir.actions.report"]
                    .with_context(lang="en_US")
                    ._render_qweb_html(report.report_name, record.ids)
                )
                text = html2plaintext(html.decode())
                for pattern in (ZERO_PADDED, SECONDS, DASHED_RANGE, REPEATED_DAY):
                    found = pattern.search(text)
                    self.assertFalse(found, f"{report.report_name}: {text[:3000]}")
                if report.report_name in SIGNED:
                    self.assertWrittenAsDocument(text, report.report_name)

    def test_topic_notice_window(self):
        topic = self.record("consultation.topic")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "consultation.report_topic_notice", topic.ids
        )
        self.assertIn(
            dates.format_range(self.zh, topic.publish_date_start, topic.publish_date_end),
            html.decode(),
        )
        self.assertIn(
            "至", dates.format_range(self.zh, topic.publish_date_start, topic.publish_date_end)
        )

    def test_minutes_draft(self):
        meeting = self.env.ref("consultation.meeting_charging")
        body = self.env["consultation.minutes.revision"]._render_draft(meeting)
        text = html2plaintext(str(body))
        self.assertWrittenAsDocument(text, "minutes draft")
        self.assertIn(
            meeting.company_id.with_env(self.zh)
            ._consultation_dates()
            .span(meeting.start, meeting.stop),
            text,
        )

    def test_mails_in_chinese(self):
        templates = self.env["mail.template"].search(
            [
                (
                    "id",
                    "in",
                    [
                        x.res_id
                        for x in self.env["ir.model.data"].search(
                            [("module", "=", "consultation"), ("model", "=", "mail.template")]
                        )
                    ],
                )
            ]
        )
        dated = 0
        for template in templates:
            with self.subTest(template=template.name):
                record = self.record(template.model, MAIL_RECORDS)
                body = template.with_context(lang="zh_CN")._render_field("body_html", record.ids)[
                    record.id
                ]
                text = html2plaintext(str(body))
                for pattern in (ZERO_PADDED, SECONDS, DASHED_RANGE, REPEATED_DAY):
                    self.assertFalse(pattern.search(text), f"{template.name}: {text}")
                self.assertNotRegex(text, r"\d{4}-\d\d-\d\d", template.name)
                dated += bool(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text))
        self.assertGreaterEqual(dated, 3)

    def test_ledgers_write_chinese_date_cells(self):
        report = self.env.ref("consultation.action_report_ledger_meetings")
        record = self.record(report.model)
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            report.report_name, record.ids, None
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        formats = {
            cell.number_format
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, datetime)
        }
        self.assertTrue(formats, "the ledger writes real date cells")
        self.assertTrue(all(fmt.startswith('yyyy"年"m"月"d"日"') for fmt in formats), formats)

    def test_documents_dated_as_issued(self):
        """A notice is dated the first day of its notice period, whenever it is
        printed; the 督办函 asks for a reply by a day written without leading zeros;
        the minutes' draft gives the sitting's day once."""
        topic = self.record("consultation.topic")
        text = html2plaintext(
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_topic_notice", topic.ids)[0]
            .decode()
        )
        day = dates.format_date(self.zh, topic.publish_date_start)
        self.assertEqual(text.strip().splitlines()[-1].strip(), day)
        outcome = self.env["consultation.outcome"].search([("is_overdue", "=", True)], limit=1)
        text = html2plaintext(
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_supervision_letter", outcome.ids)[0]
            .decode()
        )
        self.assertRegex(text, r"请于[1-9]\d?月[1-9]\d?日前书面反馈")
        self.assertWrittenAsDocument(text, "supervision letter")
        meeting = self.env.ref("consultation.meeting_charging")
        draft = html2plaintext(
            str(self.env["consultation.minutes.revision"]._render_draft(meeting))
        )
        span = (
            meeting.company_id.with_env(self.zh)
            ._consultation_dates()
            .span(meeting.start, meeting.stop)
        )
        self.assertEqual(draft.count(span.split(" ")[0]), 1, draft)
