import re

import polib

from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestChinese(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = cls.load_chinese()

    def test_menus_and_rules_read_in_chinese(self):
        self.assertEqual(self.zh.ref("consultation.menu_consultation_root").name, "协商议事")
        self.assertEqual(self.zh.ref("consultation.menu_consultation_room").name, "协商议事室")
        rule = self.zh.ref("consultation.screening_rule_exclude_individual")
        self.assertEqual(rule.name, "个体矛盾")
        level = dict(self.zh["consultation.room"]._fields["level"]._description_selection(self.zh))
        self.assertEqual(level["village"], "村（社区）")

    def test_errors_read_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "不能放在其自身或其下级议事室之下"):
            self.district.with_env(self.zh).parent_id = self.community_a1

    def label(self, model, field):
        return self.zh["ir.model.fields"]._get(model, field).field_description

    def selection(self, model, field):
        return dict(self.zh[model]._fields[field]._description_selection(self.zh))

    def test_the_words_an_office_uses(self):
        self.assertEqual(self.label("consultation.meeting", "code"), "编号")
        self.assertEqual(self.label("consultation.topic", "category"), "领域")
        self.assertEqual(self.label("consultation.opinion", "channel"), "渠道")
        self.assertEqual(self.label("consultation.opinion", "partner_id"), "提出人")
        self.assertEqual(self.label("consultation.meeting", "weekday"), "星期")
        self.assertEqual(self.label("consultation.research", "name"), "调研主题")
        self.assertEqual(self.label("consultation.room", "compliance_state"), "议事活动开展情况")
        self.assertEqual(
            self.selection("consultation.room", "compliance_state")["inactive"], "长期未开展活动"
        )
        quarters = self.selection("consultation.topic", "planned_quarter")
        self.assertEqual(
            [quarters[q] for q in "1234"], ["第一季度", "第二季度", "第三季度", "第四季度"]
        )
        topic = self.selection("consultation.topic", "state")
        self.assertEqual(
            (topic["submitted"], topic["rejected"], topic["done"]), ("已提交", "已驳回", "已办结")
        )
        outcome = self.selection("consultation.outcome", "state")
        self.assertEqual(
            [outcome[s] for s in ("submitted", "accepted", "rejected", "done")],
            ["已交办", "已接收", "不予采纳", "已办结"],
        )
        opinion = self.selection("consultation.opinion", "state")
        self.assertEqual((opinion["accepted"], opinion["rejected"]), ("已采纳", "不予采纳"))
        role = self.selection("consultation.meeting.attendance", "role")
        self.assertEqual(role["guest"], "其他参会人员")


# Placeholders, tags and formats are code: the punctuation around them is not Chinese.
CODE = re.compile(r"<[^>]*>|%\([^)]*\)[sdfr]|%[sdfr%]|\{\{.*?\}\}|\{[^{}]*\}|https?://\S+")
CJK = "\u3400-\u9fff\u3000-\u303f\uff01-\uff60"
HALF_WIDTH_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}])[,:;()]|[,:;()](?=[{CJK}])")
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]")


@tagged("post_install", "-at_install")
class TestChinesePunctuation(ConsultationCase):
    def test_chinese_sentences_use_full_width_punctuation(self):
        path = get_module_path("consultation") + "/i18n/zh_CN.po"
        chinese = [e for e in polib.pofile(path) if re.search("[\u4e00-\u9fff]", e.msgstr)]
        self.assertGreater(len(chinese), 900)
        half_width = [
            e.msgstr for e in chinese if HALF_WIDTH_NEXT_TO_CJK.search(CODE.sub("\ue000", e.msgstr))
        ]
        self.assertLess(len(half_width) / len(chinese), 0.02, half_width)
        for entry in chinese:
            self.assertEqual(
                sorted(PLACEHOLDER.findall(entry.msgid)),
                sorted(PLACEHOLDER.findall(entry.msgstr)),
                entry.msgid,
            )


@tagged("post_install", "-at_install")
class TestTranslatedCode(ConsultationCase):
    def test_translated_file_names_stay_python(self):
        """A report's file name (print_report_name) is a Python expression that
        /report/download evaluates in the user's language: its translation may change
        the words in quotes, never the code around them."""
        path = get_module_path("consultation") + "/i18n/zh_CN.po"
        entries = [
            entry
            for entry in polib.pofile(path)
            if any("print_report_name" in where for where, _line in entry.occurrences)
        ]
        self.assertGreaterEqual(len(entries), 10)
        for entry in entries:
            compile(entry.msgid, entry.msgid, "eval")
            with self.subTest(msgid=entry.msgid):
                compile(entry.msgstr or entry.msgid, entry.msgstr, "eval")


@tagged("post_install", "-at_install")
class TestThe369Steps(ConsultationCase):
    def test_states_are_grouped_under_the_six_steps(self):
        zh = self.load_chinese()
        steps = dict(zh["consultation.topic"]._fields["step"]._description_selection(zh))
        self.assertEqual(
            list(steps.values()),
            ["议题征集", "议题筛选", "议题公示", "协商准备", "协商议事", "结果反馈"],
        )
        topic = self.create_topic("加装电梯")
        self.assertEqual(topic.step, "collection")
        self.bring_to(topic, "screened")
        self.assertEqual(topic.step, "screening")
        self.bring_to(self.create_topic("停车"), "published")
        # The kanban shows all six columns, in order, even the empty ones.
        groups = (
            self.env["consultation.topic"]
            .with_env(zh)
            .read_group([("id", "=", topic.id)], ["step"], ["step"])
        )
        self.assertEqual([g["step"] for g in groups][:6], list(steps))
