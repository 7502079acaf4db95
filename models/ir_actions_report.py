"""The addon's documents are printed in the organisation's language and time zone."""

import io
import re

from odoo import models

from ..tools.dates import DocumentDates
from ..tools.pdf import document_page_numbers, finish_pdf, page_count, page_texts

BOOKLET = "consultation.report_case_booklet"
MINUTES = "consultation.report_minutes_revision"
# The 信函 (GB/T 9704 §10.1): no page number on each letter's first page, the one
# that carries its 文号 (`禾政协办〔2026〕3号`); several letters print as one file.
LETTER = "consultation.report_supervision_letter"
LETTER_NUMBER = re.compile(r"〔\d{4}〕\d+号")


def letter_page_numbers(pdf):
    """Each letter's pages numbered from 1, its first page (with the 文号) unnumbered."""
    numbers, number = [], 0
    for text in page_texts(pdf):
        number = 1 if (LETTER_NUMBER.search(text) or not numbers) else number + 1
        numbers.append(number if number > 1 else None)
    return numbers if any(numbers) else None


class IrActionsReport(models.Model):
    """Official documents speak the organisation's language. Every report of this addon
    (today's and any added later, recognised by its template's module) is rendered in
    the language of the company partner (zh_CN for a CPPCC office), whoever prints it
    and whatever language the caller's context carries: a frozen minutes revision or a
    letter sent to a department must not depend on who clicked, or on an RPC client
    that sent no language at all."""

    _inherit = "ir.actions.report"

    def _consultation_official_env(self, report_ref, res_ids):
        report = self._get_report(report_ref)
        if not (report.report_name or "").startswith("consultation."):
            return self
        records = self.env[report.model].browse(res_ids or [])
        company = None
        if "company_id" in records._fields:
            # One query for a ledger's 50,000 records (not one per 1,000 of them).
            records.fetch(["company_id"])
            company = records.company_id[:1]
        company = company or self.env.company
        # Times too: a meeting at 09:30 in Beijing prints 09:30, whoever prints it.
        return self.with_context(
            lang=company._consultation_lang(), tz=company._consultation_tz().zone
        )

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        self = self._consultation_official_env(report_ref, res_ids)
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """Every PDF of the addon is finished here, once, as wkhtmltopdf made it: its
        text layer repaired (tools.pdf.finish_pdf: copied text is characters, not
        Kangxi radicals) and its page numbers stamped in the same pass, `— 1 —` as
        GB/T 9704 places them, on every document longer than a page.
        Odoo calls this only when it renders PDFs at all (not under the test runner
        without force_report_rendering, where it returns HTML)."""
        report = self._get_report(report_ref)
        name = report.report_name or ""
        if not name.startswith("consultation."):
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        if name == BOOKLET:
            # One document, its cover, contents and chapters rendered in one
            # wkhtmltopdf run (not one PDF per case merged), and finished in one pass.
            cases = self.env["consultation.case"].browse(res_ids)
            return {False: {"stream": io.BytesIO(cases._render_booklet_pdf()), "attachment": None}}
        if name == MINUTES and res_ids and not self.env.context.get("consultation_freeze_minutes"):
            # A frozen revision's file is made once and kept with its SHA-256; every
            # download is that file, byte for byte.
            revisions = self.env[report.model].browse(res_ids)._with_pdf()
            return {
                revision.id: {
                    "stream": io.BytesIO(revision.attachment_id.raw),
                    "attachment": revision.attachment_id,
                }
                for revision in revisions
            }
        streams = super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        for stream_data in streams.values():
            stream = stream_data["stream"]
            if stream is None or (report.attachment_use and stream_data["attachment"]):
                continue  # a file kept from an earlier printing goes out as it is
            pdf = stream.getvalue()
            if name == LETTER:
                numbers = letter_page_numbers(pdf)
            else:
                numbers = document_page_numbers(page_count(pdf))
            stream_data["stream"] = io.BytesIO(finish_pdf(pdf, numbers=numbers))
            stream.close()
        return streams

    def _render_template(self, template, values=None):
        """The addon's templates write dates through one helper, `dates` (tools.dates):
        `2026年12月7日`, `2026年12月4日至12月11日`, `9:30`, in the document's language
        and on the organisation's clock."""
        if isinstance(template, str) and template.startswith("consultation."):
            values = dict(values or {})
            tz = self.env.context.get("tz") or self.env.company._consultation_tz()
            values.setdefault("dates", DocumentDates(self.env, tz))
        return super()._render_template(template, values=values)

    def _render_qweb_html(self, report_ref, docids, data=None):
        self = self._consultation_official_env(report_ref, docids)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _render_xlsx(self, report_ref, docids, data):
        self = self._consultation_official_env(report_ref, docids)
        return super()._render_xlsx(report_ref, docids, data)
