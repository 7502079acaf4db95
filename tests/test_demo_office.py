import re
from collections import Counter, defaultdict
from pathlib import Path
from unittest import SkipTest

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

# What a district office reads in the demo (#23): rosters by the source documents' rule,
# experts with titles that are titles, texts written per topic, dates that agree.
FIRST_CONVENER = {
    "village": r"(社区党委|村党(总)?支(部)?)书记",
    "street": r"街道党工委副书记",
    "town": r"镇党委副书记",
    "enterprise": r"党(工)?委副书记",
}


@tagged("post_install", "-at_install")
class TestDemoAnOfficeRecognises(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("consultation.unit_hp_01", raise_if_not_found=False):
            raise SkipTest("Demo data not loaded.")
        cls.Membership = cls.env["consultation.room.membership"]
        cls.year = cls.env.company._consultation_today().year - 1

    def conveners(self, role):
        return {
            m.room_id: m.member_id
            for m in self.Membership.search([("role", "=", role), ("date_end", "=", False)])
        }

    def test_conveners_by_the_rule(self):
        first, second = self.conveners("first_convener"), self.conveners("second_convener")
        rooms = self.env["consultation.room"].search([])
        self.assertEqual(set(first), set(rooms), "every room has its first convener")
        for room in rooms:
            with self.subTest(room=room.name):
                if room.level in FIRST_CONVENER:
                    self.assertRegex(first[room].organization, FIRST_CONVENER[room.level])
                    self.assertIn(room.name[:2], first[room].organization, "its own secretary")
                else:
                    self.assertEqual(first[room].member_type, "cppcc_member")
                # The second convener is the CPPCC member who liaises with the room.
                self.assertEqual(second[room].member_type, "cppcc_member")
                self.assertTrue(second[room].sector)
        self.assertNotRegex(first[self.env.ref("consultation.room_district")].organization, "物业")

    def test_one_holder_per_post(self):
        members = self.env["consultation.member"].search([("member_type", "=", "cppcc_member")])
        posts = Counter(members.mapped("organization"))
        self.assertFalse([post for post, count in posts.items() if count > 1])
        sectors = dict(zip(members.mapped("organization"), members.mapped("sector"), strict=True))
        self.assertEqual(sectors["区妇联副主席"], "妇联")
        self.assertEqual(sectors["区中医院副院长"], "医药卫生界")

    def test_experts_titles_are_titles(self):
        experts = self.env["consultation.expert"].search([])
        self.assertFalse(set(experts.mapped("title")) & {"律师", "注册会计师"})
        self.assertIn("律师", experts.mapped("qualification"))
        self.assertFalse(set(experts.mapped("name")) & {"韩律", "蒋审之"})
        self.assertFalse([o for o in experts.mapped("organization") if "大学" in o])

    def test_previous_year_written_per_topic_and_level(self):
        topics = self.env["consultation.topic"].search([("year", "=", self.year)])
        self.assertGreater(len(topics), 50)
        for topic in topics.filtered(lambda t: t.room_id.name.endswith("村协商议事室")):
            self.assertNotRegex(topic.name, "小区|社区|背街", "villages deliberate rural topics")
        # An opinion is about its topic: the same words never land on two subjects.
        subjects = defaultdict(set)
        for opinion in topics.opinion_ids:
            room = opinion.topic_id.room_id.name.replace("协商议事室", "")
            subjects[opinion.content].add(opinion.topic_id.name.replace(room, ""))
        self.assertFalse({text: s for text, s in subjects.items() if len(s) > 1})

    def test_dates_agree(self):
        for case in self.env["consultation.case"].search([("state", "=", "published")]):
            if case.meeting_id:
                self.assertLessEqual(case.meeting_id.start.date(), case.date_published, case.name)
        today = self.env.company._consultation_today()
        overdue = self.env["consultation.outcome"].search(
            [
                ("date_deadline", "<", today),
                ("state", "in", ("submitted", "accepted", "in_progress")),
            ]
        )
        for department in overdue.department_id:
            names = overdue.filtered(lambda o, d=department: o.department_id == d).mapped("name")
            self.assertEqual(len(names), len(set(names)), f"one 督办函 of {department.name}")
        self.assertFalse([o.name for o in overdue if (today - o.date_deadline).days > 365])

    def test_minutes_go_to_their_own_level(self):
        district = self.env.ref("consultation.meeting_district_thematic")
        self.assertIn("报送区委、区政府", district.minutes)
        enterprise = self.env.ref("consultation.meeting_written_safety")
        self.assertNotIn("街道", enterprise.minutes)

    def test_a_district_no_place_has(self):
        root = Path(get_module_path("consultation"))
        texts = [p.read_text() for p in sorted(root.glob("demo/*.xml"))]
        texts.append((root / "README.md").read_text())
        self.assertFalse([t for t in texts if "青川" in t])
        self.assertEqual(self.env.ref("base.main_company").name, "政协禾澜区委员会")

    def test_the_demo_is_data(self):
        """No demo generator in the production models (#24): the previous year is
        records in demo/, its figures computed by the addon's own methods."""
        models = Path(get_module_path("consultation"), "models")
        self.assertFalse(
            [p.name for p in models.glob("*.py") if re.search(r"def _?demo", p.read_text())]
        )
        self.assertTrue(self.env.ref("consultation.ye_meeting_hp_cy_1").state == "closed")
