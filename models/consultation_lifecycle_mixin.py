from odoo import _, models
from odoo.exceptions import AccessError, UserError


class ConsultationLifecycleMixin(models.AbstractModel):
    """Records whose `state` moves only through their `action_*` methods: each
    action checks the state it starts from, then writes the new one."""

    _name = "consultation.lifecycle.mixin"
    _description = "Consultation Life Cycle"

    def write(self, vals):
        # The status moves only through the actions, which check their preconditions;
        # a client writing it directly would skip them.
        if "state" in vals and not self.env.su:
            raise AccessError(
                _(
                    "The status of “%(record)s” changes only through its action buttons.",
                    record=self[:1].display_name,
                )
            )
        return super().write(vals)

    def _check_state(self, allowed, action):
        """Refuse an action on records that are not in one of the `allowed` states."""
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "“%(record)s” is %(state)s: it cannot be %(action)s now.",
                    record=wrong[0].display_name,
                    state=states[wrong[0].state],
                    action=action,
                )
            )

    def _set_state(self, vals):
        """The status moves only through the actions, which check their preconditions
        and the user's right to edit the record before writing it as superuser."""
        self.check_access("write")
        return self.sudo().write(vals)
