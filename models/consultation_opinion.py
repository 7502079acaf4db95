"""Opinions on a topic, from residents on the portal and from members at meetings."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Opinions are recorded from the notice until the topic's outcomes are implemented.
TOPIC_STATES_OPEN_TO_OPINIONS = ("published", "researching", "ready", "deliberated", "implementing")


class ConsultationOpinion(models.Model):
    _name = "consultation.opinion"
    _description = "Opinion"
    _inherit = ["consultation.lifecycle.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "summary"
    # Moderation: the status and who moderated move only through the action buttons.
    _guarded_fields = ("state", "moderated_by_id")

    topic_id = fields.Many2one(
        "consultation.topic", required=True, ondelete="restrict", index=True, tracking=True
    )
    room_id = fields.Many2one(related="topic_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="topic_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    meeting_id = fields.Many2one(
        "consultation.meeting",
        index=True,
        domain="[('topic_ids', 'in', topic_id)]",
        help="Meeting at which the opinion was voiced.",
    )
    channel = fields.Selection(
        [
            ("meeting", "At a Meeting"),
            ("written", "Written"),
            ("online", "Online"),
            ("visit", "Visit"),
        ],
        required=True,
        default="written",
    )
    partner_id = fields.Many2one("res.partner", string="Author", index=True)
    author_name = fields.Char(help="Name given by an author who has no contact record.")
    # Never shown publicly, nor to a meeting's invitees: the consultation roles only.
    contact_phone = fields.Char(
        help="Never shown publicly.", groups="consultation.group_consultation_viewer"
    )
    content = fields.Text(required=True)
    summary = fields.Char(compute="_compute_summary")
    state = fields.Selection(
        [
            ("new", "To Moderate"),
            ("accepted", "Accepted"),
            ("merged", "Merged"),
            ("rejected", "Declined"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    merged_into_id = fields.Many2one(
        "consultation.opinion",
        domain="[('topic_id', '=', topic_id), ('id', '!=', id), ('state', '=', 'accepted')]",
        tracking=True,
    )
    merged_ids = fields.One2many("consultation.opinion", "merged_into_id", string="Merged Opinions")
    rejection_reason = fields.Text(tracking=True)
    response = fields.Text(tracking=True, help="Answer to the author, shown with the opinion.")
    moderated_by_id = fields.Many2one("res.users", readonly=True)

    @api.depends("content", "partner_id", "author_name")
    def _compute_summary(self):
        for opinion in self:
            author = opinion.partner_id.name or opinion.author_name or _("Anonymous")
            text = (opinion.content or "").strip().replace("\n", " ")
            opinion.summary = f"{author}: {text[:40]}{'…' if len(text) > 40 else ''}"

    @api.model
    def _create_from_portal(self, topic, values, partner=None):
        """An opinion sent from a topic's public page: online, during the notice only,
        waiting for moderation. `values` are the form's, already checked for size;
        `partner` is the signed-in resident, if any."""
        if not topic.in_publication_window:
            raise UserError(_("The notice period has ended: opinions are no longer collected."))
        # As superuser: the public has no right on opinions; this method is the door.
        # No "created" note in the chatter: it would only repeat, as OdooBot, the date
        # and author the opinion itself records; moderation is tracked as before.
        return (
            self.sudo()
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "topic_id": topic.id,
                    "channel": "online",
                    "content": values["content"].strip(),
                    "author_name": values["contact_name"].strip(),
                    "contact_phone": (values.get("contact_phone") or "").strip(),
                    "partner_id": partner.id if partner else False,
                }
            )
        )

    @api.model
    def _create_for_meeting(self, meeting, topic, partner, content):
        """An invitee's opinion on a topic of an online or written consultation, given
        while its window is open (back office and portal alike); moderated as any other
        opinion."""
        # As superuser: an invitee may read nothing of the meeting; its window, checked
        # below, lets them in.
        meeting = meeting.sudo()
        if not meeting._is_collecting_opinions(fields.Datetime.now()):
            raise UserError(
                _(
                    "“%(meeting)s” is not collecting opinions now: opinions are given between"
                    " the opening and the closing of its window.",
                    meeting=meeting.display_name,
                )
            )
        if partner not in meeting.partner_ids:
            raise UserError(
                _(
                    "Only the invitees of “%(meeting)s” give their opinions on its agenda.",
                    meeting=meeting.display_name,
                )
            )
        if topic not in meeting.topic_ids:
            raise UserError(
                _(
                    "“%(topic)s” is not on the agenda of “%(meeting)s”.",
                    topic=topic.name,
                    meeting=meeting.display_name,
                )
            )
        if not (content or "").strip():
            raise UserError(_("Write your opinion before sending it."))
        # As superuser: invited residents have no right on opinions; this is the door.
        return self.sudo().create(
            {
                "topic_id": topic.id,
                "meeting_id": meeting.id,
                "channel": "written" if meeting.form == "written" else "online",
                "partner_id": partner.id,
                "content": content.strip(),
            }
        )

    @api.constrains("topic_id", "channel")
    def _check_topic_open(self):
        today = self.env.company._consultation_today()
        for opinion in self:
            topic = opinion.topic_id
            if topic.state not in TOPIC_STATES_OPEN_TO_OPINIONS:
                raise ValidationError(
                    _(
                        "“%(topic)s” has not been announced: opinions are collected only"
                        " once a topic is on public notice.",
                        topic=topic.name,
                    )
                )
            if (
                opinion.channel == "online"
                and not topic._is_open_for_opinions(today)
                and not opinion._given_in_meeting_window()
            ):
                raise ValidationError(
                    _(
                        "The notice of “%(topic)s” is closed: online opinions are accepted"
                        " only during the notice period.",
                        topic=topic.name,
                    )
                )

    def _given_in_meeting_window(self):
        """An online consultation gathers its invitees' opinions on its agenda during
        its own window, after the topics' notice period."""
        # As superuser: the opinion's author may not read the meeting.
        meeting = self.meeting_id.sudo()
        return bool(
            meeting
            and self.topic_id in meeting.topic_ids
            and meeting._is_collecting_opinions(fields.Datetime.now())
        )

    @api.constrains("merged_into_id")
    def _check_merged_into(self):
        for opinion in self.filtered("merged_into_id"):
            target = opinion.merged_into_id
            if target == opinion or target.topic_id != opinion.topic_id:
                raise ValidationError(
                    _("An opinion can only be merged into another opinion on the same topic.")
                )

    def _moderate(self, vals):
        """Moderation is the room's conveners' and secretaries' job."""
        if not self.env.user.has_group("consultation.group_consultation_secretary"):
            raise AccessError(
                _("Only the conveners and secretaries of a room moderate its opinions.")
            )
        # Written as the moderator: only the moderation fields pass the guard.
        return self._set_state(vals)

    def _check_new(self):
        if any(opinion.state != "new" for opinion in self):
            raise UserError(_("This opinion has already been moderated. Reset it first."))

    def action_accept(self):
        self._check_new()
        self._moderate({"state": "accepted", "moderated_by_id": self.env.user.id})
        return True

    def action_merge(self):
        self._check_new()
        for opinion in self:
            if not opinion.merged_into_id:
                raise UserError(
                    _("Choose the accepted opinion this one repeats before merging it.")
                )
        self._moderate({"state": "merged", "moderated_by_id": self.env.user.id})
        return True

    def action_reject(self):
        self._check_new()
        for opinion in self:
            if not opinion.rejection_reason:
                raise UserError(_("Write why the opinion is not taken up before rejecting it."))
        self._moderate({"state": "rejected", "moderated_by_id": self.env.user.id})
        return True

    def action_reset(self):
        if self.filtered(lambda o: o.merged_ids):
            raise UserError(_("Other opinions are merged into this one: reset them first."))
        self._moderate({"state": "new", "moderated_by_id": False})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never_moderated(self):
        if any(opinion.state != "new" for opinion in self):
            raise UserError(_("Moderated opinions stay on record: they cannot be deleted."))
