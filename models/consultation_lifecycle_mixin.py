"""Records whose status moves only through their action buttons, each checking where it starts."""

from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, models
from odoo.exceptions import AccessError, UserError

# Set, in Python only, while an action writes its transition (`_set_state`): then, and
# only then, the guarded fields (the status) may be written by the acting user. A
# context key would not do: any RPC caller can send one.
_TRANSITION = ContextVar("consultation_transition", default=False)


def in_transition():
    return _TRANSITION.get()


@contextmanager
def transition():
    """Let the status pass the guard for the writes made inside this block."""
    token = _TRANSITION.set(True)
    try:
        yield
    finally:
        _TRANSITION.reset(token)


class ConsultationLifecycleMixin(models.AbstractModel):
    """Records whose `state` moves only through their `action_*` methods: each
    action checks the state it starts from, then writes the new one."""

    _name = "consultation.lifecycle.mixin"
    _description = "Consultation Life Cycle"

    # Fields that move only through the actions.
    _guarded_fields = ("state",)

    def write(self, vals):
        # The status moves only through the actions, which check their preconditions;
        # a client writing it directly would skip them.
        if set(self._guarded_fields) & vals.keys() and not (self.env.su or in_transition()):
            raise AccessError(
                _(
                    "The status of “%(record)s” changes only through its action buttons.",
                    record=self[:1].display_name,
                )
            )
        return super().write(vals)

    def _check_state(self, allowed, rule):
        """Refuse an action on records that are not in one of the `allowed` states.
        `rule` is the whole translated sentence that says which records may."""
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "“%(record)s” is %(state)s. %(rule)s",
                    record=wrong[0].display_name,
                    state=states[wrong[0].state],
                    rule=rule,
                )
            )

    def _set_state(self, vals):
        """The status moves only through the actions, which check their preconditions;
        the transition is written as the acting user (their access rights and record
        rules apply to every value), only the status passing the guard."""
        with transition():
            return self.write(vals)
