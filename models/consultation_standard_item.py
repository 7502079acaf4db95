"""The items of the rooms' standard checklist (规范化建设)."""

from odoo import api, fields, models


class ConsultationStandardItem(models.Model):
    """One item of the standard checklist of a room (规范化建设, the seeds' 六个有).
    Offices keep their own list: every room gets a line for each active item."""

    _name = "consultation.standard.item"
    _description = "Standard Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What a room shows to meet the item.")
    active = fields.Boolean(default=True)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        # A new item applies to every room at once, unmet until the room shows it.
        rooms = self.env["consultation.room"].sudo().with_context(active_test=False).search([])
        rooms._ensure_standard_lines(items.filtered("active"))
        return items

    def write(self, vals):
        res = super().write(vals)
        if vals.get("active"):
            # As superuser: a new checklist item gets a line in every room, whoever adds it.
            rooms = self.env["consultation.room"].sudo().with_context(active_test=False).search([])
            rooms._ensure_standard_lines(self)
        return res
