import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ConsultationCase


class OnlineConsultationCase(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_member.partner_id.email = "li@example.com"
        cls.resident = new_test_user(
            cls.env, login="cs_invited_resident", groups="base.group_portal", name="居民代表"
        )

    def consultation(self, form="online", name="网上协商:小区停车"):
        """A topic whose notice has ended, on the agenda of a consultation of `form` that
        runs from an hour ago to an hour from now, with the community's members and one
        invited resident."""
        topic = self.bring_to(self.create_topic(name), "ready")
        # The notice ended long ago: only the consultation's own window is open.
        topic.write(self.notice_window(-30, -20))
        meeting = self.create_meeting(topic, hours_from_now=-1, form=form, name=name)
        meeting.partner_ids |= self.resident.partner_id
        meeting.action_schedule()
        return topic, meeting


@tagged("post_install", "-at_install")
class TestOnlineConsultation(OnlineConsultationCase):
    def test_invited_member_gives_an_opinion_after_the_notice_ended(self):
        topic, meeting = self.consultation()
        self.assertEqual(
            meeting.opinion_date_start, meeting.start, "window defaults to the sitting"
        )
        self.assertFalse(topic.in_publication_window)
        self.assertTrue(meeting.with_user(self.user_member).collecting_opinions)
        action = meeting.with_user(self.user_member).action_give_opinion()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_member)
            .with_context(**action["context"])
            .create({"topic_id": topic.id, "content": "建议错峰停车,夜间开放单位车位"})
        )
        wizard.action_submit()
        opinion = meeting.opinion_ids
        self.assertEqual(opinion.topic_id, topic)
        self.assertEqual(opinion.partner_id, self.user_member.partner_id)
        self.assertEqual(opinion.channel, "online")
        self.assertEqual(opinion.state, "new", "moderated as any other opinion")
        opinion.with_user(self.user_secretary).action_accept()
        self.assertEqual(opinion.state, "accepted")

    def test_only_invitees_and_only_agenda_topics_during_the_window(self):
        topic, meeting = self.consultation()
        stranger = self.env["res.partner"].create({"name": "陌生人"})
        with self.assertRaisesRegex(UserError, "Only the invitees"):
            self.env["consultation.opinion"]._create_for_meeting(meeting, topic, stranger, "路过")
        other = self.bring_to(self.create_topic("另一个议题"), "ready")
        with self.assertRaisesRegex(UserError, "not on the agenda"):
            self.env["consultation.opinion"]._create_for_meeting(
                meeting, other, self.user_member.partner_id, "跑题"
            )
        Meeting = self.env["consultation.meeting"]
        self.assertIn(meeting, Meeting._asking_opinion_of(self.user_member.partner_id))
        # The window closes by itself; searching finds it on the side it is on.
        meeting.opinion_date_end = fields.Datetime.now() - timedelta(minutes=1)
        self.assertFalse(meeting.collecting_opinions)
        self.assertNotIn(meeting, Meeting._asking_opinion_of(self.user_member.partner_id))
        self.assertIn(meeting, Meeting.search([("collecting_opinions", "=", False)]))
        self.assertNotIn(meeting, Meeting.search([("collecting_opinions", "=", True)]))
        with self.assertRaisesRegex(UserError, "not collecting opinions"):
            self.env["consultation.opinion"]._create_for_meeting(
                meeting, topic, self.user_member.partner_id, "太晚了"
            )
        # Nor can an online opinion be slipped in by hand outside both windows.
        with self.assertRaisesRegex(ValidationError, "notice of"):
            self.env["consultation.opinion"].create(
                {
                    "topic_id": topic.id,
                    "meeting_id": meeting.id,
                    "channel": "online",
                    "partner_id": self.user_member.partner_id.id,
                    "content": "绕过窗口",
                }
            )
        with self.assertRaisesRegex(ValidationError, "cannot close before"):
            meeting.opinion_date_end = meeting.opinion_date_start - timedelta(hours=1)

    def test_a_sitting_collects_no_opinions_of_its_own(self):
        topic = self.bring_to(self.create_topic("现场会议题"), "ready")
        meeting = self.create_meeting(topic, hours_from_now=-1)
        meeting.action_schedule()
        self.assertFalse(meeting.opinion_date_start)
        with self.assertRaisesRegex(UserError, "not collecting opinions"):
            self.env["consultation.opinion"]._create_for_meeting(
                meeting, topic, self.user_member.partner_id, "现场说"
            )

    def test_written_consultation_sends_the_agenda_and_lists_who_replied(self):
        topic, meeting = self.consultation("written", "书面协商:加装电梯")
        sent = meeting.message_ids.filtered(lambda m: self.user_member.partner_id in m.partner_ids)
        self.assertTrue(sent, "the invitees get the agenda and the reply form")
        self.assertIn(topic.name, sent[0].body)
        self.assertIn("/my/consultation", sent[0].body)
        self.assertEqual(meeting.replied_count, 0)
        self.env["consultation.opinion"]._create_for_meeting(
            meeting, topic, self.user_member.partner_id, "同意加装,费用按楼层分摊"
        )
        meeting.invalidate_recordset()
        self.assertEqual(meeting.replied_count, 1)
        replied = meeting.attendance_ids.filtered("replied")
        self.assertEqual(replied.partner_id, self.user_member.partner_id)
        self.assertEqual(meeting.opinion_ids.channel, "written")


