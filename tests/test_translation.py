from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestChinese(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["consultation"], ["zh_CN"], overwrite=True)
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_menus_and_rules_read_in_chinese(self):
        self.assertEqual(self.zh.ref("consultation.menu_consultation_root").name, "协商议事")
        self.assertEqual(self.zh.ref("consultation.menu_consultation_room").name, "协商议事室")
        rule = self.zh.ref("consultation.screening_rule_exclude_individual")
        self.assertEqual(rule.name, "个体矛盾")
        level = dict(self.zh["consultation.room"]._fields["level"]._description_selection(self.zh))
        self.assertEqual(level["village"], "村(社区)")

    def test_errors_read_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "不能放在其自身或其下级议事室之下"):
            self.district.with_env(self.zh).parent_id = self.community_a1
