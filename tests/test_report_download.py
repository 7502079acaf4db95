"""Every report of the addon, downloaded the way the web client downloads it."""

import hashlib
import json
import re
import subprocess
import tempfile
from pathlib import Path

from odoo import http
from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.consultation.tools import booklet_pdf
from odoo.addons.consultation.tools import pdf as pdf_tools
from odoo.http import content_disposition
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval, time

from .test_case import assert_contents_point_at_chapters

RADICALS = re.compile("[\u2e80-\u2fd5]")
MAGIC = {"qweb-pdf": b"%PDF", "xlsx": b"PK\x03\x04"}
ROUTE = {"qweb-pdf": "pdf", "xlsx": "xlsx"}
EXTENSION = {"qweb-pdf": "pdf", "xlsx": "xlsx"}

# One demo record a model, in a state where its documents make sense.
RECORDS = {
    "consultation.assessment": [],
    "consultation.case": "consultation.case_charging",
    "consultation.deliberation.plan": "consultation.deliberation_plan_lift",
    "consultation.meeting": "consultation.meeting_charging",
    "consultation.member": "consultation.member_01",
    "consultation.minutes.revision": "consultation.meeting_charging_revision_1",
    "consultation.outcome": [("state", "=", "in_progress"), ("date_deadline", "!=", False)],
    "consultation.plan": "consultation.plan_hp",
    "consultation.room": "consultation.room_hp",
    "consultation.room.year": [("meetings_held", ">", 0)],
    "consultation.topic": [("state", "=", "published")],
}


