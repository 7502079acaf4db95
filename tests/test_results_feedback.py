import re

from odoo.tests import HttpCase, new_test_user, tagged

from .test_outcome import OutcomeCase


class FeedbackCase(OutcomeCase):
    def finish(self, topic_name, **topic_values):
        """A topic deliberated and its one outcome done, fed back to the public."""
        meeting, topic = self.held_topic(topic_name)
        topic.sudo().write(topic_values)
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.action_accept()
        self.report(outcome, 100, "已完工")
        outcome.write({"public_feedback": "两部电梯已投入使用"})
        outcome.action_done()
        return topic


@tagged("post_install", "-at_install")
class TestResultsBackToTheProposer(FeedbackCase):
    def test_proposer_with_an_address_is_told_by_mail(self):
        self.member_zhang.partner_id.email = "zhang@example.com"
        topic = self.finish("加装电梯", proposer_id=self.member_zhang.partner_id.id)
        self.assertEqual(topic.state, "done")
        told = topic.message_ids.filtered(lambda m: self.member_zhang.partner_id in m.partner_ids)
        self.assertTrue(told, "the proposer gets the results")
        self.assertIn("两部电梯已投入使用", told[0].body)

    def test_no_mail_without_an_address_but_a_note_in_the_chatter(self):
        topic = self.finish("楼道照明", proposer_id=self.member_zhang.partner_id.id)
        self.assertFalse(
            topic.message_ids.filtered(lambda m: self.member_zhang.partner_id in m.partner_ids)
        )
        self.assertTrue(any("reported back" in (m.body or "") for m in topic.message_ids))

    def test_lookup_needs_the_receipt_number_and_the_phone_digits(self):
        topic = self.finish("路灯维修", source="public", contact_phone="138-0000-1234")
        Topic = self.env["consultation.topic"]
        self.assertEqual(Topic._lookup_suggestion(topic.code, "1234"), topic)
        self.assertFalse(Topic._lookup_suggestion(topic.code, "4321"))
        self.assertFalse(Topic._lookup_suggestion(topic.code, ""))
        self.assertFalse(Topic._lookup_suggestion("YT-0", "1234"))
        topic.sudo().contact_phone = False
        self.assertFalse(Topic._lookup_suggestion(topic.code, "1234"), "no phone, no lookup")


@tagged("post_install", "-at_install")
class TestResultsOnThePortal(HttpCase, FeedbackCase):
    def post_form(self, form_url, action, data):
        page = self.url_open(form_url).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(action, data={"csrf_token": token, **data})

    def test_anonymous_resident_looks_up_a_suggestion_and_sees_nothing_else(self):
        topic = self.finish(
            "小区垃圾分类",
            source="public",
            contact_name="张阿姨",
            contact_phone="13800005678",
        )
        url = "/consultation/suggest/lookup"
        page = self.post_form(url, url, {"code": topic.code, "phone_last4": "5678"}).text
        self.assertIn("o_consultation_lookup_result", page)
        self.assertIn("小区垃圾分类", page)
        self.assertIn("两部电梯已投入使用", page)
        self.assertNotIn("13800005678", page)
        self.assertNotIn("张阿姨", page)
        wrong = self.post_form(url, url, {"code": topic.code, "phone_last4": "0000"}).text
        self.assertNotIn("o_consultation_lookup_result", wrong)
        self.assertNotIn("小区垃圾分类", wrong)

    def test_lookups_are_rate_limited(self):
        topic = self.finish("噪声扰民", source="public", contact_phone="13800009999")
        url = "/consultation/suggest/lookup"
        for _attempt in range(10):
            self.post_form(url, url, {"code": topic.code, "phone_last4": "0000"})
        page = self.post_form(url, url, {"code": topic.code, "phone_last4": "9999"}).text
        self.assertNotIn("o_consultation_lookup_result", page, "too many attempts this hour")
        self.assertIn("o_consultation_error", page)

    def test_portal_proposer_reads_the_results_in_my_consultation(self):
        resident = new_test_user(self.env, login="cs_proposer", groups="base.group_portal")
        self.finish("社区食堂", proposer_id=resident.partner_id.id)
        self.authenticate("cs_proposer", "cs_proposer")
        page = self.url_open("/my/consultation").text
        self.assertIn("社区食堂", page)
        self.assertIn("两部电梯已投入使用", page)
