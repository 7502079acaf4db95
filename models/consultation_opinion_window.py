"""The window in which the invitees of an online or written consultation give their opinions."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Forms of consultation that gather their invitees' opinions in a window of their own.
COLLECTING_FORMS = ("online", "written")


class ConsultationOpinionWindow(models.AbstractModel):
    """Online and written consultations (网络协商、书面协商) have no sitting: the invitees
    give their opinions on the agenda during a window of their own, whatever the topics'
    notice period. The model using it has `form`, `start`, `stop`, `state`,
    `partner_ids` and `attendance_ids` (the meeting)."""

    _name = "consultation.opinion.window"
    _description = "Opinion Window of an Online or Written Consultation"

    opinion_date_start = fields.Datetime(
        "Opinions From",
        compute="_compute_opinion_window",
        store=True,
        readonly=False,
        copy=False,
        help="Online and written consultations: invitees give their opinions from this time"
        " (by default the meeting's start).",
    )
    opinion_date_end = fields.Datetime(
        "Opinions Until",
        compute="_compute_opinion_window",
        store=True,
        readonly=False,
        copy=False,
        help="Online and written consultations: the window closes by itself at this time"
        " (by default the meeting's end).",
    )
    collecting_opinions = fields.Boolean(
        compute="_compute_collecting_opinions",
        search="_search_collecting_opinions",
        help="Invitees can give their opinions now, here and on the portal.",
    )
    replied_count = fields.Integer(
        "Replies", compute="_compute_replied_count", help="Invitees who gave an opinion."
    )

    # Not on "start" and "stop": they are the event's, and a dependency through
    # calendar_event_id would make every write of any event look for meetings. The
    # event of a meeting recomputes the window when its date moves (calendar.event).
    @api.depends("form")
    def _compute_opinion_window(self):
        for record in self:
            collects = record.form in COLLECTING_FORMS
            record.opinion_date_start = record.start if collects else False
            record.opinion_date_end = record.stop if collects else False

    def _recompute_opinion_window(self):
        """The meeting's date moved: the window follows, unless it is being written
        in the same call (as the ORM's own dependencies would)."""
        for fname in ("opinion_date_start", "opinion_date_end"):
            field = self._fields[fname]
            self.env.add_to_compute(field, self - self.env.protected(field))

    def _compute_collecting_opinions(self):
        now = fields.Datetime.now()
        for record in self:
            record.collecting_opinions = record._is_collecting_opinions(now)

    def _search_collecting_opinions(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Search for consultations collecting opinions or not."))
        now = fields.Datetime.now()
        domain = [
            ("form", "in", COLLECTING_FORMS),
            ("state", "in", ("scheduled", "held")),
            ("opinion_date_start", "<=", now),
            ("opinion_date_end", ">=", now),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    def _is_collecting_opinions(self, now):
        self.ensure_one()
        return (
            self.form in COLLECTING_FORMS
            and self.state in ("scheduled", "held")
            and bool(self.opinion_date_start and self.opinion_date_end)
            and self.opinion_date_start <= now <= self.opinion_date_end
        )

    def _compute_replied_count(self):
        # The sign-in sheet is the room's: invitees with no consultation role read
        # the meeting without it.
        if not self.env["consultation.meeting.attendance"].has_access("read"):
            self.replied_count = 0
            return
        replied = self.attendance_ids._replied_rows()
        for record in self:
            record.replied_count = len(replied.filtered(lambda a, r=record: a.meeting_id == r))

    @api.constrains("opinion_date_start", "opinion_date_end")
    def _check_opinion_window(self):
        for record in self:
            if (
                record.opinion_date_start
                and record.opinion_date_end
                and record.opinion_date_end < record.opinion_date_start
            ):
                raise ValidationError(
                    _(
                        "The opinions of “%(meeting)s” cannot close before they open.",
                        meeting=record.display_name,
                    )
                )

    @api.model
    def _asking_opinion_of(self, partner):
        """The consultations that ask this person's opinion now (the portal's list)."""
        # As superuser: the portal user reads no meeting; the domain keeps to their own
        # invitations.
        return self.sudo().search(
            [("partner_ids", "in", partner.ids), ("collecting_opinions", "=", True)]
        )

    def _send_written_consultation(self):
        """书面协商: the invitees get the agenda and the reply form."""
        template = self.env.ref("consultation.mail_template_meeting_written")
        for record in self:
            record.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", partner_ids=record.partner_ids.ids
            )

    def action_give_opinion(self):
        """Back office: an invited member opens the form to give an opinion."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Give My Opinion"),
            "res_model": "consultation.meeting.opinion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }
