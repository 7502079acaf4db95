"""Records whose status moves only through their action buttons, each checking where it starts."""

from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, models
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
    action checks the state it starts from, then writes the new one. A record is
    created in its first state and copied as a new one, whatever the client (form,
    RPC, CSV import, copy)."""

    _name = "consultation.lifecycle.mixin"
    _description = "Consultation Life Cycle"

    # Fields that move only through the actions. `state` starts at its default; the
    # others start empty.
    _guarded_fields = ("state",)
    # States that end the life cycle off its path (rejected, cancelled): kanban shows
    # their column only when records sit there (`group_expand="_group_expand_states"`).
    _dead_end_states = ()

    def _group_expand_states(self, states, domain):
        """Kanban columns follow the life cycle, every step of it shown; the dead ends
        only when records sit there."""
        return [
            key
            for key, _label in self._fields["state"].selection
            if key not in self._dead_end_states or key in states
        ]

    def _guard_free(self):
        # Superuser: demo data, install, and the addon's own doors (portal, sync).
        return self.env.su or in_transition()

    def _guarded_initial_value(self, fname):
        field = self._fields[fname]
        if fname == "state" and field.default:
            return field.default(self)
        return False

    @api.model_create_multi
    def create(self, vals_list):
        if not self._guard_free():
            for vals in vals_list:
                for fname in set(self._guarded_fields) & vals.keys():
                    initial = self._guarded_initial_value(fname)
                    if (vals[fname] or False) == initial:
                        continue
                    raise self._guard_error(fname, initial=initial)
            # A default sent in the context (a kanban column, an action) is no value of
            # the client's to keep: the record starts where its life cycle starts.
            defaults = {f"default_{fname}" for fname in self._guarded_fields}
            if defaults & self.env.context.keys():
                # with_env, not with_context(**…): the keys must go, not become False.
                context = {k: v for k, v in self.env.context.items() if k not in defaults}
                self = self.with_env(self.env(context=context))
        return super().create(vals_list)

    def _guard_error(self, fname, record=None, initial=False):
        """The refusal of a guarded value, at creation (`initial`: the value the
        record starts with) or on `record`."""
        if record:
            if fname == "state":
                return AccessError(
                    _(
                        "The status of “%(record)s” changes only through its action buttons.",
                        record=record.display_name,
                    )
                )
            return AccessError(
                _(
                    "“%(field)s” of “%(record)s” is set only by its action buttons.",
                    field=self._fields[fname]._description_string(self.env),
                    record=record.display_name,
                )
            )
        # As superuser: the document's name for the message; not every user reads ir.model.
        document = self.env["ir.model"].sudo()._get(self._name).name
        if fname == "state":
            states = dict(self._fields["state"]._description_selection(self.env))
            return AccessError(
                _(
                    "A new %(document)s starts as “%(state)s”: its status then changes only"
                    " through its action buttons.",
                    document=document,
                    state=states.get(initial, initial),
                )
            )
        return AccessError(
            _(
                "“%(field)s” of a %(document)s is set only by its action buttons, not when it"
                " is created.",
                field=self._fields[fname]._description_string(self.env),
                document=document,
            )
        )

    def copy_data(self, default=None):
        # A copy is a new record: it starts in its first state, without the history
        # of the original (reviews and transitions are not copied either).
        vals_list = super().copy_data(default=default)
        given = (default or {}).keys()
        for vals in vals_list:
            for fname in set(self._guarded_fields) - given:
                vals.pop(fname, None)
        return vals_list

    def write(self, vals):
        # The status moves only through the actions, which check their preconditions;
        # a client writing it directly would skip them.
        guarded = [fname for fname in self._guarded_fields if fname in vals]
        if guarded and not self._guard_free():
            raise self._guard_error(guarded[0], record=self[:1])
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
