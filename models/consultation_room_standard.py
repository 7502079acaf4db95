"""Where a room stands on one item of the standard checklist."""

from odoo import api, fields, models


class ConsultationRoomStandard(models.Model):
    """Where a room stands on one item of the standard checklist, with its proof."""

    _name = "consultation.room.standard"
    _description = "Room Standard Checklist Line"
    _order = "room_id, sequence, id"

    room_id = fields.Many2one("consultation.room", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    item_id = fields.Many2one("consultation.standard.item", required=True, ondelete="restrict")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    item_description = fields.Text(related="item_id.description")
    met = fields.Boolean(help="The room meets this item.")
    date = fields.Date(help="When the room was found to meet the item.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "consultation_room_standard_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
        help="Photos or documents that show the item is met.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "room_item_uniq",
            "unique(room_id, item_id)",
            "A room has one line per item of the standard checklist.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        today = self.env.company._consultation_today()
        for vals in vals_list:
            if vals.get("met") and not vals.get("date"):
                vals["date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("met") and "date" not in vals:
            # Dated the day it is ticked, unless a date was already recorded.
            undated = self.filtered(lambda line: not line.date)
            if undated:
                super(ConsultationRoomStandard, undated).write(
                    {"date": self.env.company._consultation_today()}
                )
        return super().write(vals)
