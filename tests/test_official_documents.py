import io
import re
import subprocess
import tempfile
import warnings
from datetime import date, datetime

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader

from .test_case import CaseCase, word_boxes
from .test_meeting import MeetingCase
from .test_report_download import RECORDS

RADICALS = re.compile("[\u2e80-\u2fdf]")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def pdf_fonts(data):
    """(base font name, embedded) of every font used on the pages."""
    found = set()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.get_object().values():
            font = font.get_object()
            parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            embedded = all(
                any(
                    key in part["/FontDescriptor"].get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                if "/FontDescriptor" in part
                else False
                for part in parts
            )
            found.add((str(font["/BaseFont"]), embedded))
    return found


def text_maps(data):
    """Ids of the text maps (ToUnicode) the pages' fonts use."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    maps = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.get_object().values():
            font = font.get_object()
            if "/ToUnicode" in font:
                maps.add(font.raw_get("/ToUnicode").idnum)
    return maps


def raw_text(data):
    """The text a reader copies out of the PDF, without any normalisation."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return "".join(page.extract_text() for page in reader.pages)


@tagged("post_install", "-at_install")
class TestOfficialDocuments(HttpCase, MeetingCase):
    """Official documents are printed in the organisation's language, in Simplified
    Chinese faces that travel with the file, and copy as the characters they show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls.company.partner_id.lang = "zh_CN"

    def assert_well_made(self, pdf):
        fonts = pdf_fonts(pdf)
        self.assertTrue(fonts)
        for name, embedded in fonts:
            self.assertTrue(embedded, f"{name} is not embedded: {fonts}")
            self.assertNotIn("jp", name.lower(), f"Japanese variant: {fonts}")
        self.assertTrue(any("CJKsc" in name for name, _e in fonts), fonts)
        text = raw_text(pdf)
        self.assertFalse(RADICALS.findall(text), text)
        # Each font's repaired text map is written once, not once per page.
        self.assertLessEqual(pdf.count(b"begincmap"), len(text_maps(pdf)))
        return text

    def test_minutes_frozen_from_an_english_context_read_chinese(self):
        meeting = self.create_meeting(self.ready_topic("加装电梯"))
        meeting.action_schedule()
        meeting.action_hold()
        meeting.write({"consensus": "<p>同意在里弄口设立每月一日的议事日</p>"})
        # The draft speaks its writer's language, attendance and votes included.
        draft = self.env["consultation.minutes.revision"]._render_draft(
            meeting.with_context(lang="zh_CN")
        )
        self.assertIn("出席（", draft)
        meeting.with_context(lang="en_US").action_prefill_minutes()
        meeting.action_submit_minutes()
        english = meeting.with_context(lang="en_US")
        for user in (self.user_secretary, self.user_manager):
            english.invalidate_recordset()
            english.with_user(user).validate_tier()
        english.invalidate_recordset()
        english.action_close()
        revision = meeting.minutes_revision_ids
        text = re.sub(r"\s+", " ", self.assert_well_made(revision.attachment_id.raw))
        mark = f"{meeting.room_id.name}协商纪要"
        for chinese in (
            mark,
            f"第{meeting.minutes_issue}期",
            "分送：",
            "里弄口",
            "每月一日",
        ):
            self.assertIn(chinese, text)
        for english_word in ("Revision", "Convener", "Approved", "Page", "Printed"):
            self.assertNotIn(english_word, text)
        # The 纪要 format: no internal version, no 落款, the fingerprint once, in the 版记.
        self.assertNotIn("第 1 版", text)
        self.assertNotIn("第1版", text)
        # The 64 characters may wrap at the line's end, wherever the 版记 puts them.
        self.assertEqual(re.sub(r"\s+", "", text).count(revision.body_sha256), 1)
        self.assertTrue(revision.attachment_id.name.startswith("协商纪要"))

    def test_every_document_prints_in_the_organisation_language(self):
        meeting = self.create_meeting(self.ready_topic("停车管理"))
        report = self.env["ir.actions.report"].with_context(lang="en_US")
        html = report._render_qweb_html("consultation.report_meeting_signin", meeting.ids)[0]
        html = html.decode()
        self.assertIn("签到表", html)
        self.assertIn("序号", html)
        self.assertNotIn("Signature", html)
        self.assertIn('lang="zh-CN"', html)
        # And at the organisation's time: a UTC printer sees Beijing's clock.
        self.set_organisation_tz()
        meeting.write({"start": datetime(2026, 3, 2, 1, 30), "stop": datetime(2026, 3, 2, 3, 30)})
        html = (
            report.with_context(tz="UTC")
            ._render_qweb_html("consultation.report_meeting_signin", meeting.ids)[0]
            .decode()
        )
        # As a 公文 writes a sitting on one day (tools.dates).
        self.assertIn("2026年3月2日 9:30—11:30", html)
        self.assertNotRegex(html, r"\b0?1:30")
        topic = meeting.topic_ids
        html = report._render_qweb_html("consultation.report_topic_notice", topic.ids)[0]
        self.assertIn("意见反馈方式", html.decode())


@tagged("post_install", "-at_install")
class TestBookletFonts(HttpCase, CaseCase):
    def test_the_booklet_carries_its_fonts_and_copies_as_chinese(self):
        self.company.partner_id.lang = "zh_CN"
        cases = self.make_cases(2, "里")
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="en_US")
            ._render_qweb_pdf("consultation.action_report_case_booklet", cases.ids)
        )
        text = re.sub(r"\s+", " ", TestOfficialDocuments.assert_well_made(self, pdf))
        self.assertIn("典型案例汇编", text)
        self.assertIn("里案例一", text)
        self.assertIn("— 2 —", text)


@tagged("post_install", "-at_install")
class TestDemoOrganisation(HttpCase):
    def test_the_demo_organisation_signs_the_portal_and_the_documents(self):
        company = self.env.ref("base.main_company")
        self.assertFalse(company.uses_default_logo)
        page = self.url_open("/consultation").text
        self.assertIn(company.name, page)
        room = self.env["consultation.room"].search([], limit=1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", room.ids)[0]
            .decode()
        )
        # A wall board is a 事务文书: its title is the room's, no red head.
        self.assertIn(room.name, html)
        self.assertNotIn('class="o_cs_letterhead"', html)


# Half-width punctuation beside a Chinese character (a 公文 sets ，。：；！？（）).
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,.;:!?()]|[,.;:!?()][\u4e00-\u9fff]")
ZERO_PADDED = re.compile(r"年0\d月|月0\d日")
SECONDS = re.compile(r"\d时\d+分\d+秒|\d:\d\d:\d\d")
DOC_NUMBER = re.compile(r"〔\d{4}〕\d+号")
PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")
# The documents GB/T 9704 gives a red head (发文机关标志) and a 文号, and the forms and
# 事务文书 that have a plain title.
HEADED = ("consultation.report_assessment", "consultation.report_supervision_letter")
# A 信函's first page and a booklet's cover bear no number.
UNNUMBERED = ("consultation.report_supervision_letter", "consultation.report_case_booklet")
PLAIN = (
    "consultation.report_meeting_signin",
    "consultation.report_topic_notice",
    "consultation.report_room_board",
    "consultation.report_case_booklet",
    "consultation.report_member_record",
    "consultation.report_outcome_form",
    "consultation.report_plan",
)


@tagged("post_install", "-at_install")
class TestGbt9704Documents(HttpCase):
    """Printed from the demo in Chinese, every document has the form GB/T 9704-2012
    gives it, as an office checks on paper: the 通报 and the 督办函 with their red head
    and 文号, the minutes as a 纪要 (第×期), the forms with a plain title; dates
    without leading zeros or seconds; `— 1 —` page numbers, odd pages right and even
    left, none on a letter's first page; full-width punctuation beside Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["consultation"], ["zh_CN"], overwrite=True)
        cls.company = cls.env.ref("base.main_company")
        cls.company.partner_id.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.Report = cls.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang="en_US"
        )

    def record(self, model):
        found = RECORDS[model]
        if isinstance(found, str):
            return self.env.ref(found)
        record = self.env[model].search(found, limit=1)
        self.assertTrue(record, f"no demo {model}")
        return record

    def overdue_outcomes(self):
        outcomes = self.env["consultation.outcome"].search([("is_overdue", "=", True)])
        self.assertTrue(outcomes, "the demo has overdue outcomes")
        return outcomes

    def confirmed_assessment(self):
        assessment = self.env["consultation.assessment"].search([], limit=1)
        if assessment.state == "draft":
            if not assessment.line_ids:
                assessment.action_compute()
            assessment.action_confirm()
        return assessment

    def pages(self, report_name, records, with_numbers=False):
        """The text of each page (pdftotext -layout); with the page numbers found at
        the foot of each page, (number, on the right) or None."""
        pdf, kind = self.Report._render_qweb_pdf(report_name, records.ids)
        self.assertEqual(kind, "pdf")
        text = pdftotext_layout(pdf)
        pages = [page for page in text.split("\f") if page.strip()]
        return (pages, page_numbers(pdf)) if with_numbers else pages

    def html(self, report_name, records):
        return self.Report._render_qweb_html(report_name, records.ids)[0].decode()

    def assert_page_numbers(self, pages, numbers, report_name, first_page=True):
        """`— n —` at the foot of each page of a document longer than a page, odd
        numbers on the right and even on the left; none on a single page or, for a
        信函 and a booklet's cover, on the first. Letters to several departments
        print as one file, each letter (with its 文号) numbered from its first page."""
        self.assertEqual(len(numbers), len(pages))
        if len(pages) == 1:
            self.assertFalse(PAGE_NUMBER.search(pages[0]), f"{report_name}: {pages[0]}")
            return
        number = 0
        for page, found in zip(pages, numbers, strict=True):
            letter = report_name == "consultation.report_supervision_letter"
            number = 1 if (number == 0 or (letter and DOC_NUMBER.search(page))) else number + 1
            if number == 1 and not first_page:
                self.assertIsNone(found, f"{report_name}: a number on the first page")
                continue
            self.assertEqual(found, (number, bool(number % 2)), f"{report_name} page {number}")

    def assert_written_as_chinese(self, text, report_name):
        for pattern in (ZERO_PADDED, SECONDS, HALF_WIDTH):
            found = pattern.search(text)
            self.assertFalse(
                found,
                f"{report_name}: {found and text[max(found.start() - 30, 0) : found.end() + 30]!r}",
            )

    def test_every_document(self):
        reports = self.env["ir.actions.report"].search(
            [("report_name", "=like", "consultation.%"), ("report_type", "=", "qweb-pdf")]
        )
        records = {
            "consultation.report_assessment": self.confirmed_assessment(),
            "consultation.report_supervision_letter": self.overdue_outcomes(),
        }
        for report in reports:
            name = report.report_name
            if name.endswith("_chapters"):
                continue  # the booklet's chapters alone, for the benchmark
            with self.subTest(report=name):
                found = records.get(name) or self.record(report.model)
                pages, numbers = self.pages(name, found, with_numbers=True)
                text = "\n".join(pages)
                self.assert_written_as_chinese(text, name)
                self.assert_page_numbers(pages, numbers, name, first_page=name not in UNNUMBERED)
                html = self.html(name, found)
                if name in HEADED:
                    self.assertIn('class="o_cs_letterhead"', html)
                    self.assertEqual(
                        pages[0].strip().splitlines()[0].strip(),
                        self.company._consultation_issuing_name(),
                    )
                    self.assertRegex(pages[0], DOC_NUMBER)
                elif name in PLAIN:
                    self.assertNotIn('class="o_cs_letterhead"', html, name)
                    self.assertNotRegex(text, DOC_NUMBER)
                    self.assertNotEqual(
                        pages[0].strip().splitlines()[0].strip(),
                        self.company._consultation_issuing_name(),
                    )

    def test_assessment_notice(self):
        assessment = self.confirmed_assessment()
        number = assessment.document_number
        prefix = self.company.consultation_document_prefix or f"{self.company.name[:1]}政协办"
        self.assertRegex(number, rf"^{prefix}〔{assessment.document_date.year}〕\d+号$")
        pages = self.pages("consultation.report_assessment", assessment)
        text = "\n".join(pages)
        self.assertIn(number, pages[0])
        self.assertIn("通报", pages[0])
        # 落款 and 版记 on the last page; no workflow state anywhere.
        self.assertIn(self.company._consultation_issuing_name(), pages[-1])
        self.assertIn("抄送：", pages[-1])
        self.assertIn("印发", pages[-1])
        for state in ("草稿", "已确认", "Draft", "Confirmed"):
            self.assertNotIn(state, text)
        # Numbered once: reopened, confirmed again and reprinted, it keeps its number.
        assessment.action_reset_draft()
        assessment.action_confirm()
        self.assertEqual(assessment.document_number, number)
        self.assertIn(number, self.pages("consultation.report_assessment", assessment)[0])

    def test_supervision_letter(self):
        outcomes = self.overdue_outcomes()
        department = outcomes.department_id[:1]
        letter = outcomes.filtered(lambda o: o.department_id == department)
        pages = self.pages("consultation.report_supervision_letter", letter)
        text = re.sub(r"\s+", "", "\n".join(pages))
        number = letter[:1].supervision_number
        self.assertRegex(number, DOC_NUMBER)
        self.assertIn(number, text)
        self.assertIn(f"{department.name}：", text)
        self.assertRegex(text, r"请于\d{1,2}月\d{1,2}日前书面反馈")
        self.assertIn("特此函告。", text)
        convener = letter.room_id.first_convener_id[:1]
        self.assertIn(f"抄送：{convener.name}", text)
        # A 信函's 版记 has no 印发机关和印发日期.
        self.assertNotIn("印发", text)
        # A reprint is the same letter.
        self.pages("consultation.report_supervision_letter", letter)
        self.assertEqual(letter[:1].supervision_number, number)

    def test_minutes_issue(self):
        revision = self.record("consultation.minutes.revision")
        meeting = revision.meeting_id
        self.assertGreater(meeting.minutes_issue, 0)
        pages = self.pages("consultation.report_minutes_revision", revision)
        text = "\n".join(pages)
        self.assertIn(f"{meeting.room_id.name}协商纪要", re.sub(r"\s+", "", pages[0]))
        self.assertIn(f"第{meeting.minutes_issue}期", text)
        self.assertNotRegex(text, DOC_NUMBER)
        self.assertIn("分送：", text)
        # The fingerprint once, in the 版记 of the last page; no 落款.
        self.assertEqual(re.sub(r"\s+", "", text).count(revision.body_sha256), 1)
        self.assertIn(revision.body_sha256, re.sub(r"\s+", "", pages[-1]))
        self.assertNotIn("第1版", re.sub(r"\s+", "", text))

    def test_sign_in_sheet_columns(self):
        meeting = self.record("consultation.meeting")
        text = re.sub(
            r"[ \t]+", " ", "\n".join(self.pages("consultation.report_meeting_signin", meeting))
        )
        self.assertRegex(text, r"序号 姓名 单位及职务 签名")
        self.assertRegex(text, rf"应到{len(meeting.attendance_ids)}人、实到")
        for old in ("名称", "角色", "召集人和固定成员"):
            self.assertNotIn(old, text)

    def test_proposal_and_public_opinion_forms(self):
        outcome = self.record("consultation.outcome")
        member = self.env.ref("consultation.member_01")
        outcome.sudo().write({"outcome_type": "proposal", "form_author_id": member.id})
        text = re.sub(
            r"\s+", "", "\n".join(self.pages("consultation.report_outcome_form", outcome))
        )
        self.assertTrue(text.startswith("提案案由" + re.sub(r"\s+", "", outcome.name)), text[:80])
        for heading in ("提案人", "界别", "联系方式", "提案内容", "情况与问题", "建议"):
            self.assertIn(heading, text)
        self.assertIn(member.name, text)
        outcome.sudo().write({"outcome_type": "public_opinion"})
        text = re.sub(
            r"\s+", "", "\n".join(self.pages("consultation.report_outcome_form", outcome))
        )
        for heading in ("社情民意信息", "标题", "反映人", "情况", "建议"):
            self.assertIn(heading, text)

    def test_notice_plan_and_record(self):
        topic = self.record("consultation.topic")
        text = "\n".join(self.pages("consultation.report_topic_notice", topic))
        contact, phone = topic.room_id._notice_contact()
        self.assertIn(f"联系人：{contact}", text)
        if phone:
            self.assertIn(f"联系电话：{phone}", text)
        # Dated from the first day of the notice period, and no 版记.
        dates = self.company.with_context(lang="zh_CN")._consultation_dates()
        self.assertEqual(
            [
                line.strip()
                for line in text.splitlines()
                if line.strip() and not PAGE_NUMBER.search(line)
            ][-1],
            dates.date(topic.publish_date_start),
        )
        self.assertNotIn("印发", text)

        approved = self.record("consultation.plan")
        self.assertEqual(approved.state, "approved")
        text = re.sub(r"\s+", "", "\n".join(self.pages("consultation.report_plan", approved)))
        self.assertIn("序号议题牵头单位协商形式计划时间", text)
        self.assertRegex(text, r"经\S+审定")
        self.assertNotIn("送审稿", text)
        for state in ("落实中", "公示中", "草稿"):
            self.assertNotIn(state, text)
        draft = self.env["consultation.plan"].create({"room_id": approved.room_id.id, "year": 2031})
        text = re.sub(r"\s+", "", "\n".join(self.pages("consultation.report_plan", draft)))
        self.assertIn("（送审稿）", text)
        self.assertNotIn("审定", text)

        member = self.record("consultation.member")
        pages = self.pages("consultation.report_member_record", member)
        lines = [
            line.strip()
            for line in "\n".join(pages).splitlines()
            if line.strip() and not PAGE_NUMBER.search(line)
        ]
        self.assertTrue(lines[0].startswith(member.name), lines[0])
        self.assertRegex(lines[-1], r"^\d{4}年\d{1,2}月\d{1,2}日$")


