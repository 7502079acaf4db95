"""The yearly assessment (年度考核) of rooms, topics and members, and its awards."""

import math
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .consultation_assessment_line import AWARDS
from .consultation_meeting import HELD_STATES


class ConsultationAssessment(models.Model):
    """年度考核: rooms, topics and members of a year scored against the office's
    criteria; the awards proposed by the rules below are reviewed, then confirmed."""

    _name = "consultation.assessment"
    _description = "Yearly Assessment"
    _inherit = ["consultation.lifecycle.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        # A year is a label: never summed in lists, pivots or groups.
        aggregator=False,
        required=True,
        tracking=True,
        default=lambda self: self.env.company._consultation_today().year - 1,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    # 发文字号 and 成文日期 (GB/T 9704), given once when the document is issued
    # (confirmed) and kept: a reprint, a reopening or a correction never renumbers it.
    document_number = fields.Char(
        readonly=True, copy=False, help="发文字号, e.g. 禾政协办〔2026〕3号."
    )
    document_date = fields.Date("Date of Issue", readonly=True, copy=False)
    line_ids = fields.One2many("consultation.assessment.line", "assessment_id", copy=False)
    room_line_ids = fields.One2many(
        "consultation.assessment.line", "assessment_id", domain=[("kind", "=", "room")]
    )
    topic_line_ids = fields.One2many(
        "consultation.assessment.line", "assessment_id", domain=[("kind", "=", "topic")]
    )
    member_line_ids = fields.One2many(
        "consultation.assessment.line", "assessment_id", domain=[("kind", "=", "member")]
    )
    # The award rules: no source document gives them. Each assessment starts from the
    # office's own defaults (res.company, 政协办公室设定) and may change them.
    organisation_share = fields.Float(
        "Excellent Organisation: Share of Rooms",
        default=lambda self: self.env.company.consultation_organisation_share,
        help="Set by the CPPCC office: the best-scored share of the rooms on track (at"
        " least one room).",
    )
    quality_count = fields.Integer(
        "Deliberation Quality: Topics",
        default=lambda self: self.env.company.consultation_quality_count,
        help="Set by the CPPCC office: at most this many topics whose outcomes are all"
        " done, best feedback and satisfaction first.",
    )
    three_good_share = fields.Float(
        "Three-Good: Share of Members",
        default=lambda self: self.env.company.consultation_three_good_share,
        help="Set by the CPPCC office: the best share of the CPPCC members who qualify (at"
        " least one). Only CPPCC members (委员) hold the title.",
    )
    three_good_attendance = fields.Integer(
        "Three-Good: Minimum Attendance (%)",
        default=lambda self: self.env.company.consultation_three_good_attendance,
        help="Set by the CPPCC office: members must have attended at least this share of"
        " their invitations and given at least one opinion or topic.",
    )
    award_count = fields.Integer(compute="_compute_award_count")

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "There is already an assessment of this year.",
        ),
    ]

    @api.depends("year")
    def _compute_name(self):
        for assessment in self:
            assessment.name = _("%(year)s Yearly Assessment", year=assessment.year)

    def _compute_award_count(self):
        counts = dict(
            self.env["consultation.assessment.line"]._read_group(
                [("assessment_id", "in", self.ids), ("award", "!=", False)],
                ["assessment_id"],
                ["__count"],
            )
        )
        for assessment in self:
            assessment.award_count = counts.get(assessment, 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """Score the year's rooms, topics and members and propose the awards."""
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    _(
                        "“%(assessment)s” is confirmed: its results can no longer be computed"
                        " again.",
                        assessment=assessment.name,
                    )
                )
            if assessment.year >= assessment.company_id._consultation_today().year:
                raise UserError(
                    _(
                        "The year %(year)s is not over yet: assess it once it has ended.",
                        year=assessment.year,
                    )
                )
            assessment.line_ids.unlink()
            vals_list = (
                assessment._room_lines() + assessment._topic_lines() + assessment._member_lines()
            )
            self.env["consultation.assessment.line"].create(vals_list)
            assessment.message_post(
                body=_(
                    "Results computed: %(count)s awards proposed.",
                    count=len([v for v in vals_list if v.get("award")]),
                )
            )
        return True

    def action_confirm(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    _("“%(assessment)s” is already confirmed.", assessment=assessment.name)
                )
            if not assessment.line_ids:
                raise UserError(
                    _(
                        "Compute the results of “%(assessment)s” before confirming them.",
                        assessment=assessment.name,
                    )
                )
        self._set_state({"state": "confirmed"})
        self._issue_document_number()
        return True

    @api.model
    def _issue_missing_document_numbers(self):
        """Results confirmed by data (demo, an upgraded database) get their numbers,
        dated the day they were last written."""
        confirmed = self.sudo().search(
            [("state", "=", "confirmed"), ("document_number", "=", False)], order="write_date, id"
        )
        for assessment in confirmed:
            assessment._issue_document_number(assessment.write_date.date())

    def _issue_document_number(self, day=None):
        for assessment in self.filtered(lambda a: not a.document_number):
            company = assessment.company_id
            issue_day = day or company._consultation_today()
            assessment.write(
                {
                    "document_number": company._consultation_document_number(
                        "assessment", issue_day
                    ),
                    "document_date": issue_day,
                }
            )

    def action_reset_draft(self):
        """Reopen confirmed results, e.g. to correct a figure; the chatter keeps it."""
        for assessment in self:
            if assessment.state != "confirmed":
                raise UserError(_("“%(assessment)s” is not confirmed.", assessment=assessment.name))
        self._set_state({"state": "draft"})
        for assessment in self:
            assessment.message_post(
                body=_("Results reopened by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------
    def _period(self):
        company = self.company_id
        return (
            company._consultation_to_utc(date(self.year, 1, 1)),
            company._consultation_to_utc(date(self.year + 1, 1, 1)),
        )

    @staticmethod
    def _ranked(vals_list):
        vals_list.sort(key=lambda v: -v["score"])
        for rank, vals in enumerate(vals_list, start=1):
            vals["rank"] = rank
        return vals_list

    @staticmethod
    def _award_best(vals_list, count, award):
        for vals in [v for v in vals_list if v["meets_requirements"]][:count]:
            vals["award"] = award

    def _room_lines(self):
        # As superuser, here and below: the assessment scores every room of the
        # organisation, beyond the rooms its author reads.
        Room = self.env["consultation.room"].sudo()
        rooms = Room.search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_established", "<=", date(self.year, 12, 31)),
            ]
        )
        # The year's rows where the cron kept them, else the same figures computed now:
        # the award reads the compliance of the year, the rule every figure reads.
        fields_read = ("meetings_held", "meetings_required", "windows_due", "windows_missed")
        quota = {
            row.room_id: dict(
                {f: row[f] for f in fields_read}, compliance_state=row.compliance_state
            )
            # As superuser: every room's yearly figures, whoever runs the assessment.
            for row in self.env["consultation.room.year"]
            .sudo()
            .search([("year", "=", self.year), ("room_id", "in", rooms.ids)])
        }
        quota.update(
            self.env["consultation.room.year"]._year_values(
                rooms.filtered(lambda r: r not in quota), self.year
            )
        )
        start, end = self._period()
        # As superuser: the outcomes of every room assessed.
        Outcome = self.env["consultation.outcome"].sudo()
        outcome_domain = [
            ("room_id", "in", rooms.ids),
            ("meeting_id.start", ">=", start),
            ("meeting_id.start", "<", end),
            ("state", "not in", ("draft", "rejected")),
        ]
        totals = dict(Outcome._read_group(outcome_domain, ["room_id"], ["__count"]))
        done = dict(
            Outcome._read_group([*outcome_domain, ("state", "=", "done")], ["room_id"], ["__count"])
        )
        satisfaction = dict(
            Outcome._read_group(
                [*outcome_domain, ("satisfaction", ">", 0)], ["room_id"], ["satisfaction:avg"]
            )
        )
        fed_back, due = self._feedback_counts(rooms)
        # As superuser: the cases of every room assessed.
        cases = dict(
            self.env["consultation.case"]
            .sudo()
            ._read_group(
                [
                    ("room_id", "in", rooms.ids),
                    ("year", "=", self.year),
                    ("state", "=", "published"),
                ],
                ["room_id"],
                ["__count"],
            )
        )
        criteria = self.env["consultation.assessment.criterion"].search([])
        total_weight = sum(criteria.mapped("weight")) or 1.0
        vals_list = []
        for room in rooms:
            year = quota[room]
            held, required = year["meetings_held"], year["meetings_required"]
            windows = year["windows_due"]
            accepted = totals.get(room, 0)
            if windows:
                # Rooms that meet every two months: the share of the windows met.
                meetings = (windows - year["windows_missed"]) / windows
            else:
                meetings = min(held / required, 1.0) if required else 1.0
            measures = {
                "meetings": meetings,
                "standard": (
                    room.standard_score / room.standard_item_count
                    if room.standard_item_count
                    else 0.0
                ),
                "outcomes": done.get(room, 0) / accepted if accepted else 0.0,
                # 结果反馈: of the outcomes due this year, those fed back by their deadline.
                "feedback": fed_back.get(room, 0) / due[room] if due.get(room) else 0.0,
                "satisfaction": (satisfaction.get(room) or 0.0) / 100.0,
                "cases": min(cases.get(room, 0), 1),
            }
            score = sum(c.weight * measures[c.measure] for c in criteria) / total_weight * 100
            vals_list.append(
                {
                    "assessment_id": self.id,
                    "kind": "room",
                    "room_id": room.id,
                    "score": round(score, 1),
                    "meets_requirements": year["compliance_state"] == "ok",
                    "note": _(
                        "%(held)s of %(required)s meetings; %(missed)s two-month windows"
                        " without one",
                        held=held,
                        required=required,
                        missed=year["windows_missed"],
                    )
                    if year["windows_missed"]
                    else _("%(held)s of %(required)s meetings", held=held, required=required),
                }
            )
        self._ranked(vals_list)
        qualified = [v for v in vals_list if v["meets_requirements"]]
        count = max(1, math.floor(len(qualified) * self.organisation_share)) if qualified else 0
        self._award_best(vals_list, count, "organisation")
        return vals_list

    def _feedback_counts(self, rooms):
        """结果反馈 per room: ({room: outcomes fed back by their deadline}, {room: outcomes
        due}). Due in the year: its deadline falls in the year, or it was done and fed
        back in the year. Fed back: the day the feedback was published (the outcome
        marked done with its public feedback) is on or before the deadline; the addon
        keeps no record of each participant receiving it."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        # As superuser: the outcomes of every room assessed.
        outcomes = (
            self.env["consultation.outcome"]
            .sudo()
            .search_fetch(
                [
                    ("room_id", "in", rooms.ids),
                    ("state", "not in", ("draft", "rejected")),
                    "|",
                    "&",
                    ("date_deadline", ">=", first),
                    ("date_deadline", "<=", last),
                    "&",
                    ("date_feedback", ">=", first),
                    ("date_feedback", "<=", last),
                ],
                ["room_id", "date_deadline", "date_feedback"],
            )
        )
        fed_back, due = {}, {}
        for outcome in outcomes:
            room = outcome.room_id
            due[room] = due.get(room, 0) + 1
            deadline, told = outcome.date_deadline, outcome.date_feedback
            if told and (not deadline or told <= deadline):
                fed_back[room] = fed_back.get(room, 0) + 1
        return fed_back, due

    def _topic_lines(self):
        start, end = self._period()
        # As superuser: the meetings of every room assessed.
        meetings = (
            self.env["consultation.meeting"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", HELD_STATES),
                    ("start", ">=", start),
                    ("start", "<", end),
                ]
            )
        )
        topics = meetings.topic_ids.filtered("outcome_ids")
        vals_list = []
        for topic in topics:
            outcomes = topic.outcome_ids.filtered(lambda o: o.state != "rejected")
            if not outcomes:
                continue
            all_done = all(o.state == "done" for o in outcomes)
            fed_back = len(outcomes.filtered("public_feedback")) / len(outcomes)
            surveyed = outcomes.filtered("satisfaction")
            satisfaction = sum(surveyed.mapped("satisfaction")) / len(surveyed) if surveyed else 0.0
            vals_list.append(
                {
                    "assessment_id": self.id,
                    "kind": "topic",
                    "topic_id": topic.id,
                    "room_id": topic.room_id.id,
                    "score": round(50 * fed_back + 0.5 * satisfaction, 1),
                    "meets_requirements": all_done,
                }
            )
        self._ranked(vals_list)
        self._award_best(vals_list, self.quality_count, "quality")
        return vals_list

    def _member_lines(self):
        # As superuser: every member of the organisation is assessed, whatever rooms the
        # author reads.
        members = (
            self.env["consultation.member"]
            .sudo()
            .search(
                [
                    "|",
                    ("company_id", "=", False),
                    ("company_id", "=", self.company_id.id),
                    ("member_type", "in", ("cppcc_member", "representative")),
                ]
            )
        )
        figures = members._participation(self.year)
        vals_list = []
        for member, fig in figures.items():
            if not fig["invited"]:
                continue
            rate = fig["attended"] / fig["invited"]
            contributions = fig["opinions"] + fig["topics_proposed"]
            score = 50 * rate + 30 * min(contributions, 5) / 5 + 20 * min(fig["research"], 2) / 2
            # Representatives are ranked for their participation; 三好委员 is a title of
            # CPPCC members (委员) only.
            eligible = member.member_type == "cppcc_member"
            vals_list.append(
                {
                    "assessment_id": self.id,
                    "kind": "member",
                    "member_id": member.id,
                    "score": round(score, 1),
                    "meets_requirements": eligible
                    and rate * 100 >= self.three_good_attendance
                    and contributions >= 1,
                    "note": _(
                        "Attended %(attended)s of %(invited)s, %(opinions)s opinions,"
                        " %(topics)s topics",
                        attended=fig["attended"],
                        invited=fig["invited"],
                        opinions=fig["opinions"],
                        topics=fig["topics_proposed"],
                    )
                    + (
                        ""
                        if eligible
                        else _("; deliberation representative: not a CPPCC member (委员)")
                    ),
                }
            )
        self._ranked(vals_list)
        qualified = [v for v in vals_list if v["meets_requirements"]]
        count = max(1, math.floor(len(qualified) * self.three_good_share)) if qualified else 0
        self._award_best(vals_list, count, "three_good")
        return vals_list

    def _awards(self, award):
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.award == award).sorted("rank")

    def _award_labels(self):
        return dict(AWARDS)
