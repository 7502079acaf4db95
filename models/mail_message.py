"""Invitees read their meeting and its agenda, not the office's internal notes on them."""

from odoo import api, models

# What a meeting's invitees may read without a consultation role (the invitee record
# rules). Their chatter's internal notes — sensitive-topic reports, reviewers' refusal
# comments, the secretaries' notes — stay with the consultation roles, as Odoo keeps
# internal notes from portal users.
INVITEE_MODELS = ("consultation.meeting", "consultation.topic")


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _consultation_outsider(self):
        """An employee with no consultation role: an invited expert, a department's
        representative, any colleague reading through the calendar."""
        user = self.env.user
        return (
            not self.env.is_superuser()
            and user._is_internal()
            and not user.has_group("consultation.group_consultation_viewer")
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self._consultation_outsider():
            domain = [
                "|",
                ("model", "not in", INVITEE_MODELS),
                *self._get_search_domain_share(),
                *domain,
            ]
        return super()._search(domain, offset, limit, order)

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if self._consultation_outsider():
            # Read as superuser: reading the messages' fields as the user would come
            # back here.
            notes = (
                (self - forbidden)
                .sudo()
                .filtered(
                    lambda m: (
                        m.model in INVITEE_MODELS
                        and (m.is_internal or not m.subtype_id or m.subtype_id.internal)
                    )
                )
            )
            forbidden += self.browse(notes.ids)
        return forbidden
