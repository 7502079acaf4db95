from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestScreeningRule(TransactionCase):
    def test_three_to_deliberate_and_the_not_to_deliberate_list_ship(self):
        Rule = self.env["consultation.screening.rule"]
        include = Rule.search([("kind", "=", "include")])
        exclude = Rule.search([("kind", "=", "exclude")])
        self.assertEqual(len(include), 3)
        self.assertEqual(len(exclude), 7)
        self.assertEqual(
            self.env.ref("consultation.screening_rule_exclude_individual").kind, "exclude"
        )