def pdftotext_layout(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def page_numbers(pdf):
    """Per page, the page number `— n —` found in the bottom tenth of the page as
    (n, on the right half), or None; read from pdftotext's word boxes."""
    found = []
    for width, height, words in word_boxes(pdf):
        number = None
        for index, (x0, y0, x1, word) in enumerate(words):
            if (
                word.isdigit()
                and y0 > height * 0.85
                and 0 < index < len(words) - 1
                and words[index - 1][3] == words[index + 1][3] == "—"
            ):
                number = (int(word), (x0 + x1) / 2 > width / 2)
        found.append(number)
    return found


@tagged("post_install", "-at_install")
class TestDocumentNumbers(TransactionCase):
    """发文字号 as an office sets them: its own prefix, the year in 〔〕, counted from 1
    each year and per kind of document; the 发文机关标志 set on the company."""

    def test_numbers_restart_each_year_with_the_office_prefix(self):
        company = self.env.company
        company.write(
            {
                "consultation_document_prefix": "测政协办",
                "consultation_issuing_name": "政协测试区委员会办公室",
            }
        )
        first = company._consultation_document_number("supervision", date(2031, 3, 1))
        self.assertEqual(first, "测政协办〔2031〕1号")
        self.assertEqual(
            company._consultation_document_number("supervision", date(2031, 11, 30)),
            "测政协办〔2031〕2号",
        )
        # Another kind counts on its own; a new year starts again from 1.
        self.assertEqual(
            company._consultation_document_number("assessment", date(2031, 5, 1)),
            "测政协办〔2031〕1号",
        )
        self.assertEqual(
            company._consultation_document_number("supervision", date(2032, 1, 2)),
            "测政协办〔2032〕1号",
        )
        self.assertEqual(company._consultation_issuing_name(), "政协测试区委员会办公室")
        # Unset, both are derived from the company's short name (××区政协).
        company.write(
            {
                "name": "云栖区政协",
                "consultation_document_prefix": False,
                "consultation_issuing_name": False,
            }
        )
        self.assertEqual(company._consultation_issuing_name(), "政协云栖区委员会办公室")
        self.assertRegex(
            company._consultation_document_number("supervision", date(2033, 1, 5)),
            r"^云政协办〔2033〕1号$",
        )

    def test_each_organisation_counts_its_own_documents(self):
        district = self.env.company
        other = self.env["res.company"].create({"name": "云栖区政协"})
        district.consultation_document_prefix = "测政协办"
        self.assertEqual(
            district._consultation_document_number("assessment", date(2034, 2, 1)),
            "测政协办〔2034〕1号",
        )
        self.assertEqual(
            district._consultation_document_number("assessment", date(2034, 3, 1)),
            "测政协办〔2034〕2号",
        )
        # The second organisation in the database starts from its own 1.
        self.assertEqual(
            other._consultation_document_number("assessment", date(2034, 3, 2)),
            "云政协办〔2034〕1号",
        )
        self.assertEqual(
            district._consultation_document_number("assessment", date(2034, 4, 1)),
            "测政协办〔2034〕3号",
        )
