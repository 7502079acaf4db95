from odoo import Command, _, api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

# Once a meeting has been held it is history: its date, agenda and record stay.
HELD_STATES = ("held", "minutes_review", "closed")
# Attendance answers that the calendar may still change; the sign-in wins over them.
# Forms of consultation that gather their invitees' opinions in a window of their own.
COLLECTING_FORMS = ("online", "written")
# Self sign-in from the sheet's QR code is open around the sitting.


class ConsultationMeeting(models.Model):
    """A deliberation meeting (协商议事会议). Every meeting *is* a calendar event
    (`_inherits`): its time, place, invitees, reminders and video link are the
    event's, so the meeting shows in each attendee's calendar and the two can never
    disagree."""

    _name = "consultation.meeting"
    _description = "Consultation Meeting"
    _inherits = {"calendar.event": "calendar_event_id"}
    _inherit = ["consultation.approval.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"

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
    code = fields.Char(
        "Number",
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: _("New"),
    )
    room_id = fields.Many2one("consultation.room", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    form = fields.Selection(
        [
            ("meeting", "Meeting"),
            ("written", "Written"),
            ("online", "Online"),
            ("joint", "Joint"),
            ("visit", "Home Visit"),
            ("thematic", "Thematic"),
        ],
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

    # Online and written consultation (网络协商、书面协商): invitees give their opinions on
    # the agenda during a window of their own, whatever the topics' notice period.
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
        help="Invitees can give their opinions now, here and on the portal.",
    )
    replied_count = fields.Integer(
        "Replies", compute="_compute_replied_count", help="Invitees who gave an opinion."
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
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection if key != "cancelled"] + [
            s for s in states if s == "cancelled"
        ]

    @api.depends("attendance_ids.state", "room_id")
    def _compute_attendance_counts(self):
        # One query for the whole list (the meeting list shows the quorum): the
        # attendance of each meeting and the members of its room current today.
        day = self.env.company._consultation_today()
        counts = {}
        saved = self.filtered(lambda m: isinstance(m.id, int))
        if saved:
            self.env["consultation.meeting.attendance"].flush_model(["meeting_id", "state"])
            self.env["consultation.room.membership"].flush_model(
                ["room_id", "role", "active", "date_start", "date_end"]
            )
            self.flush_recordset(["room_id"])
            self.env.cr.execute(
                """
                SELECT m.id,
                       (SELECT COUNT(*) FROM consultation_meeting_attendance a
                         WHERE a.meeting_id = m.id),
                       (SELECT COUNT(*) FROM consultation_meeting_attendance a
                         WHERE a.meeting_id = m.id AND a.state = 'attended'),
                       (SELECT COUNT(*) FROM consultation_room_membership r
                         WHERE r.room_id = m.room_id AND r.active
                           AND r.role IN ('first_convener', 'second_convener', 'fixed')
                           AND r.date_start <= %(day)s
                           AND (r.date_end IS NULL OR r.date_end >= %(day)s))
                  FROM consultation_meeting m
                 WHERE m.id IN %(ids)s
                """,
                {"day": day, "ids": tuple(saved.ids)},
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for meeting in self:
            if meeting in saved:
                invited, attended, fixed = counts.get(meeting.id, (0, 0, 0))
            else:  # a meeting being edited, not saved yet
                attendances = meeting.attendance_ids
                invited = len(attendances)
                attended = len(attendances.filtered(lambda a: a.state == "attended"))
                fixed = self.env["consultation.room.membership"].search_count(
                    [
                        ("room_id", "=", meeting.room_id.id),
                        ("role", "in", ("first_convener", "second_convener", "fixed")),
                        *self.env["consultation.room.membership"]._current_domain(day),
                    ]
                )
            meeting.attended_count = attended
            meeting.invited_count = invited
            meeting.fixed_member_count = fixed
            meeting.quorum_display = f"{attended} / {fixed}"

    @api.depends("room_id", "joint_room_ids")
    def _compute_access_room_ids(self):
        for meeting in self:
            meeting.access_room_ids = meeting.room_id | meeting.joint_room_ids

    @api.depends("form", "start", "stop")
    def _compute_opinion_window(self):
        for meeting in self:
            collects = meeting.form in COLLECTING_FORMS
            meeting.opinion_date_start = meeting.start if collects else False
            meeting.opinion_date_end = meeting.stop if collects else False

    def _compute_replied_count(self):
        replied = self.attendance_ids._replied_rows()
        for meeting in self:
            meeting.replied_count = len(replied.filtered(lambda a, m=meeting: a.meeting_id == m))

    def _compute_collecting_opinions(self):
        now = fields.Datetime.now()
        for meeting in self:
            meeting.collecting_opinions = meeting._is_collecting_opinions(now)

    def _is_collecting_opinions(self, now):
        self.ensure_one()
        return (
            self.form in COLLECTING_FORMS
            and self.state in ("scheduled", "held")
            and bool(self.opinion_date_start and self.opinion_date_end)
            and self.opinion_date_start <= now <= self.opinion_date_end
        )

    @api.constrains("opinion_date_start", "opinion_date_end")
    def _check_opinion_window(self):
        for meeting in self:
            if (
                meeting.opinion_date_start
                and meeting.opinion_date_end
                and meeting.opinion_date_end < meeting.opinion_date_start
            ):
                raise ValidationError(
                    _(
                        "The opinions of “%(meeting)s” cannot close before they open.",
                        meeting=meeting.display_name,
                    )
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

    @api.depends("minutes_revision_ids")
    def _compute_minutes_version(self):
        for meeting in self:
            meeting.minutes_version = max(meeting.minutes_revision_ids.mapped("version"), default=0)

    @api.depends("room_id.first_convener_id", "room_id.second_convener_id", "room_id.secretary_ids")
    def _compute_convener_user_ids(self):
        for meeting in self:
            room = meeting.room_id.sudo()
            users = (room.first_convener_id | room.second_convener_id).user_ids.filtered(
                lambda u: not u.share
            )
            if not users and room.parent_path:
                # No convener with a user: the secretaries of the nearest room up the
                # tree that has some (a community's minutes go to its street).
                ancestors = room.browse(
                    int(rid) for rid in reversed(room.parent_path.split("/")[:-1])
                )
                users = next((r.secretary_ids for r in ancestors if r.secretary_ids), users)
            # Nobody up the tree either: the CPPCC office, so the minutes never stall.
            meeting.convener_user_ids = users or self.env.ref(
                "consultation.group_consultation_manager"
            ).users.filtered("active")

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
    def _event_type(self):
        return self.env.ref("consultation.calendar_event_type_consultation", False)

    @api.model
    def _default_invitees(self, room, topics=None):
        """Conveners and fixed members of the room, the topics' experts and
        stakeholders: who a secretary would invite anyway."""
        today = self.env.company._consultation_today()
        memberships = room.sudo().membership_ids.filtered(
            lambda m: (
                m.role in ("first_convener", "second_convener", "fixed")
                and (not m.date_end or m.date_end >= today)
            )
        )
        partners = memberships.member_id.partner_id
        if topics:
            partners |= topics.sudo().expert_ids.partner_id | topics.sudo().stakeholder_ids
        return partners

    @api.model
    def default_get(self, fields_list):
        """Started from a calendar event: the new meeting shows that event's time,
        place and invitees, not the calendar's defaults (which would move it)."""
        res = super().default_get(fields_list)
        event = self.env["calendar.event"].browse(res.get("calendar_event_id")).exists()
        if event:
            for fname in fields_list:
                field = self._fields.get(fname)
                if field and field.inherited and fname in event._fields:
                    res[fname] = field.convert_to_write(event[fname], event)
            res.setdefault("name", event.name)
        return res

    @api.onchange("room_id", "topic_ids")
    def _onchange_invitees(self):
        if self.state != "draft" or not self.room_id:
            return
        invitees = self._default_invitees(self.room_id, self.topic_ids)
        self.partner_ids |= invitees
        self.expert_ids |= self.topic_ids.expert_ids

    @api.model_create_multi
    def create(self, vals_list):
        event_type = self._event_type()
        rule_fields = self.env["calendar.event"]._get_recurrent_fields() | {"recurrency"}
        rules = []
        for vals in vals_list:
            rule = {}
            if vals.get("recurrency") and not vals.get("calendar_event_id"):
                rule = {fname: vals.pop(fname) for fname in rule_fields & vals.keys()}
            rules.append(rule)
            if vals.get("code", _("New")) == _("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("consultation.meeting")
            if vals.get("calendar_event_id"):
                continue
            room = self.env["consultation.room"].browse(vals.get("room_id"))
            if not vals.get("name"):
                vals["name"] = _("Consultation meeting of %(room)s", room=room.name or "")
            if "partner_ids" not in vals and room:
                topics = self.env["consultation.topic"].browse(
                    self._ids_from_commands(vals.get("topic_ids"))
                )
                vals["partner_ids"] = [Command.set(self._default_invitees(room, topics).ids)]
            if event_type and "categ_ids" not in vals:
                vals["categ_ids"] = [Command.link(event_type.id)]
        # Invitations leave when the meeting is scheduled, not while it is drafted.
        meetings = (
            super(ConsultationMeeting, self.with_context(no_mail_to_attendees=True))
            .create(vals_list)
            .with_env(self.env)
        )
        self.env["calendar.event"]._link_consultation_meetings(meetings)
        self.env["consultation.meeting.attendance"]._sync_from_events(meetings)
        meetings._sync_results()
        # Regular sittings: each occurrence of a recurring event gets its meeting. The
        # rule is applied once the meeting exists, so that Odoo's recurrence hands the
        # meeting on if it replaces the first event (not on the rule's weekday).
        for meeting, rule in zip(meetings, rules, strict=True):
            if rule:
                meeting.calendar_event_id.write(rule)
        meetings.recurrence_id._sync_consultation_meetings(meetings)
        return meetings

    @api.model
    def _ids_from_commands(self, commands):
        ids = []
        for command in commands or []:
            if command[0] == Command.SET:
                ids = list(command[2])
            elif command[0] == Command.LINK:
                ids.append(command[1])
        return ids

    def write(self, vals):
        self._check_history_is_kept(vals)
        if self.filtered(lambda m: m.state == "draft") and "partner_ids" in vals:
            self = self.with_context(no_mail_to_attendees=True)
        res = super().write(vals)
        if "topic_ids" in vals:
            self._sync_results()
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
    # Attendance and conclusions, derived from the event and the agenda
    # ------------------------------------------------------------------
    def _sync_results(self):
        Result = self.env["consultation.meeting.result"].sudo()
        to_create = []
        to_unlink = Result
        for meeting in self.sudo():
            present = meeting.result_ids.topic_id
            to_create += [
                {"meeting_id": meeting.id, "topic_id": topic.id}
                for topic in meeting.topic_ids - present
            ]
            to_unlink |= meeting.result_ids.filtered(
                lambda r, m=meeting: r.topic_id not in m.topic_ids
            )
        to_unlink.unlink()
        Result.create(to_create)

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _check_agenda(self):
        for meeting in self:
            if not meeting.topic_ids:
                raise UserError(
                    _(
                        "Put at least one topic on the agenda of “%(meeting)s”.",
                        meeting=meeting.display_name,
                    )
                )
            not_ready = meeting.topic_ids.filtered(lambda t: t.state != "ready")
            if not_ready:
                raise UserError(
                    _(
                        "“%(topic)s” is not ready for deliberation: only topics that have been"
                        " approved, announced and researched go on a meeting's agenda.",
                        topic=not_ready[0].name,
                    )
                )

    def action_schedule(self):
        """Fix the meeting and send the calendar invitations."""
        self._check_state(("draft",), _("scheduled"))
        self._check_agenda()
        for meeting in self:
            if not meeting.partner_ids:
                raise UserError(
                    _("Invite at least one person to “%(meeting)s”.", meeting=meeting.display_name)
                )
        self._set_state({"state": "scheduled"})
        now = fields.Datetime.now()
        self.filtered(lambda m: m.start > now).attendee_ids._send_invitation_emails()
        # 书面协商: the invitees get the agenda and the reply form.
        template = self.env.ref("consultation.mail_template_meeting_written")
        for meeting in self.filtered(lambda m: m.form == "written"):
            meeting.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=meeting.partner_ids.ids,
            )
        return True

    def action_hold(self):
        """协商讨论: the meeting took place. Its topics are deliberated, except those the
        secretary marked as not concluded, which go to the room's next meeting."""
        self._check_state(("scheduled",), _("held"))
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
            no_research = meeting.topic_ids.filtered(lambda t: not t.research_ids)
            if no_research:
                raise UserError(
                    _(
                        "No deliberation without research: “%(topic)s” has no research"
                        " record. Record the research before holding the meeting.",
                        topic=no_research[0].name,
                    )
                )
        self._check_agenda()
        self._set_state({"state": "held"})
        Revision = self.env["consultation.minutes.revision"]
        for meeting in self:
            open_results = meeting.result_ids.filtered(lambda r: not r.concluded)
            concluded = meeting.topic_ids - open_results.topic_id
            concluded._set_state({"state": "deliberated"})
            body = _("Deliberated at %(meeting)s.", meeting=meeting.display_name)
            concluded._message_log_batch(bodies=dict.fromkeys(concluded.ids, body))
            meeting._carry_over(open_results.topic_id)
            if is_html_empty(meeting.minutes):
                meeting.minutes = Revision._render_draft(meeting)
        return True

    def _carry_over(self, topics):
        """Topics not concluded go on the agenda of the room's next meeting, with
        their opinions and history; without one, they wait, still ready."""
        self.ensure_one()
        if not topics:
            return
        following = self.search(
            [
                ("room_id", "=", self.room_id.id),
                ("state", "in", ("draft", "scheduled")),
                ("start", ">", self.start),
                ("id", "!=", self.id),
            ],
            order="start asc",
            limit=1,
        )
        if following:
            following.topic_ids |= topics
            body = _(
                "Not concluded at %(meeting)s: carried to %(next)s.",
                meeting=self.display_name,
                next=following.display_name,
            )
        else:
            body = _(
                "Not concluded at %(meeting)s: it stays ready for the room's next meeting.",
                meeting=self.display_name,
            )
        topics._message_log_batch(bodies=dict.fromkeys(topics.ids, body))

    def action_prefill_minutes(self):
        self._check_state(("held",), _("given draft minutes"))
        Revision = self.env["consultation.minutes.revision"]
        for meeting in self:
            meeting.minutes = Revision._render_draft(meeting)
        return True

    def action_submit_minutes(self):
        """Send the minutes for approval: convener, then the CPPCC office."""
        self._check_state(("held",), _("sent for approval"))
        for meeting in self:
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
        self._set_state({"state": "minutes_review"})
        self.request_validation()
        return True

    @api.returns("tier.review")
    def request_validation(self):
        for meeting in self:
            if meeting.state != "minutes_review":
                raise UserError(
                    _(
                        "Send the minutes of “%(meeting)s” for approval with “Submit Minutes”.",
                        meeting=meeting.display_name,
                    )
                )
        return super().request_validation()

    def _tier_rework_values(self):
        return {"state": "held"}

    def _tier_rework_summary(self):
        return _("Rework the minutes after the reviewer's refusal")

    def action_close(self):
        """Freeze the approved minutes into a new revision with its PDF."""
        self._check_state(("minutes_review",), _("closed"))
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
        self._check_state(("closed",), _("corrected"))
        self.restart_validation()
        self._set_state({"state": "held"})
        return True

    def action_cancel(self):
        self._check_state(("draft", "scheduled"), _("cancelled"))
        self._set_state({"state": "cancelled"})
        # The event leaves the calendars; archived, so the meeting keeps its event.
        self.calendar_event_id.filtered("active").write({"active": False})
        return True

    def action_reset_draft(self):
        self._check_state(("cancelled",), _("reset to draft"))
        self._set_state({"state": "draft"})
        self.with_context(active_test=False).calendar_event_id.write({"active": True})
        return True

    def action_mark_all_attended(self):
        self._check_state(("scheduled", "held"), _("signed in"))
        self.attendance_ids.filtered(lambda a: a.state in ("invited", "confirmed")).write(
            {"state": "attended"}
        )
        return True

    # ------------------------------------------------------------------
    # Printing and sending
    # ------------------------------------------------------------------
    def action_print_minutes(self):
        self.ensure_one()
        revision = self.minutes_revision_ids.sorted("version")[-1:]
        if not revision:
            raise UserError(_("These minutes have no closed revision to print yet."))
        # Revisions imported without their file (e.g. from paper records) get it now.
        revision.filtered(lambda r: not r.attachment_id)._attach_pdf()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{revision.attachment_id.id}?download=true",
            "target": "self",
        }

    def action_send_minutes(self):
        """报送: send the closed minutes with their PDF from the mail composer."""
        self.ensure_one()
        self._check_state(("closed",), _("sent"))
        revision = self.minutes_revision_ids.sorted("version")[-1:]
        revision.filtered(lambda r: not r.attachment_id)._attach_pdf()
        template = self.env.ref("consultation.mail_template_minutes_report")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_partner_ids": self.report_partner_ids.ids,
                "default_attachment_ids": revision.attachment_id.ids,
                "default_subtype_xmlid": "mail.mt_comment",
            },
        }

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
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
