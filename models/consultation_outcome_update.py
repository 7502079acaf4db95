"""Dated progress reports on an outcome's implementation."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ConsultationOutcomeUpdate(models.Model):
    """A dated progress report on an outcome (落实进展), with its photos and
    documents. The outcome's progress is always the latest of these."""

    _name = "consultation.outcome.update"
    _description = "Outcome Progress Update"
    _order = "date desc, id desc"
    _rec_name = "date"

    outcome_id = fields.Many2one(
        "consultation.outcome", required=True, index=True, ondelete="cascade"
    )
    room_id = fields.Many2one(related="outcome_id.room_id", store=True, index=True)
    company_id = fields.Many2one(related="outcome_id.company_id", store=True)
    department_id = fields.Many2one(related="outcome_id.department_id", store=True, index=True)
    date = fields.Date(required=True, default=lambda self: self.env.company._consultation_today())
    progress = fields.Integer("Progress (%)", required=True)
    note = fields.Text("What Was Done", required=True)
    author_id = fields.Many2one(
        "res.users", "Reported By", default=lambda self: self.env.user, readonly=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "consultation_outcome_update_attachment_rel",
        "update_id",
        "attachment_id",
        string="Photos and Documents",
    )

    @api.constrains("progress")
    def _check_progress(self):
        for update in self:
            if not 0 <= update.progress <= 100:
                raise ValidationError(_("Progress is a percentage between 0 and 100."))

    @api.model_create_multi
    def create(self, vals_list):
        # Checked before the row is written: nothing is recorded on an outcome that is
        # done, rejected or not yet accepted.
        outcomes = self.env["consultation.outcome"].browse(
            {vals["outcome_id"] for vals in vals_list if vals.get("outcome_id")}
        )
        # As superuser: the department reporting progress may not read the outcome's state.
        not_started = outcomes.sudo().filtered(lambda o: o.state not in ("accepted", "in_progress"))
        if not_started:
            raise UserError(
                _(
                    "Progress is reported once the department has accepted “%(outcome)s”.",
                    outcome=not_started[0].name,
                )
            )
        updates = super().create(vals_list)
        # The first report of an accepted outcome means work has started.
        updates.outcome_id.filtered(lambda o: o.state == "accepted").action_start()
        for update in updates:
            update.outcome_id.message_post(
                body=_(
                    "Progress %(progress)s%%: %(note)s", progress=update.progress, note=update.note
                ),
                attachment_ids=update.attachment_ids.ids,
                subtype_xmlid="mail.mt_note",
            )
        return updates

    def write(self, vals):
        # A recorded report is part of the record: a correction is a new update.
        if not self.env.su:
            raise UserError(
                _(
                    "A progress update cannot be changed once recorded: add a new update"
                    " that corrects it."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                _(
                    "A progress update cannot be deleted once recorded: add a new update"
                    " that corrects it."
                )
            )
