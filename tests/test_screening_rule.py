from odoo.tests import TransactionCase, tagged

from .common import ConsultationHelpers


@tagged("post_install", "-at_install")
class TestScreeningRule(ConsultationHelpers, TransactionCase):
    def test_three_to_deliberate_and_the_seeds_four_not_to_deliberate_ship_active(self):
        Rule = self.env["consultation.screening.rule"]
        include = Rule.search([("kind", "=", "include")])
        exclude = Rule.search([("kind", "=", "exclude")])
        self.assertEqual(len(include), 3)
        self.assertEqual(
            exclude.with_context(lang="en_US").mapped("name"),
            [
                "Contrary to policy principles",
                "Individual dispute",
                "Unfair to others",
                "Serious disagreement",
            ],
        )

    def test_seeds_four_not_to_deliberate_read_as_in_the_seed(self):
        self.load_chinese()
        exclude = (
            self.env["consultation.screening.rule"]
            .with_context(lang="zh_CN")
            .search([("kind", "=", "exclude")])
        )
        self.assertEqual(
            exclude.mapped("name"), ["违反政策原则", "个体矛盾", "有失公平", "严重分歧"]
        )

    def test_other_not_to_deliberate_items_ship_archived_for_offices_that_use_them(self):
        archived = (
            self.env["consultation.screening.rule"]
            .with_context(active_test=False)
            .search([("active", "=", False)])
        )
        self.assertEqual(
            set(archived.ids),
            {
                self.env.ref(f"consultation.screening_rule_exclude_{name}").id
                for name in ("law", "beyond_scope", "infeasible", "decided")
            },
        )
        self.assertEqual(set(archived.mapped("kind")), {"exclude"})

    def test_contrary_to_legal_provisions_ships_archived_in_chinese(self):
        """The source documents' 七不议 name 违反法律规定 apart from 违反政策原则."""
        self.load_chinese()
        rule = self.env.ref("consultation.screening_rule_exclude_law").with_context(lang="zh_CN")
        self.assertEqual(rule.name, "违反法律规定")
        self.assertEqual(rule.kind, "exclude")
        self.assertFalse(rule.active)
