"""Every object button of the addon, clicked as the web client clicks it, by each role."""

import ast
import logging
from contextlib import closing

from lxml import etree

from odoo import api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

# The demo's users, one per role (password = login).
ROLES = {
    "office": "consultation.user_manager",
    "secretary": "consultation.user_secretary",
    "approver": "consultation.user_approver",
    "member": "consultation.user_member",
    "viewer": "consultation.user_viewer",
}

# Buttons no demo record shows, with the reason; any other button that no role ever
# sees on a demo record fails the test (a button nobody can reach is a bug or a gap in
# the demo).
UNREACHED = {
    ("consultation.assessment", "action_reset_draft"): (
        "the demo's assessment awaits the office's confirmation; reopening a confirmed "
        "one is walked in test_assessment"
    ),
    ("consultation.case", "action_publish"): (
        "the demo's cases are published; writing up and publishing a case is walked in test_case"
    ),
    ("consultation.meeting", "action_close"): (
        "the demo's minutes under review await the office; closing approved minutes "
        "is walked in test_meeting (TestMinutesRevisions)"
    ),
    **{
        ("consultation.meeting", method): (
            "no demo meeting is running in its room (a meeting starts on its own day); the "
            "live buttons are walked in test_meeting_live"
        )
        for method in (
            "action_live_next_topic",
            "action_live_give_floor",
            "action_live_timer_start",
            "action_live_timer_pause",
            "action_live_vote_open",
            "action_live_vote_close",
            "action_live_end",
        )
    },
    ("consultation.meeting", "request_validation"): (
        "“Submit Minutes” requests the reviews itself: OCA's button shows only on "
        "minutes under review without reviews, where no action leaves a meeting"
    ),
}

# Errors a user may meet, in a dialog that says what to do: anything else (TypeError,
# KeyError, a traceback) is a bug.
USER_ERRORS = (UserError, ValidationError, AccessError)


def _client_value(record, name):
    """A field's value as the web client evaluates it in `invisible`, `readonly` and
    button contexts: ids for relations, False for empty values."""
    field = record._fields[name]
    value = record[name]
    if field.type == "many2one":
        return value.id or False
    if field.type in ("one2many", "many2many"):
        return value.ids
    if field.type in ("date", "datetime"):
        return fields.Datetime.to_string(value) if value else False
    if field.type == "binary":
        return bool(value)
    return value


def _names(expression):
    return {
        node.id
        for node in ast.walk(ast.parse(expression.strip(), mode="eval"))
        if isinstance(node, ast.Name)
    }


