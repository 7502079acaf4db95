from datetime import timedelta
from xmlrpc.client import Fault

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ConsultationCase


class OutcomeCase(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.department = Partner.create({"name": "和平街道城市管理办公室", "is_company": True})
        cls.other_department = Partner.create({"name": "区住房和建设局", "is_company": True})
        cls.user_department = new_test_user(
            cls.env,
            login="cs_department",
            groups="base.group_user,consultation.group_consultation_member",
            name="城管办刘科长",
            lang="en_US",
        )
        cls.user_department.partner_id.parent_id = cls.department
        # Community A1's first convener has a user: overdue outcomes go up to him.
        cls.user_convener = new_test_user(
            cls.env,
            login="cs_convener",
            groups="base.group_user,consultation.group_consultation_member",
            name="钱主任",
            lang="en_US",
        )
        cls.env["consultation.room.membership"].create(
            {
                "room_id": cls.community_a1.id,
                "member_id": cls.create_member("钱主任", user=cls.user_convener).id,
                "role": "first_convener",
            }
        )

    def held_topic(self, name="加装电梯"):
        topic = self.bring_to(self.create_topic(name), "ready")
        meeting = self.create_meeting(topic)
        meeting.action_schedule()
        meeting.action_hold()
        return meeting, topic

    def create_outcome(self, meeting, topic, **values):
        return (
            self.env["consultation.outcome"]
            .with_user(self.user_secretary)
            .create(
                {
                    "name": "分两期为6栋老楼加装电梯",
                    "meeting_id": meeting.id,
                    "topic_id": topic.id,
                    "outcome_type": "livelihood_project",
                    "department_id": self.department.id,
                    "user_id": self.user_secretary.id,
                    "date_deadline": self.env.company._consultation_today() + timedelta(days=60),
                    **values,
                }
            )
        )

    def report(self, outcome, progress, note="完成施工图设计"):
        return (
            self.env["consultation.outcome.update"]
            .with_user(self.user_department)
            .create({"outcome_id": outcome.id, "progress": progress, "note": note})
        )

    def done_and_late(self, meeting, topic, late_by, satisfaction):
        """The year's figures of the ledgers and statistics: an outcome of `meeting`
        done and fed back (加装电梯, with its residents' `satisfaction`) and one under
        way whose deadline passed `late_by` days ago (停车位)."""
        done = self.create_outcome(meeting, topic, name="加装电梯")
        late = self.create_outcome(
            meeting,
            topic,
            name="停车位",
            date_deadline=self.company._consultation_today() - timedelta(days=late_by),
        )
        (done | late).action_submit()
        (done | late).action_accept()
        (done | late).action_start()
        self.report(done, 100, "电梯已投入使用")
        done.write({"public_feedback": "电梯已投入使用", "satisfaction": satisfaction})
        done.action_done()
        return done, late


@tagged("post_install", "-at_install")
class TestOutcomeLifeCycle(OutcomeCase):
    def test_from_the_meeting_to_the_public_feedback(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic)
        self.department.email = "cgb@example.com"
        outcome.action_submit()
        handed = outcome.message_ids.filtered(lambda m: self.department in m.partner_ids)
        self.assertIn("分两期为6栋老楼加装电梯", handed.body)
        outcome.with_user(self.user_department).action_accept()
        self.assertEqual(outcome.state, "accepted")
        self.assertEqual(topic.state, "deliberated")

        self.report(outcome, 40)
        self.assertEqual(outcome.state, "in_progress")
        self.assertEqual(outcome.progress, 40)
        self.assertEqual(topic.state, "implementing")
        self.report(outcome, 100, "两部电梯投入使用")
        self.assertEqual(outcome.progress, 100)

        # The feedback to the public is the room's word, not the department's.
        with self.assertRaisesRegex(UserError, "feedback to the public"):
            outcome.with_user(self.user_secretary).action_done()
        outcome.with_user(self.user_secretary).write(
            {"public_feedback": "两部电梯已投入使用,其余四部列入明年计划。", "satisfaction": 92}
        )
        outcome.with_user(self.user_secretary).action_done()
        self.assertEqual(outcome.state, "done")
        self.assertEqual(topic.state, "done")

    def test_a_topic_is_implementing_until_every_outcome_is_done(self):
        meeting, topic = self.held_topic()
        first = self.create_outcome(meeting, topic)
        second = self.create_outcome(meeting, topic, name="设置施工期临时通道")
        (first | second).action_submit()
        (first | second).action_accept()
        self.report(first, 100)
        first.write({"public_feedback": "已完成"})
        first.action_done()
        self.assertEqual(topic.state, "implementing")
        self.report(second, 100)
        second.write({"public_feedback": "临时通道已设置"})
        second.action_done()
        self.assertEqual(topic.state, "done")

    def test_each_refusal_says_why(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic, date_deadline=False)
        with self.assertRaisesRegex(UserError, "deadline"):
            outcome.action_submit()
        with self.assertRaisesRegex(UserError, "not typed by hand"):
            outcome.write({"progress": 50})
        with self.assertRaisesRegex(UserError, "not typed by hand"):
            self.create_outcome(meeting, topic, progress=10)
        with self.assertRaisesRegex(UserError, "once the department has accepted"):
            self.report(outcome, 10)
        with self.assertRaisesRegex(UserError, "Write why"):
            outcome.action_reject()
        outcome.write({"rejection_reason": "超出街道职能,转区住建局研究"})
        outcome.action_reject()
        with self.assertRaisesRegex(
            UserError, "is Declined. Only an assigned outcome can be received."
        ):
            outcome.action_accept()
        with self.assertRaises(AccessError):
            outcome.write({"state": "accepted"})

    def test_done_needs_the_completing_update(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic, public_feedback="已完成")
        outcome.action_submit()
        outcome.action_accept()
        self.report(outcome, 60)
        with self.assertRaisesRegex(UserError, "60%"):
            outcome.action_done()

    def test_accepted_outcomes_are_never_deleted(self):
        meeting, topic = self.held_topic()
        draft = self.create_outcome(meeting, topic)
        accepted = self.create_outcome(meeting, topic, name="设置施工期临时通道")
        accepted.action_submit()
        accepted.action_accept()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            accepted.with_user(self.user_manager).unlink()
        draft.unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestOutcomeSupervision(OutcomeCase):
    def overdue(self, days):
        meeting, topic = self.held_topic(f"逾期议题{days}")
        outcome = self.create_outcome(meeting, topic, name=f"整改措施{days}")
        outcome.action_submit()
        outcome.action_accept()
        outcome.sudo().date_deadline = self.env.company._consultation_today() - timedelta(days=days)
        return outcome

    def supervision(self, outcome):
        kind = self.env.ref("consultation.mail_activity_type_supervision")
        return outcome.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_one_activity_per_owner_then_escalation_to_the_convener(self):
        late = self.overdue(3)
        very_late = self.overdue(10)
        Outcome = self.env["consultation.outcome"]
        overdue = Outcome.search([("is_overdue", "=", True)])
        self.assertEqual(overdue & (late | very_late), late | very_late)
        Outcome._cron_supervise_overdue()
        Outcome._cron_supervise_overdue()  # a second day: nothing more
        self.assertEqual(self.supervision(late).user_id, self.user_secretary)
        self.assertEqual(len(self.supervision(late)), 1)
        self.assertEqual(
            self.supervision(very_late).user_id, self.user_secretary | self.user_convener
        )
        self.assertEqual(very_late.date_escalated, self.env.company._consultation_today())
        self.assertFalse(late.date_escalated)

    def test_nothing_for_outcomes_on_time_or_done(self):
        on_time = self.overdue(-5)
        done = self.overdue(20)
        self.report(done, 100)
        done.write({"public_feedback": "已完成"})
        done.action_done()
        self.env["consultation.outcome"]._cron_supervise_overdue()
        self.assertFalse(self.supervision(on_time))
        self.assertFalse(self.supervision(done))

    def test_supervision_letter_lists_a_department_s_overdue_items(self):
        late = self.overdue(12)
        other = self.overdue(4)
        other.sudo().department_id = self.other_department
        on_time = self.overdue(-3)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "consultation.report_supervision_letter", (late | other | on_time).ids
            )[0]
            .decode()
        )
        self.assertEqual(html.count("督办函"), 2)
        self.assertIn("和平街道城市管理办公室", html)
        self.assertIn("区住房和建设局", html)
        self.assertIn(late.name, html)
        self.assertIn(other.name, html)
        self.assertNotIn(on_time.name, html)

    def test_proposal_form_has_the_standard_headings(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(
            meeting,
            topic,
            outcome_type="proposal",
            form_reason="老旧小区居民上下楼困难",
            form_suggestion="将加装电梯纳入民生实事项目",
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_outcome_form", outcome.ids)[0]
            .decode()
        )
        for heading in (
            "提案",
            "案由",
            "提案人",
            "界别",
            "联系方式",
            "提案内容",
            "情况与问题",
            "建议",
        ):
            self.assertIn(heading, html)
        # A room is not a 提案人: the form has no 提出单位 and no separate title.
        self.assertNotIn("提出单位", html)
        self.assertNotIn("标题", html)
        self.assertIn("将加装电梯纳入民生实事项目", html)


@tagged("post_install", "-at_install")
class TestOutcomeAccess(OutcomeCase):
    def test_a_department_sees_only_its_own_outcomes(self):
        meeting, topic = self.held_topic()
        mine = self.create_outcome(meeting, topic)
        theirs = self.create_outcome(meeting, topic, department_id=self.other_department.id)
        visible = self.env["consultation.outcome"].with_user(self.user_department).search([])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_department).read(["name"])

    def test_a_room_member_cannot_edit_an_accepted_outcome(self):
        meeting, topic = self.held_topic()
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.action_accept()
        self.assertTrue(outcome.with_user(self.user_member).read(["name"]))
        with self.assertRaises(AccessError):
            outcome.with_user(self.user_member).write({"summary": "改"})