@tagged("post_install", "-at_install")
class TestOnlineConsultationPortal(HttpCase, OnlineConsultationCase):
    def post_form(self, form_url, action, data):
        page = self.url_open(form_url).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(action, data={"csrf_token": token, **data})

    def test_invited_resident_gives_an_opinion_from_my_consultation(self):
        topic, meeting = self.consultation()
        self.authenticate("cs_invited_resident", "cs_invited_resident")
        page = self.url_open("/my/consultation").text
        self.assertIn(meeting.name, page)
        response = self.post_form(
            "/my/consultation",
            f"/my/consultation/meeting/{meeting.id}/opinion",
            {"topic_id": topic.id, "content": "希望夜间限时停车"},
        )
        self.assertIn("o_consultation_opinion_sent", response.text)
        opinion = meeting.opinion_ids
        self.assertEqual(opinion.partner_id, self.resident.partner_id)
        self.assertEqual(opinion.topic_id, topic)

    def test_uninvited_portal_user_finds_nothing_and_posts_need_a_token(self):
        _topic, meeting = self.consultation()
        new_test_user(self.env, login="cs_stranger", groups="base.group_portal")
        self.authenticate("cs_stranger", "cs_stranger")
        self.assertNotIn(meeting.name, self.url_open("/my/consultation").text)
        response = self.url_open(f"/my/consultation/meeting/{meeting.id}/sign-in")
        self.assertEqual(response.status_code, 404)
        self.authenticate("cs_invited_resident", "cs_invited_resident")
        response = self.url_open(
            f"/my/consultation/meeting/{meeting.id}/opinion",
            data={"topic_id": _topic.id, "content": "无令牌"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(meeting.opinion_ids)

    def test_attendee_signs_in_from_the_sheet_qr_code(self):
        topic = self.bring_to(self.create_topic("签到议题"), "ready")
        meeting = self.create_meeting(topic, hours_from_now=-1)
        meeting.action_schedule()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("consultation.report_meeting_signin", meeting.ids)[0]
            .decode()
        )
        self.assertIn(f"%2Fmy%2Fconsultation%2Fmeeting%2F{meeting.id}%2Fsign-in", html)
        self.authenticate("cs_member", "cs_member")
        url = f"/my/consultation/meeting/{meeting.id}/sign-in"
        response = self.post_form(url, url, {})
        self.assertIn("o_consultation_signed_in", response.text)
        row = meeting.attendance_ids.filtered(lambda a: a.partner_id == self.user_member.partner_id)
        self.assertEqual(row.state, "attended")