@tagged("post_install", "-at_install")
class TestWalkButtons(HttpCase):
    """Each `<button type="object">` of the addon's list, form and kanban views, as each
    role receives the views (groups applied, the approval buttons OCA injects included),
    is called through `odoo.api.call_kw` with the selected ids, as
    `/web/dataset/call_button` does, on a demo record where it is visible; a wizard it
    opens is filled and its buttons are clicked too. Every click runs in a savepoint
    that is rolled back, so the demo stays as it was for the next one. An HttpCase:
    buttons that print (minutes) run wkhtmltopdf, which fetches its style sheets from
    this server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        views = cls.env["ir.ui.view"].search(
            [
                ("type", "in", ("list", "form", "kanban")),
                ("mode", "=", "primary"),
                ("model_data_id.module", "=", "consultation"),
            ]
        )
        cls.views = views.filtered(lambda v: not cls.env[v.model]._transient)
        cls.users = {role: cls.env.ref(xmlid) for role, xmlid in ROLES.items()}

    def _env(self, user):
        context = dict(user.context_get(), allowed_company_ids=user.company_ids.ids)
        return api.Environment(self.env.cr, user.id, context)

    def _eval(self, expression, record, context):
        if not expression:
            return False
        values = {"context": context, "uid": record.env.uid, "True": True, "False": False}
        for name in _names(expression):
            if name in record._fields:
                values[name] = _client_value(record, name)
        values.setdefault("parent", {})
        values["context_today"] = lambda: fields.Date.context_today(record)
        values["id"] = record.id
        values["active_id"] = record.id
        return safe_eval(expression, values)

    def _buttons(self, env, view):
        """Each object button of the view as `env`'s user gets it (a list's header
        buttons included: they are called with the selected ids), nested x2many views
        left out (their buttons are their own model's)."""
        arch = env[view.model].get_view(view.id, view.type)["arch"]
        root = etree.fromstring(arch)
        for button in root.iter("button"):
            if button.get("type") != "object":
                continue
            ancestors = list(button.iterancestors())
            if any(a.tag == "field" for a in ancestors):
                continue
            yield button

    def _click(self, records, method, context):
        """Call `method` as the web client does; return the action it gives back, or
        the error a user sees. Anything else propagates and fails the test."""
        try:
            return api.call_kw(records, method, [records.ids], {"context": context}), None
        except USER_ERRORS as error:
            return None, error

    def _walk_wizard(self, env, action, problems, where):
        """A wizard the button opened: filled as a user would (its defaults, then a
        value for every empty required field), and each of its buttons clicked."""
        model = env[action["res_model"]]
        context = dict(env.context, **(action.get("context") or {}))
        model = model.with_context(**context)
        values = model.default_get(list(model._fields))
        for name, field in model._fields.items():
            if not field.required or values.get(name) or field.compute:
                continue
            if field.type in ("char", "text", "html"):
                values[name] = "测试说明"
            elif field.type == "selection":
                values[name] = field._description_selection(env)[0][0]
            elif field.type == "many2one":
                values[name] = env[field.comodel_name].search([], limit=1).id
            elif field.type in ("date", "datetime"):
                values[name] = fields.Datetime.now()
        try:
            wizard = model.create(values)
        except USER_ERRORS:
            return
        view = env[model._name].get_view(False, "form")
        for button in etree.fromstring(view["arch"]).iter("button"):
            if button.get("type") != "object":
                continue
            with closing(self.env.cr.savepoint()):
                try:
                    self._click(wizard, button.get("name"), context)
                except Exception as error:  # pylint: disable=broad-exception-caught
                    problems.append(f"{where} → {model._name}.{button.get('name')}: {error!r}")
                self.env.invalidate_all()

    def _click_visible(self, env, view, button, records, where):
        """Click `button` on the first record where it is visible; return whether one
        was, and the failures met."""
        method, problems = button.get("name"), []
        for record in records:
            context = dict(env.context)
            if button.get("context"):
                try:
                    context.update(self._eval(button.get("context"), record, context))
                except Exception:  # pylint: disable=broad-exception-caught
                    _logger.info("%s: context %s not evaluated", where, button.get("context"))
            if self._eval(button.get("invisible"), record, context):
                continue
            with closing(self.env.cr.savepoint()):
                try:
                    action, _error = self._click(record, method, context)
                    if (
                        isinstance(action, dict)
                        and action.get("type") == "ir.actions.act_window"
                        and action.get("target") == "new"
                        and env[action["res_model"]]._transient
                    ):
                        self._walk_wizard(env, action, problems, where)
                except Exception as error:  # pylint: disable=broad-exception-caught
                    problems.append(f"{where} on {record.display_name}: {error!r}")
                self.env.invalidate_all()
                self.env.registry.clear_cache()
            # One visible record per button and role: the code is the same for the next.
            return True, problems
        return False, problems

    def test_every_button_as_every_role(self):
        problems, reached, seen = [], set(), set()
        for role, user in self.users.items():
            env = self._env(user)
            for view in self.views:
                if not env[view.model].has_access("read"):
                    continue
                # Archived records too: the web client lists them under the "Archived" filter.
                records = env[view.model].with_context(active_test=False).search([], order="id")
                for button in self._buttons(env, view):
                    key = (view.model, button.get("name"))
                    seen.add(key)
                    where = f"{role}: {view.xml_id} {key[1]}"
                    visible, failures = self._click_visible(env, view, button, records, where)
                    problems += failures
                    if visible:
                        reached.add(key)
        self.assertFalse(
            problems, "Buttons that fail as the web client calls them:\n" + "\n".join(problems)
        )
        unreached = sorted(seen - reached - UNREACHED.keys())
        self.assertFalse(
            unreached,
            "Buttons no demo record shows to any role (add the demo record, or name the "
            f"button in UNREACHED with the reason): {unreached}",
        )