@tagged("post_install", "-at_install")
class TestOutcomeOverRpc(HttpCase, OutcomeCase):
    def test_outcome_life_cycle_over_rpc_needs_public_feedback(self):
        meeting, topic = self.held_topic()

        def call(user, method, *args):
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                user.id,
                user.login,
                "consultation.outcome",
                method,
                list(args),
                {"context": {"lang": "en_US"}},
            )

        sec, dept = self.user_secretary, self.user_department
        outcome_id = call(
            sec,
            "create",
            {
                "name": "增设施工期临时通道",
                "meeting_id": meeting.id,
                "topic_id": topic.id,
                "department_id": self.department.id,
                "user_id": sec.id,
                "date_deadline": fields.Date.to_string(
                    self.env.company._consultation_today() + timedelta(days=30)
                ),
            },
        )
        self.assertTrue(call(sec, "action_submit", [outcome_id]))
        self.assertTrue(call(dept, "action_accept", [outcome_id]))
        self.assertTrue(call(dept, "action_start", [outcome_id]))
        self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            dept.id,
            dept.login,
            "consultation.outcome.update",
            "create",
            [{"outcome_id": outcome_id, "progress": 100, "note": "通道已设置"}],
        )
        with self.assertRaisesRegex(Fault, "feedback to the public"):
            call(sec, "action_done", [outcome_id])
        # The department reports; the feedback and the closing are the room's.
        with self.assertRaisesRegex(Fault, "Departments report"):
            call(dept, "write", [outcome_id], {"public_feedback": "临时通道已设置。"})
        call(sec, "write", [outcome_id], {"public_feedback": "临时通道已于本月设置完成。"})
        self.assertTrue(call(sec, "action_done", [outcome_id]))
        [outcome] = call(sec, "read", [outcome_id], ["state", "progress"])
        self.assertEqual((outcome["state"], outcome["progress"]), ("done", 100))