def pdftotext(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestReportDownload(HttpCase):
    """The office manager of a Chinese interface downloads each document from the
    Print menu: the file arrives, named as the report says, and copies as Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Every language the addon ships a translation for, and its source.
        shipped = Path(get_module_path("consultation"), "i18n").glob("*.po")
        cls.languages = ["en_US", *sorted(path.stem for path in shipped)]
        for lang in cls.languages[1:]:
            cls.env["res.lang"]._activate_lang(lang)
            cls.env["ir.module.module"]._load_module_terms(["consultation"], [lang], overwrite=True)
        cls.env.company.partner_id.lang = "zh_CN"
        cls.manager = cls.env.ref("consultation.user_manager")
        cls.manager.lang = "zh_CN"
        cls.reports = cls.env["ir.actions.report"].search(
            [("report_name", "=like", "consultation.%")]
        )

    def setUp(self):
        super().setUp()
        # Under HttpCase every request works on the test's one cursor, behind a lock:
        # wkhtmltopdf, fetching the report's stylesheets from this server while the
        # download request holds the lock, would wait for ever (a real server serves
        # them from another worker). The lock is let go while wkhtmltopdf runs.
        run_wkhtmltopdf = IrActionsReport._run_wkhtmltopdf
        lock = self.registry.test_lock

        def run_unlocked(report, *args, **kwargs):
            try:
                lock.release()
            except RuntimeError:  # rendered by the test itself, not by a request
                return run_wkhtmltopdf(report, *args, **kwargs)
            try:
                return run_wkhtmltopdf(report, *args, **kwargs)
            finally:
                lock.acquire()

        self.wkhtmltopdf_runs = []

        def run_counted(report, bodies, *args, **kwargs):
            self.wkhtmltopdf_runs.append(len(bodies))
            return run_unlocked(report, bodies, *args, **kwargs)

        self.patch(IrActionsReport, "_run_wkhtmltopdf", run_counted)
        # Each file is finished (repaired, stamped) once, wherever it comes from.
        self.finished = []
        for module in (pdf_tools, booklet_pdf):

            def finish_pages(*args, _finish_pages=module.finish_pages, **kwargs):
                self.finished.append(args)
                return _finish_pages(*args, **kwargs)

            self.patch(module, "finish_pages", finish_pages)

    def record(self, model):
        found = RECORDS[model]
        if isinstance(found, str):
            return self.env.ref(found)
        record = self.env[model].search(found, limit=1)
        self.assertTrue(record, f"no demo {model} matching {found}")
        return record

    def download(self, report, records):
        ids = ",".join(str(record_id) for record_id in records.ids)
        url = f"/report/{ROUTE[report.report_type]}/{report.report_name}/{ids}"
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, report.report_type]),
                # The PDF route renders HTML under the test runner unless asked for.
                "context": json.dumps({"lang": "zh_CN", "force_report_rendering": True}),
                "token": "dummy",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=180,
        )

    def test_every_report_downloads_in_chinese(self):
        self.assertEqual(set(self.reports.mapped("report_type")), {"qweb-pdf", "xlsx"})
        self.authenticate("manager", "manager")
        for report in self.reports:
            with self.subTest(report=report.report_name):
                record = self.record(report.model)
                # The file name is evaluated in every language the interface may speak.
                names = {}
                for lang in self.languages:
                    expression = report.with_context(lang=lang).print_report_name
                    if expression:
                        names[lang] = safe_eval(
                            expression, {"object": record.with_context(lang=lang), "time": time}
                        )
                self.finished.clear()
                response = self.download(report, record)
                self.assertEqual(response.status_code, 200, response.text[:2000])
                self.assertEqual(len(self.finished), report.report_type == "qweb-pdf")
                self.assertEqual(
                    response.content[:4], MAGIC[report.report_type], response.text[:2000]
                )
                name = names.get("zh_CN") or report.with_context(lang="zh_CN").name
                self.assertEqual(
                    response.headers["Content-Disposition"],
                    content_disposition(f"{name}.{EXTENSION[report.report_type]}"),
                )
                if report.report_type == "qweb-pdf":
                    text = pdftotext(response.content)
                    self.assertRegex(text, "[\u4e00-\u9fff]")
                    self.assertFalse(RADICALS.findall(text), text)

    def test_the_booklet_downloads_in_one_wkhtmltopdf_run_with_its_contents(self):
        """The booklet from the browser (in an HTTP request, where wkhtmltopdf fetches
        the style sheets with the request's session) is made as a script makes it:
        cover, contents and chapters in one wkhtmltopdf run, its contents pointing at
        the pages where the chapters start."""
        cases = self.env["consultation.case"].search([], order="year, sequence, id")
        self.assertGreater(len(cases), 2, "the demo has cases")
        cases[1].write({"process": "<p>" + "反复征求意见。" * 400 + "</p>"})
        report = self.env.ref("consultation.action_report_case_booklet")
        self.authenticate("manager", "manager")
        response = self.download(report, cases)
        self.assertEqual(response.status_code, 200, response.text[:2000])
        self.assertEqual(response.content[:4], b"%PDF", response.text[:2000])
        self.assertEqual(self.wkhtmltopdf_runs, [1])
        self.assertEqual(len(self.finished), 1)
        start = assert_contents_point_at_chapters(self, response.content, cases)
        self.assertGreater(start[cases[2]] - start[cases[1]], 1, start)
        chapter = pdftotext(response.content).split("\f")[start[cases[0]] - 1]
        self.assertIn("背景", chapter)

    def test_every_role_downloads_what_its_print_menu_offers(self):
        """Each demo role downloads, in Chinese, every report its Print menu offers on
        a record it reads: the menu never offers what the download then refuses."""
        for login in ("secretary", "approver", "member", "viewer"):
            user = self.env["res.users"].search([("login", "=", login)])
            user.lang = "zh_CN"
            self.authenticate(login, login)
            for report in self.reports.filtered("binding_model_id"):
                Model = self.env[report.model].with_user(user)
                if (report.groups_id and not report.groups_id & user.groups_id) or (
                    not Model.has_access("read")
                ):
                    continue
                found = RECORDS[report.model]
                if report.model == "consultation.member":
                    # A participation record is printed by the office, the room's
                    # secretaries or the member: a member prints their own.
                    found = [("user_id", "=", user.id)] if login == "member" else found
                    if login in ("approver", "viewer"):
                        continue
                if isinstance(found, str):
                    record = self.env.ref(found).with_user(user)
                    record = (
                        record if record._filtered_access("read") else Model.search([], limit=1)
                    )
                else:
                    record = Model.search(found, limit=1) or Model.search([], limit=1)
                if not record:
                    continue
                with self.subTest(login=login, report=report.report_name):
                    response = self.download(report, record)
                    self.assertEqual(response.status_code, 200, response.text[:2000])
                    self.assertEqual(
                        response.content[:4], MAGIC[report.report_type], response.text[:2000]
                    )

    def test_frozen_minutes_download_as_stored(self):
        """A revision's PDF is made once; every download is that file, byte for byte,
        so that it matches the SHA-256 kept on the revision."""
        revision = self.record("consultation.minutes.revision")
        report = self.env.ref("consultation.action_report_minutes_revision")
        self.authenticate("manager", "manager")
        response = self.download(report, revision)
        self.assertEqual(response.status_code, 200, response.text[:2000])
        self.assertEqual(len(self.finished), 1)  # frozen by the first download
        self.assertTrue(revision.pdf_sha256)
        self.assertEqual(self.download(report, revision).content, response.content)
        self.assertEqual(len(self.finished), 1)
        self.assertEqual(hashlib.sha256(response.content).hexdigest(), revision.pdf_sha256)
        self.assertEqual(response.content, revision.attachment_id.raw)
        # The revision's own Download button.
        action = revision.with_user(self.manager)._action_download()
        self.assertEqual(self.url_open(action["url"]).content, response.content)
        text = pdftotext(response.content)
        self.assertIn(revision.body_sha256, re.sub(r"\s+", "", text))
        self.assertFalse(RADICALS.findall(text), text)
