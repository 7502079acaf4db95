import re

from lxml import etree

from odoo.tests import tagged

from .common import ConsultationCase

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestApproverReadsChinese(ConsultationCase):
    """The screen of an approver who clicks through the review steps is Chinese: the
    stock tier-validation buttons and banner, the next step, the chatter and the
    activity they receive, whatever language the secretary works in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_chinese()
        cls.company.partner_id.lang = "zh_CN"
        cls.user_committee.lang = "zh_CN"

    def test_the_approver_topic_form_has_no_english(self):
        # A temporary topic of the district: the special committee reviews it first.
        topic = (
            self.env["consultation.topic"]
            .with_user(self.user_manager)
            .create({"name": "加装电梯", "room_id": self.district.id})
        )
        self.bring_to(topic, "screened")
        topic.request_validation()  # by the secretary, in English
        mine = topic.with_user(self.user_committee).with_context(lang="zh_CN")
        mine.invalidate_recordset()

        arch = etree.fromstring(mine.get_view(view_type="form")["arch"])
        for button in arch.iter("button"):
            label = button.get("string") or ""
            if label:
                self.assertRegex(label, CJK, f"English button: {label}")
        for banner in arch.xpath("//div[contains(@class, 'alert')]"):
            text = " ".join(banner.itertext())
            self.assertFalse(LATIN_WORD.search(text), f"English banner: {text}")

        self.assertTrue(mine.can_review)
        self.assertTrue(mine.next_review.startswith("下一步："), mine.next_review)
        self.assertFalse(LATIN_WORD.search(re.sub("<[^>]+>", "", mine.to_validate_message)))
        self.assertIn("已提请审批", topic.message_ids[0].body)
        activity = topic.activity_ids.filtered(lambda a: a.user_id == self.user_committee)
        self.assertEqual(activity.summary, "请在审批面板中审批")

        before = topic.message_ids
        mine.validate_tier()
        for message in topic.message_ids - before:
            body = re.sub("<[^>]+>", "", message.body or "")
            self.assertFalse(LATIN_WORD.search(body), body)
