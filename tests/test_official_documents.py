import io
import re
import warnings
from datetime import datetime

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .test_case import CaseCase
from .test_meeting import MeetingCase

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
        for chinese in ("协商纪要", "第 1 版", "召集人", "审定人", "里弄口", "每月一日", "第 1 页"):
            self.assertIn(chinese, text)
        for english_word in ("Revision", "Convener", "Approved", "Page", "Printed"):
            self.assertNotIn(english_word, text)
        self.assertIn(revision.body_sha256, text)
        self.assertIn(self.company.name, text)
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
        self.assertIn("第 2 页", text)


@tagged("post_install", "-at_install")
class TestDemoOrganisation(HttpCase):
    def test_the_demo_organisation_signs_the_portal_and_the_documents(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "青川区政协")
        self.assertFalse(company.uses_default_logo)
        page = self.url_open("/consultation").text
        self.assertIn("青川区政协", page)
        room = self.env["consultation.room"].search([], limit=1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_room_board", room.ids)[0]
            .decode()
        )
        self.assertIn("青川区政协", html)
        self.assertIn("data:image/png;base64", html)
