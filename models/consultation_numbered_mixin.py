"""Documents numbered from a yearly sequence on the organisation's day."""

from odoo import _, api, fields, models


class ConsultationNumberedMixin(models.AbstractModel):
    """A document of a room (a topic's receipt YT…, a meeting's HY…) gets its number at
    creation, from the sequence `_sequence_code`, which restarts each year: the year of
    the organisation's day (res.company._consultation_next_code), not of the caller's
    clock. The model has a `room_id`."""

    _name = "consultation.numbered.mixin"
    _description = "Consultation Numbered Document"

    # The code of the document's ir.sequence (a yearly range, see data/).
    _sequence_code = None

    code = fields.Char(
        "Number",
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: _("New"),
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                vals["code"] = self._next_code(vals.get("room_id"))
        return super().create(vals_list)

    @api.model
    def _next_code(self, room_id):
        room = self.env["consultation.room"].browse(room_id)
        # As superuser: the number follows the room's organisation, which the user
        # creating the document may not read.
        company = room.sudo().company_id.with_env(self.env)
        return company._consultation_next_code(self._sequence_code)
