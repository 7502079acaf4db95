"""Typical cases (典型案例) written from finished topics, and their yearly booklet."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list, is_html_empty

from ..tools.booklet_pdf import finish_booklet

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
    # chapter per case. Debian's wkhtmltopdf makes no table of contents: the cover and
    # contents (their page numbers left as marks) and the chapters are rendered in one
    # wkhtmltopdf run; the chapters' first pages are found by their Chinese heading and
    # the numbers written on the contents' marks, in the pass that finishes the PDF.
    # ------------------------------------------------------------------
    def _booklet_chapters(self):
        return [(case, chinese_number(index)) for index, case in enumerate(self, start=1)]

    def _render_booklet_pdf(self):
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, booklet_page_marks=True, debug=False
        )
        report = Report._get_report("consultation.action_report_case_booklet")
        cases = self.sorted(lambda c: (c.year, c.sequence, c.id))
        # One page of HTML (report_case_booklet: the front's article, then the
        # chapters'), one body each, one run: each body starts a page, in one paper
        # format. One process, in the caller's thread: in an HTTP request too, where
        # Odoo gives wkhtmltopdf a session made from the request's.
        html = Report._render_qweb_html(report, cases.ids, data={"debug": False})[0]
        bodies, _ids, header, footer, paper_args = report._prepare_html(
            html, report_model=report.model
        )
        pdf = Report._run_wkhtmltopdf(
            bodies,
            report_ref=report,
            header=header,
            footer=footer,
            landscape=Report.env.context.get("landscape"),
            specific_paperformat_args=paper_args,
            set_viewport_size=Report.env.context.get("set_viewport_size"),
        )
        return finish_booklet(pdf, [f"第{chinese_number(n)}篇" for n in range(1, len(cases) + 1)])


class ConsultationCaseTag(models.Model):
    _name = "consultation.case.tag"
    _description = "Case Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [("name_uniq", "unique(name)", "This tag already exists.")]
