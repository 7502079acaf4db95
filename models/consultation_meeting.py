"""The deliberation meeting: its agenda, invitees and life cycle, from draft to closed minutes."""

from odoo import _, api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ..tools.rules import id_among

# Once a meeting has been held it is history: its date, agenda and record stay.
HELD_STATES = ("held", "minutes_review", "closed")
# The forms of consultation (协商方式), of a meeting and of the plan that prepares it.
MEETING_FORMS = [
    ("meeting", "Meeting Consultation"),
    ("written", "Written Consultation"),
    ("online", "Online Consultation"),
    ("joint", "Joint Consultation"),
    ("visit", "Home Visit"),
    ("thematic", "Thematic"),
]


class ConsultationMeeting(models.Model):
    """A deliberation meeting (协商议事会议). Every meeting *is* a calendar event
    (`_inherits`): its time, place, invitees, reminders and video link are the
    event's, so the meeting shows in each attendee's calendar and the two can never
    disagree."""

    _name = "consultation.meeting"
    _description = "Consultation Meeting"
    _inherits = {"calendar.event": "calendar_event_id"}
    _inherit = [
        "consultation.numbered.mixin",
        "consultation.approval.mixin",
        "consultation.opinion.window",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "start desc, id desc"
    _sequence_code = "consultation.meeting"
    # Kanban columns: cancelled meetings only when there are some.
    _dead_end_states = ("cancelled",)

    # Minutes approval: convener, then the CPPCC office.
    _state_from = ["minutes_review"]
    _state_to = ["closed"]
    _cancel_state = "cancelled"
    _approval_activity_type = "consultation.mail_activity_type_approval_minutes"
    _held_states = HELD_STATES

    calendar_event_id = fields.Many2one(
        "calendar.event",
        required=True,
        ondelete="restrict",
        auto_join=True,
        index=True,
        copy=False,
    )
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    # 纪要 (GB/T 9704 §10.3) are numbered by issue, 第3期, from 1 each year in each
    # room; given when the first revision is frozen, kept by its corrections.
    minutes_issue = fields.Integer(readonly=True, copy=False, aggregator=False)
    form = fields.Selection(
        MEETING_FORMS,
        required=True,
        default="meeting",
        tracking=True,
        help="Written and online consultations collect opinions without a sitting; they"
        " still need research and produce minutes.",
    )
    joint_room_ids = fields.Many2many(
        "consultation.room",
        "consultation_meeting_joint_room_rel",
        "meeting_id",
        "room_id",
        string="Joint Rooms",
        help="Other rooms holding this consultation together; it shows in each of them.",
    )
    # Every room the meeting belongs to (its room and the joint rooms), stored with an
    # index so that record rules are answered as `access_room_ids in [ids]`.
    access_room_ids = fields.Many2many(
        "consultation.room",
        "consultation_meeting_access_room_rel",
        "meeting_id",
        "room_id",
        compute="_compute_access_room_ids",
        store=True,
        string="All Rooms",
    )
    # The record rules ask these two (rooms, invitees) rather than the stored fields:
    # see tools.rules.id_among. A street secretary's 210 meetings among a province's
    # 20,000 were found by joining every meeting with its calendar event.
    rule_room_ids = fields.Many2many(
        "consultation.room",
        string="Rooms It Counts For",
        compute="_compute_rule_room_ids",
        search="_search_rule_room_ids",
        groups="base.group_system",
    )
    invitee_partner_ids = fields.Many2many(
        "res.partner",
        string="Invitees of the Scheduled Meeting",
        compute="_compute_invitee_partner_ids",
        search="_search_invitee_partner_ids",
        compute_sudo=True,
        groups="base.group_system",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("held", "Held"),
            ("minutes_review", "Minutes under Review"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )

    # Agenda
    topic_ids = fields.Many2many(
        "consultation.topic",
        "consultation_meeting_topic_rel",
        "meeting_id",
        "topic_id",
        string="Agenda",
        help="Topics deliberated at the meeting. They must be ready for deliberation.",
    )
    result_ids = fields.One2many(
        "consultation.meeting.result", "meeting_id", string="Conclusions per Topic"
    )
    expert_ids = fields.Many2many(
        "consultation.expert",
        "consultation_meeting_expert_rel",
        "meeting_id",
        "expert_id",
        string="Experts",
    )

    # People
    attendance_ids = fields.One2many("consultation.meeting.attendance", "meeting_id")
    attended_count = fields.Integer(compute="_compute_attendance_counts")
    invited_count = fields.Integer(compute="_compute_attendance_counts")
    fixed_member_count = fields.Integer(
        compute="_compute_attendance_counts",
        help="Conveners and fixed members of the room: who should attend.",
    )
    quorum_display = fields.Char(
        "Attended",
        compute="_compute_attendance_counts",
        help="Attended / conveners and fixed members of the room.",
    )

    # Record of the deliberation
    opinion_ids = fields.One2many("consultation.opinion", "meeting_id", string="Opinions Voiced")
    consensus = fields.Html("Consensus Reached")
    dissent_note = fields.Html(
        "Dissenting Views and Explanations",
        help="Views that differ from the consensus and the explanation given to them.",
    )

    outcome_ids = fields.One2many("consultation.outcome", "meeting_id", string="Outcomes")

    # Minutes (协商纪要)
    minutes = fields.Html(copy=False)
    minutes_revision_ids = fields.One2many(
        "consultation.minutes.revision", "meeting_id", string="Minutes Revisions"
    )
    minutes_version = fields.Integer(compute="_compute_minutes_version")
    convener_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_convener_user_ids",
        string="Conveners",
        help="Users who approve the minutes first: the room's conveners or, when no"
        " convener has a user, the secretaries of the room or of the nearest room above"
        " (the CPPCC office when there is none).",
    )
    report_partner_ids = fields.Many2many(
        "res.partner",
        "consultation_meeting_report_partner_rel",
        "meeting_id",
        "partner_id",
        string="Report To",
        help="Party committee and government contacts who receive the closed minutes.",
    )
    color = fields.Integer()

    _sql_constraints = [
        ("calendar_event_uniq", "unique(calendar_event_id)", "An event holds one meeting only."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("attendance_ids.state", "room_id")
    def _compute_attendance_counts(self):
        counts = self.env["consultation.meeting.attendance"]._quorum_counts(self)
        for meeting in self:
            invited, attended, fixed = counts[meeting]
            meeting.attended_count = attended
            meeting.invited_count = invited
            meeting.fixed_member_count = fixed
            meeting.quorum_display = f"{attended} / {fixed}"

    @api.depends("room_id", "joint_room_ids")
    def _compute_access_room_ids(self):
        for meeting in self:
            meeting.access_room_ids = meeting.room_id | meeting.joint_room_ids

    @api.depends("access_room_ids")
    def _compute_rule_room_ids(self):
        for meeting in self:
            meeting.rule_room_ids = meeting.access_room_ids

    def _search_rule_room_ids(self, operator, value):
        if operator != "in":
            raise UserError(_("Search the meetings by their rooms with “in”."))
        # As superuser: this field serves the record rules, which are themselves the check.
        Meeting = self.sudo().with_context(active_test=False)
        return id_among(Meeting._search([("access_room_ids", "in", value)]))

    @api.depends("partner_ids", "state")
    def _compute_invitee_partner_ids(self):
        for meeting in self:
            scheduled = meeting.state != "draft"
            meeting.invitee_partner_ids = meeting.partner_ids if scheduled else False

    def _search_invitee_partner_ids(self, operator, value):
        if operator != "in":
            raise UserError(_("Search the meetings by their invitees with “in”."))
        # As superuser: this field serves the record rules, which are themselves the
        # check. Whoever a scheduled meeting invites reads it.
        # Cancelled meetings too (their events are archived), as the domain on the
        # event's attendees was.
        Event = self.env["calendar.event"].sudo().with_context(active_test=False)
        Meeting = self.sudo().with_context(active_test=False)
        return id_among(
            Meeting._search(
                [
                    ("calendar_event_id", "in", Event._search([("partner_ids", "in", value)])),
                    ("state", "!=", "draft"),
                ]
            )
        )

    @api.depends("minutes_revision_ids")
    def _compute_minutes_version(self):
        for meeting in self:
            meeting.minutes_version = max(meeting.minutes_revision_ids.mapped("version"), default=0)

    @api.depends("room_id.first_convener_id", "room_id.second_convener_id", "room_id.secretary_ids")
    def _compute_convener_user_ids(self):
        for meeting in self:
            meeting.convener_user_ids = meeting.room_id._minutes_approvers()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("form", "joint_room_ids", "room_id")
    def _check_joint_rooms(self):
        for meeting in self:
            if meeting.form == "joint" and not meeting.joint_room_ids:
                raise ValidationError(
                    _("A joint consultation needs at least one other room holding it too.")
                )
            if meeting.room_id in meeting.joint_room_ids:
                raise ValidationError(_("The room that hosts the meeting is not a joint room."))

    # ------------------------------------------------------------------
    # CRUD: the event is created with the meeting and never left behind
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        event = self.env["calendar.event"].browse(res.get("calendar_event_id")).exists()
        return {**res, **event._consultation_meeting_defaults(self, fields_list)}

    @api.onchange("room_id", "topic_ids")
    def _onchange_invitees(self):
        if self.state != "draft" or not self.room_id:
            return
        invitees = self.room_id._meeting_invitees(self.topic_ids)
        self.partner_ids |= invitees
        self.expert_ids |= self.topic_ids.expert_ids

    @api.model_create_multi
    def create(self, vals_list):
        Event = self.env["calendar.event"]
        rules = [Event._consultation_event_values(self, vals) for vals in vals_list]
        # Invitations leave when the meeting is scheduled, not while it is drafted.
        meetings = (
            super(ConsultationMeeting, self.with_context(no_mail_to_attendees=True))
            .create(vals_list)
            .with_env(self.env)
        )
        Event._link_consultation_meetings(meetings)
        self.env["consultation.meeting.attendance"]._sync_from_events(meetings)
        self.env["consultation.meeting.result"]._sync_agenda(meetings)
        # Regular sittings: each occurrence of a recurring event gets its meeting.
        for meeting, rule in zip(meetings, rules, strict=True):
            if rule:
                meeting.calendar_event_id.write(rule)
        meetings.recurrence_id._sync_consultation_meetings(meetings)
        return meetings

    def write(self, vals):
        self._check_history_is_kept(vals)
        if "calendar_event_id" in vals and not (
            self.env.su or self.env.context.get("consultation_move_meeting")
        ):
            # The event is the meeting's date and place, and says who may change them:
            # it is handed on only by a change of the sitting's rule (calendar.recurrence).
            raise UserError(_("A meeting keeps its calendar event; change its date instead."))
        if self.filtered(lambda m: m.state == "draft") and "partner_ids" in vals:
            self = self.with_context(no_mail_to_attendees=True)
        res = super().write(vals)
        if "topic_ids" in vals:
            self.env["consultation.meeting.result"]._sync_agenda(self)
        return res

    def _check_history_is_kept(self, vals):
        locked = self.filtered(lambda m: m.state in HELD_STATES)
        if not locked:
            return
        if {"start", "stop", "room_id", "topic_ids", "form"} & vals.keys():
            raise UserError(
                _(
                    "“%(meeting)s” has been held: its date, room, form and agenda are part"
                    " of the record and cannot change.",
                    meeting=locked[0].display_name,
                )
            )
        frozen = locked.filtered(lambda m: m.state in ("minutes_review", "closed"))
        if frozen and {"minutes", "consensus", "dissent_note"} & vals.keys():
            raise UserError(
                _(
                    "The minutes of “%(meeting)s” are under review or closed and cannot be"
                    " edited. To correct closed minutes, use “Correct Minutes”: the"
                    " correction becomes a new revision after the same approval.",
                    meeting=frozen[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if any(meeting.state not in ("draft", "cancelled") for meeting in self):
            raise UserError(
                _(
                    "Only draft or cancelled meetings can be deleted. Held meetings are"
                    " history: archive them instead."
                )
            )

    def unlink(self):
        events = self.calendar_event_id
        res = super().unlink()
        # The meeting is gone: its event goes with it (no orphan in the calendar) —
        # except when the addon is uninstalled: then the calendar keeps its events.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            events.exists().unlink()
        return res

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _check_agenda(self, held=False):
        for meeting in self:
            if not meeting.topic_ids:
                raise UserError(
                    _(
                        "Put at least one topic on the agenda of “%(meeting)s”.",
                        meeting=meeting.display_name,
                    )
                )
            meeting.topic_ids._check_deliberable(researched=held)

    def action_schedule(self):
        """Fix the meeting and send the calendar invitations."""
        self._check_state(("draft",), _("Only a draft meeting can be scheduled."))
        self._check_agenda()
        for meeting in self:
            if not meeting.partner_ids:
                raise UserError(
                    _("Invite at least one person to “%(meeting)s”.", meeting=meeting.display_name)
                )
        self._set_state({"state": "scheduled"})
        self.filtered("participants_to_confirm")._ask_participants_confirmation()
        now = fields.Datetime.now()
        self.filtered(lambda m: m.start > now).attendee_ids._send_invitation_emails()
        self.filtered(lambda m: m.form == "written")._send_written_consultation()
        self.filtered(lambda m: m.form != "written")._send_agenda()
        return True

    def _send_agenda(self):
        """提前向参加协商议事的主体通报协商内容: besides the calendar invitation (time and
        place), the invitees get the agenda with each topic's background and research
        findings. A written consultation sends its own, with the reply form."""
        template = self.env.ref("consultation.mail_template_meeting_agenda")
        for meeting in self:
            meeting.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", partner_ids=meeting.partner_ids.ids
            )

    def action_hold(self):
        """协商讨论: the meeting took place. Its topics are deliberated, except those the
        secretary marked as not concluded, which go to the room's next meeting."""
        self._check_state(("scheduled",), _("Only a scheduled meeting can be recorded as held."))
        now = fields.Datetime.now()
        for meeting in self:
            if meeting.start > now:
                raise UserError(
                    _(
                        "“%(meeting)s” has not started yet: it can be recorded as held once it"
                        " has taken place.",
                        meeting=meeting.display_name,
                    )
                )
        self._check_agenda(held=True)
        self._check_participants_confirmed()
        self._set_state({"state": "held"})
        self.env["consultation.meeting.result"]._record_deliberation(self)
        Revision = self.env["consultation.minutes.revision"]
        for meeting in self:
            if is_html_empty(meeting.minutes):
                meeting.minutes = Revision._render_draft(meeting)
        return True

    def action_prefill_minutes(self):
        self._check_state(
            ("held",),
            _("Draft minutes are prepared only while a held meeting's minutes are being written."),
        )
        Revision = self.env["consultation.minutes.revision"]
        for meeting in self:
            meeting.minutes = Revision._render_draft(meeting)
        return True

    def action_submit_minutes(self):
        """Send the minutes for approval: convener, then the CPPCC office."""
        self._check_state(
            ("held",), _("Only the minutes of a held meeting can be sent for approval.")
        )
        self.env["consultation.minutes.revision"]._check_submittable(self)
        self._set_state({"state": "minutes_review"})
        self.request_validation()
        return True

    @api.returns("tier.review")
    def request_validation(self):
        self._check_state(
            ("minutes_review",), _("Send the minutes for approval with “Submit Minutes”.")
        )
        return super().request_validation()

    def _tier_rework_values(self):
        return {"state": "held"}

    def _tier_rework_summary(self):
        return _("Rework the minutes after the reviewer's refusal")

    def _assign_minutes_issue(self):
        """第×期 of the meetings' minutes: the room's next issue of the meeting's year
        (the organisation's year of its start), once; corrections keep it."""
        for meeting in self.filtered(lambda m: not m.minutes_issue).sorted("start"):
            company = meeting.company_id
            year = company._consultation_year(meeting.start)
            # Archived meetings (held ones are archived, never deleted) keep their issue.
            numbered = (
                self.sudo()
                .with_context(active_test=False)
                .search([("room_id", "=", meeting.room_id.id), ("minutes_issue", ">", 0)])
            )
            issues = [
                m.minutes_issue for m in numbered if company._consultation_year(m.start) == year
            ]
            # Written in SQL: a closed meeting's fields are otherwise locked.
            self.env.cr.execute(
                "UPDATE consultation_meeting SET minutes_issue = %s WHERE id = %s",
                [max(issues, default=0) + 1, meeting.id],
            )
            meeting.invalidate_recordset(["minutes_issue"])

    def action_close(self):
        """Freeze the approved minutes into a new revision with its PDF."""
        self._check_state(("minutes_review",), _("Only minutes under review can be closed."))
        for meeting in self:
            if meeting.validation_status != "validated":
                raise UserError(
                    _(
                        "The minutes of “%(meeting)s” are not approved yet: the convener and"
                        " the CPPCC office must approve them first.",
                        meeting=meeting.display_name,
                    )
                )
        Revision = self.env["consultation.minutes.revision"]
        for meeting in self:
            revision = Revision._freeze(meeting)
            meeting._set_state({"state": "closed"})
            meeting.message_post(
                body=_("Minutes closed as revision %(version)s.", version=revision.version),
                attachment_ids=revision.attachment_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_correct_minutes(self):
        """A correction after closing: edit again, approve again, next revision."""
        self._check_state(("closed",), _("Only closed minutes can be corrected."))
        self.restart_validation()
        self._set_state({"state": "held"})
        return True

    def action_cancel(self):
        self._check_state(
            ("draft", "scheduled"),
            _("Only a draft or scheduled meeting can be cancelled; a held meeting is history."),
        )
        self._set_state({"state": "cancelled"})
        # The event leaves the calendars; archived, so the meeting keeps its event.
        self.calendar_event_id.filtered("active").write({"active": False})
        return True

    def action_reset_draft(self):
        self._check_state(("cancelled",), _("Only a cancelled meeting can be reset to draft."))
        self._set_state({"state": "draft"})
        self.with_context(active_test=False).calendar_event_id.write({"active": True})
        return True

    def action_mark_all_attended(self):
        self._check_state(
            ("scheduled", "held"), _("Attendance is recorded only for a scheduled or held meeting.")
        )
        self.attendance_ids.filtered(lambda a: a.state in ("invited", "confirmed"))._set_state(
            {"state": "attended"}
        )
        return True

    # ------------------------------------------------------------------
    # Printing and sending
    # ------------------------------------------------------------------
    def action_print_minutes(self):
        self.ensure_one()
        return self.minutes_revision_ids._last()._action_download()

    def action_send_minutes(self):
        """报送: send the closed minutes with their PDF from the mail composer."""
        self.ensure_one()
        self._check_state(("closed",), _("Only closed minutes can be sent."))
        return self.minutes_revision_ids._last()._action_send(self.report_partner_ids)

    def action_view_topics(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_topic_action"
        )
        action["domain"] = [("id", "in", self.topic_ids.ids)]
        action["context"] = {}
        return action

    def action_view_outcomes(self):
        """From a held meeting the secretary records its outcomes, one per measure."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "consultation.consultation_outcome_action"
        )
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {
            "default_meeting_id": self.id,
            "default_topic_id": self.topic_ids[:1].id,
        }
        return action

    def action_open_calendar_event(self):
        self.ensure_one()
        return self.calendar_event_id.get_formview_action()
