from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_online_consultation import OnlineConsultationCase


@tagged("post_install", "-at_install")
class TestInviteeAccess(OnlineConsultationCase):
    """The people a meeting invites read that meeting, its agenda and the opinions
    accepted on it, and give their opinion from the back office, as the calendar lets
    attendees read their events; the room itself stays a name to them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, name, groups="base.group_user"):
            return new_test_user(cls.env, login=login, groups=groups, name=name, lang="en_US")

        # A member of another room (Community B1), an expert of the expert pool with no
        # consultation role, and a department representative.
        cls.user_member_b = user(
            "cs_member_b", "新华委员", "base.group_user,consultation.group_consultation_member"
        )
        cls.env["consultation.room.membership"].create(
            {
                "room_id": cls.community_b1.id,
                "member_id": cls.create_member("新华委员", user=cls.user_member_b).id,
                "role": "fixed",
            }
        )
        cls.user_expert = user("cs_expert_only", "交通专家")
        cls.env["consultation.expert"].create({"partner_id": cls.user_expert.partner_id.id})
        cls.user_department = user(
            "cs_department_rep",
            "区交通局代表",
            "base.group_user,consultation.group_consultation_member",
        )
        cls.create_member("区交通局代表", user=cls.user_department, member_type="department")
        cls.invitees = cls.user_member_b | cls.user_expert | cls.user_department

    def setUp(self):
        super().setUp()
        self.topic, self.meeting = self.consultation()
        self.meeting.write({"partner_ids": [Command.link(u.partner_id.id) for u in self.invitees]})
        Opinion = self.env["consultation.opinion"]
        self.accepted = Opinion._create_for_meeting(
            self.meeting, self.topic, self.user_member.partner_id, "错峰停车"
        )
        self.accepted.with_user(self.user_secretary).action_accept()
        self.unmoderated = Opinion._create_for_meeting(
            self.meeting, self.topic, self.resident.partner_id, "未审核的意见"
        )
        # The same room's other business: another topic and another meeting.
        self.other_topic = self.bring_to(self.create_topic("社区菜市场改造"), "ready")
        self.other_meeting = self.create_meeting(self.other_topic, name="另一次议事会")
        # Held with another room, with an expert: what the form shows of the meeting.
        self.meeting.sudo().write(
            {
                "joint_room_ids": [Command.link(self.community_a2.id)],
                "expert_ids": [
                    Command.link(self.env["consultation.expert"].search([], limit=1).id)
                ],
            }
        )
        self.env.invalidate_all()
        self.assertTrue(self.meeting.attendance_ids)

    def assertUnreadable(self, records):
        with self.assertRaises(AccessError):
            records.read(["display_name"])

    def test_invitees_do_not_read_the_internal_notes(self):
        """The chatter of the meeting and the topic keeps its internal notes (a
        sensitive-topic report, a reviewer's comment) for the consultation roles."""
        note = self.topic.message_post(body="敏感议题报告：内部掌握", subtype_xmlid="mail.mt_note")
        comment = self.topic.message_post(body="议题已公示", subtype_xmlid="mail.mt_comment")
        meeting_note = self.meeting.message_post(body="会前内部提示", subtype_xmlid="mail.mt_note")
        # The invited expert has an employee account and no consultation role.
        for user in self.user_expert:
            self.env.invalidate_all()
            with self.subTest(user=user.name):
                Message = self.env["mail.message"].with_user(user)
                seen = Message.search(
                    [
                        ("model", "in", ("consultation.topic", "consultation.meeting")),
                        ("res_id", "in", (self.topic.id, self.meeting.id)),
                    ]
                )
                self.assertIn(comment, seen)
                self.assertNotIn(note, seen)
                self.assertNotIn(meeting_note, seen)
                self.assertUnreadable(note.with_user(user))
                self.assertUnreadable(meeting_note.with_user(user))
                self.assertEqual(comment.with_user(user).read(["body"])[0]["id"], comment.id)
        # Members and department representatives hold a consultation role: Odoo's
        # rules for employees apply to them.
        self.env.invalidate_all()
        self.assertTrue(note.with_user(self.user_member_b).read(["body"]))

    def test_invitees_do_not_read_the_office_to_dos(self):
        """A to-do carries what a note carries (a sensitive-topic report, a reviewer's
        refusal): an invitee without a role sees only the to-dos assigned to them (Odoo's
        own rule on activities, which reading the meeting must not widen)."""
        report = self.topic.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.user_secretary.id,
            note="敏感议题报告：内部掌握",
        )
        theirs = self.meeting.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_expert.id, note="请提前阅读材料"
        )
        self.env.invalidate_all()
        expert = self.user_expert
        self.assertFalse(self.topic.with_user(expert).activity_ids)
        self.assertEqual(self.meeting.with_user(expert).activity_ids, theirs)
        found = self.env["mail.activity"].with_user(expert).search([])
        self.assertNotIn(report, found)
        self.assertIn(theirs, found)
        self.assertUnreadable(report.with_user(expert))
        self.assertTrue(report.with_user(self.user_secretary).read(["note"]))

    def test_invitees_cannot_start_an_approval_over(self):
        """Reading a meeting gives no hand in its approval: requesting it or starting it
        over is for those who may change the meeting."""
        for user in self.invitees:
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.meeting.with_user(user).restart_validation()

    def test_invitees_read_the_meeting_its_agenda_and_accepted_opinions(self):
        for user in self.invitees:
            # Each in a request of their own: nothing read by another user in the cache.
            self.env.invalidate_all()
            with self.subTest(user=user.name):
                meeting = self.meeting.with_user(user)
                [values] = meeting.read(["name", "room_id", "topic_ids", "state", "start"])
                self.assertEqual(values["room_id"][1], self.community_a1.display_name)
                self.assertEqual(values["topic_ids"], self.topic.ids)
                self.assertTrue(meeting.collecting_opinions)
                self.topic.with_user(user).read(["name", "description", "state"])
                self.assertEqual(meeting.topic_ids.opinion_ids.ids, self.accepted.ids)
                self.accepted.with_user(user).read(["content", "response"])
                self.assertUnreadable(self.unmoderated.with_user(user))
                # Nothing else of the room: its record, members, meetings, topics.
                self.assertUnreadable(self.community_a1.with_user(user))
                self.assertUnreadable(self.other_meeting.with_user(user))
                self.assertUnreadable(self.other_topic.with_user(user))
                Meeting = self.env["consultation.meeting"].with_user(user)
                self.assertEqual(Meeting.search([]), meeting)
                Topic = self.env["consultation.topic"].with_user(user)
                self.assertEqual(Topic.search([("room_id", "=", self.community_a1.id)]), self.topic)
                Membership = self.env["consultation.room.membership"].with_user(user)
                try:
                    seen = Membership.search([("room_id", "=", self.community_a1.id)])
                except AccessError:
                    seen = Membership
                self.assertFalse(seen)

    def test_invitees_give_their_opinion_from_the_back_office(self):
        for user in self.invitees:
            # Each in a request of their own: nothing read by another user in the cache.
            self.env.invalidate_all()
            with self.subTest(user=user.name):
                # From their calendar, as the invitation leads them.
                event = self.meeting.calendar_event_id.with_user(user)
                self.assertEqual(event.consultation_meeting_id, self.meeting)
                opened = event.action_open_consultation_meeting()
                self.assertEqual(opened["res_id"], self.meeting.id)
                action = self.meeting.with_user(user).action_give_opinion()
                wizard = (
                    self.env[action["res_model"]]
                    .with_user(user)
                    .with_context(**action["context"])
                    .create({"topic_id": self.topic.id, "content": f"{user.name}的意见"})
                )
                wizard.action_submit()
                mine = self.meeting.opinion_ids.filtered(
                    lambda o, u=user: o.partner_id == u.partner_id
                )
                self.assertEqual(mine.content, f"{user.name}的意见")
                self.assertEqual(mine.state, "new")
                # Their own opinion stays readable to them while it waits.
                mine.with_user(user).read(["content", "state"])

    def test_the_meeting_form_opens_for_an_invitee(self):
        """What the web client reads to show the form: the fields of the view as the
        user gets it, the names of tags and the columns of its lists included."""
        for user in self.invitees:
            # Each in a request of their own: nothing read by another user in the cache.
            self.env.invalidate_all()
            with self.subTest(user=user.name):
                Meeting = self.env["consultation.meeting"].with_user(user)
                views = Meeting.get_views([(False, "form")])
                [values] = self.meeting.with_user(user).web_read(
                    self.form_spec(views, "consultation.meeting")
                )
                self.assertEqual(values["room_id"]["display_name"], self.community_a1.display_name)
                self.assertEqual([t["id"] for t in values["topic_ids"]], self.topic.ids)
                self.assertTrue(values["collecting_opinions"])

    def test_an_agenda_topic_opens_for_an_invitee(self):
        for user in self.invitees:
            # Each in a request of their own: nothing read by another user in the cache.
            self.env.invalidate_all()
            with self.subTest(user=user.name):
                Topic = self.env["consultation.topic"].with_user(user)
                views = Topic.get_views([(False, "form")])
                [values] = self.topic.with_user(user).web_read(
                    self.form_spec(views, "consultation.topic")
                )
                self.assertEqual(values["name"], self.topic.name)

    @staticmethod
    def form_spec(views, model):
        arch = etree.fromstring(views["views"]["form"]["arch"])
        models = views["models"]

        def spec(node, model):
            result = {}
            for child in node.iterchildren():
                if child.tag != "field":
                    result.update(spec(child, model))
                    continue
                field = models[model]["fields"][child.get("name")]
                if field["type"] == "many2one":
                    result[child.get("name")] = {"fields": {"display_name": {}}}
                elif field["type"] in ("one2many", "many2many"):
                    sub = child.find("list")
                    if sub is not None:
                        result[child.get("name")] = {"fields": spec(sub, field["relation"])}
                    elif child.get("widget"):
                        result[child.get("name")] = {"fields": {"display_name": {}}}
                    else:
                        result[child.get("name")] = {}
                else:
                    result[child.get("name")] = {}
            return result

        return spec(arch, model)

    def test_a_draft_meeting_opens_nothing_to_its_invitees(self):
        topic = self.bring_to(self.create_topic("小区加装电梯"), "ready")
        meeting = self.create_meeting(topic, name="加装电梯议事会")
        self.assertEqual(meeting.state, "draft")
        meeting.write({"partner_ids": [Command.link(self.user_expert.partner_id.id)]})
        self.env.invalidate_all()
        self.assertUnreadable(topic.with_user(self.user_expert))
        self.assertUnreadable(meeting.with_user(self.user_expert))
        Topic = self.env["consultation.topic"].with_user(self.user_expert)
        Meeting = self.env["consultation.meeting"].with_user(self.user_expert)
        self.assertEqual(Topic.search([]), self.topic)
        self.assertEqual(Meeting.search([]), self.meeting)
        # In the same transaction (a request): scheduling opens them at once.
        meeting.with_user(self.user_secretary).action_schedule()
        self.assertEqual(Topic.search([]), self.topic | topic)
        self.assertEqual(Meeting.search([]), self.meeting | meeting)
        topic.with_user(self.user_expert).read(["name"])

    def test_the_rules_are_found_by_index(self):
        """The rules a secretary or an invitee reads meetings and topics by are index
        conditions (`id = ANY(ARRAY(SELECT …))`), which PostgreSQL ORs: as `IN (SELECT …)`
        or EXISTS under the rules' OR, a street secretary's list of a province's 100,000
        topics counted five times slower than Odoo's calendar list, and the meeting list
        joined all 20,000 meetings with their events to find 210."""
        for model in ("consultation.topic", "consultation.meeting"):
            for user in (self.user_secretary, self.user_expert):
                with self.subTest(model=model, user=user.name):
                    where = self.env[model].with_user(user)._search([]).where_clause.code
                    found_by_index = f'"{model.replace(".", "_")}"."id" = ANY(ARRAY('
                    self.assertIn(found_by_index, where)
                    # No branch checked row by row beside it (inside ARRAY(…) all is
                    # computed once).
                    self.assertNotIn("EXISTS", where.split(found_by_index)[0])

    def test_an_uninvited_employee_reads_nothing(self):
        stranger = new_test_user(self.env, login="cs_stranger", groups="base.group_user")
        self.assertUnreadable(self.meeting.with_user(stranger))
        self.assertUnreadable(self.topic.with_user(stranger))
        self.assertUnreadable(self.accepted.with_user(stranger))
