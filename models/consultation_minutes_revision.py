"""Minutes drafted from a meeting, then frozen into numbered revisions with their PDF."""

import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list, html2plaintext, is_html_empty


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
        revisions = super().create(vals_list)
        revisions.meeting_id._assign_minutes_issue()
        return revisions

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

    @api.model
    def _render_draft(self, meeting):
        """The minutes' first draft from the meeting's record. It is the start of an
        official document: written in the organisation's language, whoever holds it."""
        meeting = meeting.with_context(lang=meeting.company_id._consultation_lang())
        return meeting.env["ir.qweb"]._render(
            "consultation.minutes_draft", self._draft_values(meeting), minimal_qcontext=True
        )

    @api.model
    def _draft_values(self, meeting):
        attendance = meeting.attendance_ids
        attended = attendance.filtered(lambda a: a.state == "attended")
        absent = attendance.filtered(lambda a: a.state in ("absent", "excused"))
        # Whole sentences, so that a translation can place its own brackets (（）).
        return {
            "meeting": meeting,
            "attended_line": meeting.env._(
                "Attended (%(count)s): %(names)s",
                count=len(attended),
                names=format_list(meeting.env, attended.mapped("partner_id.name")) or "—",
            ),
            "absent_line": meeting.env._(
                "Absent or excused (%(count)s): %(names)s",
                count=len(absent),
                names=format_list(meeting.env, absent.mapped("partner_id.name")),
            ),
            "votes_line": lambda result: meeting.env._(
                "(for %(votes_for)s, against %(votes_against)s, abstentions %(votes_abstain)s)",
                votes_for=result.votes_for,
                votes_against=result.votes_against,
                votes_abstain=result.votes_abstain,
            ),
            "form_label": dict(meeting._fields["form"]._description_selection(meeting.env)).get(
                meeting.form
            ),
            "attended": attended,
            "absent": absent,
            "opinions_by_topic": [
                (topic, meeting.opinion_ids.filtered(lambda o, t=topic: o.topic_id == t))
                for topic in meeting.topic_ids
            ],
            "results": meeting.result_ids,
            "is_html_empty": is_html_empty,
            "dates": meeting.company_id.with_env(meeting.env)._consultation_dates(),
            "format_list": lambda items: format_list(meeting.env, items),
        }

    @api.model
    def _freeze(self, meeting):
        """协商纪要定稿: the approved minutes of `meeting` become its next revision, with
        the last approver and the PDF. Written as superuser: revisions are immutable for
        every user, and the approval is what authorises this one."""
        last_review = meeting.review_ids.filtered(lambda r: r.status == "approved").sorted(
            "reviewed_date"
        )[-1:]
        # As superuser: revisions are written by no user; the approval of the minutes
        # authorises this one.
        revision = self.sudo().create(
            {
                "meeting_id": meeting.id,
                "version": meeting.minutes_version + 1,
                "body": meeting.minutes,
                "approved_by": (last_review.done_by or self.env.user).id,
                "approved_date": last_review.reviewed_date or fields.Datetime.now(),
            }
        )
        revision._attach_pdf()
        return revision

    @api.model
    def _check_submittable(self, meetings):
        """Minutes go for approval written, with the consensus reached on record."""
        for meeting in meetings:
            if is_html_empty(meeting.minutes):
                raise UserError(
                    _(
                        "Write the minutes of “%(meeting)s” before sending them for approval.",
                        meeting=meeting.display_name,
                    )
                )
            if not html2plaintext(meeting.consensus or "").strip():
                raise UserError(
                    _(
                        "Record the consensus reached at “%(meeting)s” before sending the"
                        " minutes for approval.",
                        meeting=meeting.display_name,
                    )
                )

    def _last(self):
        """The revision in force: the last one closed."""
        return self.sorted("version")[-1:]

    def _with_pdf(self):
        # Revisions imported without their file (e.g. from paper records) get it now.
        self.filtered(lambda r: not r.attachment_id)._attach_pdf()
        return self

    def _action_download(self):
        if not self:
            raise UserError(_("These minutes have no closed revision to print yet."))
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._with_pdf().attachment_id.id}?download=true",
            "target": "self",
        }

    def _action_send(self, partners):
        """The mail composer on the meeting, with the template for sending minutes
        (报送) and this revision's PDF attached."""
        if not self:
            raise UserError(_("These minutes have no closed revision to send yet."))
        self.ensure_one()
        template = self.env.ref("consultation.mail_template_minutes_report")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "consultation.meeting",
                "default_res_ids": self.meeting_id.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_partner_ids": partners.ids,
                "default_attachment_ids": self._with_pdf().attachment_id.ids,
                "default_subtype_xmlid": "mail.mt_comment",
            },
        }

    def _attach_pdf(self):
        """Render the formal PDF once and bind it to the revision. The binding is
        written in SQL because the ORM refuses every write on a revision; it can only
        fill an empty slot, so it cannot replace a file either. The file is in the
        organisation's language, as every official document, whoever closes the
        meeting."""
        report = self.env.ref("consultation.action_report_minutes_revision")
        for revision in self:
            revision = revision.with_context(lang=revision.company_id._consultation_lang())
            pdf, _format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True, consultation_freeze_minutes=True)
                ._render_qweb_pdf(report, revision.ids)
            )
            attachment = (
                # As superuser: the PDF of a frozen revision is the system's, never editable
                # by its readers.
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": revision.env._(
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

    def _attendance_lists(self):
        """出席, 列席 and 请假 of the 纪要 (GB/T 9704 §10.3): the room's members and
        invited members who attended, the experts, parties and departments who
        attended without a vote, and those excused; names in attendance order."""
        self.ensure_one()
        rows = self.meeting_id.attendance_ids
        sitting = ("expert", "stakeholder", "department")

        def names(found):
            return "、".join(found.mapped("partner_id.name"))

        return {
            "present": names(
                rows.filtered(lambda a: a.state == "attended" and a.role not in sitting)
            ),
            "sitting_in": names(
                rows.filtered(lambda a: a.state == "attended" and a.role in sitting)
            ),
            "excused": names(rows.filtered(lambda a: a.state == "excused")),
            "absent": names(rows.filtered(lambda a: a.state == "absent")),
        }

    def _distribution(self):
        """分送 in the 版记: the level above the room (its street, or the CPPCC office)
        and the departments that sat in."""
        self.ensure_one()
        # The level above is named whoever prints: a member may not read that room.
        meeting = self.meeting_id.sudo()
        above = meeting.room_id.parent_id.name or meeting.company_id._consultation_issuing_name()
        departments = meeting.attendance_ids.filtered(lambda a: a.role == "department")
        return "，".join([above, *departments.mapped("partner_id.name")])
