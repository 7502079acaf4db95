import base64
import hashlib
import io
import warnings

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# A CID font every PDF reader knows: Chinese in the footer without embedding a font.
CJK_FONT = "STSong-Light"


def sha256(data):
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data or b"").hexdigest()


class ConsultationMinutesRevision(models.Model):
    """Approved minutes, frozen (纪要定稿). A revision is created once, when the
    minutes are closed, and never changes: not through the ORM, not for an
    administrator. A correction is the next revision, through the same approval.
    The SHA-256 of the body is printed in the PDF's footer and the SHA-256 of the
    PDF is kept here, so a paper copy or a file can be checked against the record."""

    _name = "consultation.minutes.revision"
    _description = "Minutes Revision"
    _order = "meeting_id, version desc"

    meeting_id = fields.Many2one(
        "consultation.meeting", required=True, index=True, ondelete="restrict", readonly=True
    )
    room_id = fields.Many2one(related="meeting_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    version = fields.Integer(required=True, readonly=True)
    body = fields.Html(readonly=True, sanitize=True)
    body_sha256 = fields.Char("Body SHA-256", readonly=True)
    approved_by = fields.Many2one("res.users", readonly=True)
    approved_date = fields.Datetime(readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True)
    pdf_sha256 = fields.Char("PDF SHA-256", readonly=True)

    _sql_constraints = [
        (
            "meeting_version_uniq",
            "unique(meeting_id, version)",
            "This revision number already exists for the meeting.",
        ),
    ]

    @api.depends("meeting_id.code", "version")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = _(
                "%(number)s revision %(version)s",
                number=revision.meeting_id.code,
                version=revision.version,
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["body_sha256"] = sha256(vals.get("body") or "")
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(
                _(
                    "Approved minutes never change. To correct them, reopen the meeting's"
                    " minutes: the correction becomes a new revision after approval."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Approved minutes are part of the record and cannot be deleted."))

    def _attach_pdf(self):
        """Render the formal PDF once and bind it to the revision. The binding is
        written in SQL because the ORM refuses every write on a revision; it can only
        fill an empty slot, so it cannot replace a file either."""
        report = self.env.ref("consultation.action_report_minutes_revision")
        for revision in self:
            pdf, _format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, revision.ids)
            )
            pdf = revision._stamp_footer(pdf)
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": _(
                            "Minutes %(number)s v%(version)s.pdf",
                            number=revision.meeting_id.code,
                            version=revision.version,
                        ),
                        "datas": base64.b64encode(pdf),
                        "mimetype": "application/pdf",
                        "res_model": self._name,
                        "res_id": revision.id,
                    }
                )
            )
            self.env.cr.execute(
                """
                UPDATE consultation_minutes_revision
                   SET attachment_id = %s, pdf_sha256 = %s
                 WHERE id = %s AND attachment_id IS NULL
                """,
                [attachment.id, sha256(pdf), revision.id],
            )
        self.invalidate_recordset(["attachment_id", "pdf_sha256"])

    def _stamp_footer(self, pdf):
        """Print the body's fingerprint and the page numbers at the foot of every
        page."""
        self.ensure_one()
        total = len(PdfFileReader(io.BytesIO(pdf), strict=False).pages)
        return stamp_pages(
            pdf,
            left=[(_("Body SHA-256:"), self.body_sha256)] * total,
            right=[
                self.env._("Page %(page)s of %(total)s", page=number + 1, total=total)
                for number in range(total)
            ],
        )


def stamp_pages(pdf, left=None, right=None):
    """Draw a footer on every page of a finished PDF: on the left a label in Chinese
    and a value in a Latin font (a fingerprint stays machine-readable), on the right
    a text such as the page number. Done on the PDF because Debian's wkhtmltopdf
    (unpatched Qt) ignores HTML headers and footers."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    source = PdfFileReader(io.BytesIO(pdf), strict=False)
    total = source.getNumPages()
    packet = io.BytesIO()
    overlay = canvas.Canvas(packet)
    for number in range(total):
        box = source.getPage(number).mediaBox
        width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        overlay.setPageSize((width, height))
        overlay.setFillGray(0.35)
        if left and left[number]:
            label, value = left[number]
            overlay.setFont(CJK_FONT, 7.5)
            overlay.drawString(20 * mm, 10 * mm, label)
            overlay.setFont("Helvetica", 7.5)
            overlay.drawString(
                20 * mm + pdfmetrics.stringWidth(label, CJK_FONT, 7.5) + 4, 10 * mm, value
            )
        if right and right[number]:
            overlay.setFont(CJK_FONT, 8)
            overlay.drawRightString(width - 20 * mm, 10 * mm, right[number])
        overlay.showPage()
    overlay.save()
    stamps = PdfFileReader(packet, strict=False)
    result = PdfFileWriter()
    with warnings.catch_warnings():
        # PyPDF2 cannot map the CID font's glyphs back to text; merging needs not.
        warnings.filterwarnings("ignore", message="Advanced encoding")
        for number in range(total):
            page = source.getPage(number)
            page.mergePage(stamps.getPage(number))
            result.addPage(page)
    output = io.BytesIO()
    result.write(output)
    return output.getvalue()
