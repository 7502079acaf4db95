"""Tier approval as the addon uses it, shared by topics, annual plans and meetings' minutes."""

from contextlib import contextmanager
from contextvars import ContextVar

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Set, in Python only, while the approval itself changes its reviews (requesting,
# approving, refusing, restarting it): `tier.review` rows of consultation records are
# created, changed and deleted then, and only then. base_tier_validation lets every
# employee write reviews; a context key would not do, any RPC caller can send one.
_REVIEWING = ContextVar("consultation_reviewing", default=False)


def in_review():
    return _REVIEWING.get()


@contextmanager
def reviewing():
    """Let the reviews pass their guard for the changes made inside this block."""
    token = _REVIEWING.set(True)
    try:
        yield
    finally:
        _REVIEWING.reset(token)


class ConsultationApprovalMixin(models.AbstractModel):
    """Tier approval as this addon uses it: OCA's review panel on the form, and one
    "to approve" activity for each reviewer whose turn it is, so that approvers work
    from their activity list. Tiers themselves are data (tier.definition)."""

    _name = "consultation.approval.mixin"
    _description = "Consultation Approval"
    _inherit = ["tier.validation", "mail.activity.mixin", "consultation.lifecycle.mixin"]
    _tier_validation_manual_config = False

    # The tiers look at the record's room (its level, its reviewers): evaluated as
    # superuser, so that those who only read the record (a meeting's invitees, who
    # may not read its room) open it. Nothing in it depends on the user.
    need_validation = fields.Boolean(compute_sudo=True)
    # A reviewer sends a record back (退回); 驳回 is the screening's word for a topic
    # not taken up, which also reads "Rejected" in English.
    rejected = fields.Boolean(string="Sent Back")

    def _get_tier_validation_readonly_domain(self):
        # Fields lock only while a review is running; once it is over, each state's
        # own rules apply again.
        return "validation_status in ('waiting', 'pending')"

    def validate_tier(self):
        """Approve the current user's turn. Approving needs no comment; refusing asks
        for one (reject_tier), since the reason goes back to the secretary. Callable
        over RPC, so it returns True rather than a comment wizard."""
        self.ensure_one()
        sequences = self._get_sequences_to_approve(self.env.user)
        reviews = self.review_ids.filtered(
            lambda r: r.sequence in sequences or r.approve_sequence_bypass
        )
        if not reviews.filtered(lambda r: self.env.user in r.reviewer_ids):
            raise UserError(
                _(
                    "“%(record)s” has no review waiting for you: either it is not your turn"
                    " yet, or you are not among its reviewers.",
                    record=self.display_name,
                )
            )
        self._validate_tier(reviews)
        self._update_counter({"review_deleted": True})
        return True

    def _check_may_change_approval(self):
        """Asking for an approval or starting it over is the business of those who may
        change the record (its secretaries), not of whoever may read it: the reviews
        change inside reviewing(), past the guard on tier.review."""
        if not self.env.su:
            self.check_access("write")

    @api.returns("tier.review")
    def request_validation(self):
        # api.returns: RPC clients receive the review ids, Python callers the records.
        self._check_may_change_approval()
        with reviewing():
            reviews = super().request_validation()
        # The first tier turns "pending" only when tier.review's stored can_review is
        # computed, which the ORM defers to the next flush (often a mail being sent,
        # sometimes nothing): settle it now, so that validation_status says whose turn
        # it is right away rather than "waiting".
        reviews.flush_recordset(["can_review"])
        self._sync_review_activities()
        return reviews

    def _validate_tier(self, tiers=False):
        # Approves the current user's turn only (base_tier_validation's own filter).
        with reviewing():
            res = super()._validate_tier(tiers)
        self._sync_review_activities()
        return res

    def _rejected_tier(self, tiers=False):
        """A refusal sends the record back to its responsible for rework, with the
        reviewer's comment in the chatter and on a to-do."""
        with reviewing():
            res = super()._rejected_tier(tiers)
        # Reviewers may refuse without having the right to edit the record: the move
        # back is the consequence of their review, not an edit of theirs.
        for record in self.sudo().filtered(lambda r: r.validation_status == "rejected"):
            refusal = record.review_ids.filtered(lambda r: r.status == "rejected")[:1]
            org = record._tier_org_env()
            note = org._(
                "%(tier)s refused by %(user)s: %(comment)s",
                tier=refusal.name,
                user=refusal.done_by.name,
                comment=refusal.comment or org._("no comment"),
            )
            record.restart_validation()
            record.with_context(skip_validation_check=True).write(record._tier_rework_values())
            record.message_post(body=note, subtype_xmlid="mail.mt_note")
            responsible = record._tier_rework_user()
            if responsible:
                record = record.with_context(lang=responsible.lang)
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=responsible.id,
                    summary=record._tier_rework_summary(),
                    note=note,
                )
        self._sync_review_activities()
        return res

    def _tier_rework_values(self):
        """Values written when a reviewer refuses: the state to rework the record in."""
        return {}

    def _tier_rework_user(self):
        return self.user_id if "user_id" in self._fields else self.create_uid

    def _tier_rework_summary(self):
        return _("Rework after the reviewer's refusal")

    def restart_validation(self):
        self._check_may_change_approval()
        with reviewing():
            res = super().restart_validation()
        self._sync_review_activities()
        return res

    def _tier_validation_check_write_remove_reviews(self, vals):
        # A record cancelled or sent back to its first state loses its reviews.
        with reviewing():
            return super()._tier_validation_check_write_remove_reviews(vals)

    def unlink(self):
        # A deleted record's reviews go with it.
        with reviewing():
            return super().unlink()

    def _current_reviews(self):
        """Reviews whose turn it is: the lowest sequence of the open sequential ones,
        plus every open review that is not sequential."""
        self.ensure_one()
        open_reviews = self.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        sequential = open_reviews.filtered("approve_sequence")
        if not sequential:
            return open_reviews
        first = min(sequential.mapped("sequence"))
        return (open_reviews - sequential) | sequential.filtered(lambda r: r.sequence == first)

    # The "to approve" activity type of each model (data, res_model set to the model).
    _approval_activity_type = "consultation.mail_activity_type_approval"

    def _sync_review_activities(self):
        activity_type = self.env.ref(self._approval_activity_type)
        # As superuser: the reviewers' to-dos follow the review, whoever moved it (a
        # reviewer does not write the record).
        for record in self.sudo():
            reviewers = record._current_reviews().reviewer_ids
            activities = record.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            finished = activities - activities.filtered(
                lambda a, users=reviewers: a.user_id in users
            )
            # The reviewer who just acted closes theirs; the others' simply go away.
            mine = finished.filtered(lambda a: a.user_id == self.env.user)
            mine.action_feedback()
            (finished - mine).unlink()
            for user in reviewers - (activities - finished).user_id:
                # Written in the language of the reviewer who will read it.
                record.with_context(lang=user.lang).activity_schedule(
                    act_type_xmlid=self._approval_activity_type,
                    user_id=user.id,
                )

    def _get_exception_fields(self, extra_domain=None):
        # The stock write check looks these up once per record: remember them for the
        # transaction, so that batch writes (crons, list edits) cost the same for 4
        # records or for 400. They are configuration, changed in their own screen.
        key = (
            "consultation_tier_exceptions",
            self._name,
            self.env.uid,
            tuple(self._get_company().ids),
            repr(extra_domain),
        )
        cache = self.env.cr.cache
        if key not in cache:
            cache[key] = super()._get_exception_fields(extra_domain=extra_domain)
        return list(cache[key])

    @api.model
    def _get_under_validation_exceptions(self):
        return [*super()._get_under_validation_exceptions(), "activity_ids"]

    # ------------------------------------------------------------------
    # Messages only. base_tier_validation writes its banners and chatter messages with
    # its own code translations, whose zh_CN leaves most of them in English (or with
    # half-width punctuation and 驳回, our word for a topic not taken up). They are
    # written here again, as whole sentences this addon translates; the chatter keeps
    # them in the organisation's language, since everyone who follows the record reads
    # them. A complete zh_CN in OCA/server-ux would remove this section (README).
    # ------------------------------------------------------------------
    def _tier_org_env(self):
        return self.with_context(lang=self._get_company()._consultation_lang()).env

    def _get_to_validate_message_name(self):
        return self.env["ir.model"]._get(self._name).name

    def _get_to_validate_message(self):
        return Markup('<i class="fa fa-info-circle"></i> %s') % _(
            "This %(document)s needs to be approved.",
            document=self._get_to_validate_message_name(),
        )

    def _get_validated_message(self):
        if self.validation_status != "validated":
            return ""
        return Markup('<i class="fa fa-thumbs-up"></i> %s') % _("The review has been passed.")

    def _get_rejected_message(self):
        if self.validation_status != "rejected":
            return ""
        return Markup('<i class="fa fa-thumbs-down"></i> %s') % _("The review was refused.")

    def _compute_next_review(self):
        for record in self:
            review = record.review_ids.sorted("sequence").filtered(lambda r: r.status == "pending")[
                :1
            ]
            record.next_review = review and _("Next: %(review)s", review=review.name or "")

    def _notify_created_review_body(self):
        return self._tier_org_env()._(
            "A record to be reviewed has been created by %(user)s.", user=self.env.user.name
        )

    def _notify_requested_review_body(self):
        return self._tier_org_env()._(
            "A review has been requested by %(user)s.", user=self.env.user.name
        )

    def _notify_restarted_review_body(self):
        return self._tier_org_env()._(
            "The review has been reset by %(user)s.", user=self.env.user.name
        )

    def _notify_accepted_reviews_body(self):
        comment = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)[
            :1
        ].comment
        if comment:
            return self._tier_org_env()._(
                "A review was passed by %(user)s (%(comment)s).",
                user=self.env.user.name,
                comment=comment,
            )
        return self._tier_org_env()._("A review was passed by %(user)s.", user=self.env.user.name)

    def _notify_rejected_review_body(self):
        comment = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)[
            :1
        ].comment
        if comment:
            return self._tier_org_env()._(
                "A review was refused by %(user)s (%(comment)s).",
                user=self.env.user.name,
                comment=comment,
            )
        return self._tier_org_env()._("A review was refused by %(user)s.", user=self.env.user.name)
