"""Typical cases (典型案例) written from finished topics, and their yearly booklet."""

import math

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list, is_html_empty

from ..tools.pdf import finish_pdf, page_count, page_texts

CN_DIGITS = "零一二三四五六七八九"


def chinese_number(number):
    """1 → 一, 12 → 十二, 105 → 一百零五: chapter markers the PDF's text keeps."""
    if number < 10:
        return CN_DIGITS[number]
    if number < 20:
        return "十" + (CN_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, units = divmod(number, 10)
        return CN_DIGITS[tens] + "十" + (CN_DIGITS[units] if units else "")
    hundreds, rest = divmod(number, 100)
    if not rest:
        return CN_DIGITS[hundreds] + "百"
    return CN_DIGITS[hundreds] + "百" + ("零" if rest < 10 else "") + chinese_number(rest)


class ConsultationCase(models.Model):
    """A typical case (典型案例) written from a finished topic, for the case library
    and its yearly booklet."""

    _name = "consultation.case"
    _description = "Typical Case"
    _inherit = [
        "consultation.lifecycle.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "image.mixin",
    ]
    _order = "year desc, sequence, id"

    name = fields.Char("Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    topic_id = fields.Many2one("consultation.topic", index=True)
    meeting_id = fields.Many2one("consultation.meeting", index=True)
    outcome_ids = fields.Many2many(
        "consultation.outcome",
        "consultation_case_outcome_rel",
        "case_id",
        "outcome_id",
        string="Outcomes",
    )
    background = fields.Html()
    process = fields.Html("Consultation Process")
    result = fields.Html("Results")
    highlights = fields.Html("Highlights and Lessons")
    tag_ids = fields.Many2many("consultation.case.tag", string="Tags")
    year = fields.Integer(
        # A year is a label: never summed in lists, pivots or groups.
        aggregator=False,
        required=True,
        default=lambda self: self.env.company._consultation_today().year,
        index=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Released")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_published = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "topic_uniq",
            "unique(topic_id)",
            "This topic has already been written up as a case: open that case from the topic.",
        ),
    ]

    def action_publish(self):
        self._check_state(("draft",), _("Only a draft case can be published."))
        for case in self:
            missing = [
                label
                for fname, label in (
                    ("background", _("background")),
                    ("process", _("consultation process")),
                    ("result", _("results")),
                )
                if is_html_empty(case[fname])
            ]
            if missing:
                raise UserError(
                    _(
                        "Write the %(parts)s of “%(case)s” before publishing it.",
                        parts=format_list(self.env, missing),
                        case=case.name,
                    )
                )
        self._set_state(
            {"state": "published", "date_published": self.env.company._consultation_today()}
        )
        return True

    def action_unpublish(self):
        self._check_state(("published",), _("Only a published case can be withdrawn."))
        self._set_state({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # From a finished topic
    # ------------------------------------------------------------------
    @api.model
    def _values_from_topic(self, topic):
        meetings = topic.meeting_ids.filtered(
            lambda m: m.state in ("held", "minutes_review", "closed")
        ).sorted("start")
        outcomes = topic.outcome_ids.filtered(lambda o: o.state != "rejected")
        dates = topic.company_id.with_env(self.env)._consultation_dates()
        process = Markup("").join(
            Markup("<p><strong>%s</strong> %s</p>%s")
            % (
                # The day of the sitting on the organisation's calendar.
                dates.date(meeting.start),
                meeting.name,
                meeting.consensus or Markup(""),
            )
            for meeting in meetings
        )
        result = Markup("").join(
            Markup("<p><strong>%s</strong>:%s%s</p>")
            % (
                outcome.name,
                outcome.public_feedback or "",
                self.env._("(satisfaction %(rate)s%%)", rate=outcome.satisfaction)
                if outcome.satisfaction
                else "",
            )
            for outcome in outcomes
        )
        return {
            "name": topic.name,
            "room_id": topic.room_id.id,
            "topic_id": topic.id,
            "meeting_id": meetings[-1:].id,
            "outcome_ids": [(6, 0, outcomes.ids)],
            "background": topic.description,
            "process": process,
            "result": result,
            "year": topic.company_id._consultation_year(meetings[-1:].start),
        }

    # ------------------------------------------------------------------
    # The booklet (典型案例汇编): cover, table of contents with page numbers, one
    # chapter per case. Debian's wkhtmltopdf makes no table of contents, so the
    # chapters are rendered first, their first pages found by their Chinese
    # heading, and the front matter is rendered with those page numbers.
    # ------------------------------------------------------------------
    def _booklet_chapters(self):
        return [(case, chinese_number(index)) for index, case in enumerate(self, start=1)]

    def _render_booklet_pdf(self):
        # The parts come unfinished: they are joined, repaired and stamped below, once.
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, consultation_pdf_part=True
        )
        cases = self.sorted(lambda c: (c.year, c.sequence, c.id))
        chapters_pdf, _format = Report._render_qweb_pdf(
            "consultation.action_report_case_booklet_chapters", cases.ids
        )
        texts = page_texts(chapters_pdf)
        starts = _chapter_start_pages(texts, [f"第{n}篇" for _c, n in cases._booklet_chapters()])
        # The cover, then about 35 contents lines a page: right first time for most
        # booklets, so that the front matter is usually rendered once.
        front_pages = 1 + math.ceil(len(cases) / 35)
        for _attempt in range(3):
            front_pdf, _format = Report.with_context(
                booklet_pages=[front_pages + start for start in starts]
            )._render_qweb_pdf("consultation.action_report_case_booklet_front", cases.ids)
            actual = page_count(front_pdf)
            if actual == front_pages:
                break
            front_pages = actual
        total = actual + len(texts)
        # Front matter and chapters are joined, repaired and stamped in one pass; the
        # cover bears no number (GB/T 9704 page numbers, `— 2 —` on the contents).
        return finish_pdf(
            [front_pdf, chapters_pdf],
            numbers=[None if number == 0 else number + 1 for number in range(total)],
        )


def _chapter_start_pages(texts, markers):
    """First page (1-based) on which each marker appears, in order, in the pages'
    texts (tools.pdf.page_texts)."""
    starts = []
    page = 0
    for marker in markers:
        while page < len(texts) and marker not in texts[page]:
            page += 1
        starts.append(min(page, len(texts) - 1) + 1)
    return starts


class ConsultationCaseTag(models.Model):
    _name = "consultation.case.tag"
    _description = "Case Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [("name_uniq", "unique(name)", "This tag already exists.")]
