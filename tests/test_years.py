"""Years read as years: 2026, never 2,026 nor a sum of years."""

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestYearsAsYears(TransactionCase):
    def _year_fields(self):
        for model_name in self.env.registry:
            if not model_name.startswith("consultation."):
                continue
            field = self.env[model_name]._fields.get("year")
            if field and field.type == "integer":
                yield self.env[model_name], field

    def test_years_are_never_summed(self):
        """A grouped list or a pivot would otherwise show the sum of the years (4,051)
        on every group, and offer "Year" as a measure."""
        checked = 0
        for model, _field in self._year_fields():
            description = model.fields_get(["year"], ["aggregator"])["year"]
            self.assertFalse(description.get("aggregator"), f"{model._name}.year is summed")
            checked += 1
        self.assertGreaterEqual(checked, 6)
        groups = self.env["consultation.room.year"].read_group([], ["year"], ["level"])
        self.assertTrue(groups)
        self.assertNotIn("year", groups[0], "the year column has a total in grouped lists")

    def test_years_are_shown_without_thousands_separator(self):
        """Every list, form and kanban that shows a year shows it unformatted."""
        user = self.env.ref("consultation.user_manager")
        views = self.env["ir.ui.view"].search(
            [
                ("type", "in", ("list", "form", "kanban")),
                ("mode", "=", "primary"),
                ("model_data_id.module", "=", "consultation"),
            ]
        )
        shown = 0
        for view in views:
            if "year" not in self.env[view.model]._fields:
                continue
            arch = self.env[view.model].with_user(user).get_view(view.id, view.type)["arch"]
            for node in etree.fromstring(arch).iter("field"):
                if node.get("name") != "year":
                    continue
                options = safe_eval(node.get("options") or "{}", {"false": False, "true": True})
                self.assertIs(
                    options.get("enable_formatting"),
                    False,
                    f"{view.xml_id} shows the year as a number: {etree.tostring(node)}",
                )
                shown += 1
        self.assertGreaterEqual(shown, 8)
