from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestReviewGuard(ConsultationCase):
    """Every employee may create and write `tier.review` rows (base_tier_validation's
    access rights): those of consultation records move only through requesting,
    approving, refusing and restarting their approval."""

    def screened_topic(self):
        topic = self.create_topic("自己批准的议题")
        topic.action_submit()
        self.screen(topic, "screening_rule_include_livelihood")
        return topic

    def test_a_secretary_cannot_forge_an_approved_review(self):
        topic = self.screened_topic()
        Review = self.env["tier.review"].with_user(self.user_secretary)
        with self.assertRaises(AccessError):
            Review.create(
                {
                    "model": "consultation.topic",
                    "res_id": topic.id,
                    "definition_id": self.env.ref("consultation.tier_topic_party").id,
                    "sequence": 1,
                    "status": "approved",
                    "done_by": self.user_party.id,
                }
            )
        with self.assertRaises(AccessError):
            topic.write(
                {
                    "review_ids": [
                        Command.create(
                            {
                                "model": "consultation.topic",
                                "definition_id": self.env.ref("consultation.tier_topic_party").id,
                                "status": "approved",
                            }
                        )
                    ]
                }
            )
        topic.invalidate_recordset()
        self.assertNotEqual(topic.validation_status, "validated")
        with self.assertRaises(UserError):
            topic.action_approve()
        self.assertEqual(topic.state, "screened")

    def test_a_secretary_cannot_approve_a_pending_review(self):
        topic = self.screened_topic()
        reviews = topic.request_validation()
        self.assertTrue(reviews)
        mine = reviews.with_user(self.user_secretary)
        for vals in (
            {"status": "approved", "done_by": self.user_party.id},
            {"status": "cancel"},
            {"comment": "同意"},
            {"res_id": self.create_topic("另一个议题").id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        with self.assertRaises(AccessError):
            mine.unlink()
        # Nor through the comment wizard, which writes the comment and approves.
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.user_secretary)
            .create(
                {
                    "validate_reject": "validate",
                    "res_model": "consultation.topic",
                    "res_id": topic.id,
                    "review_ids": [Command.set(reviews.ids)],
                    "comment": "同意",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "no review waiting for you"):
            wizard.add_comment()
        topic.invalidate_recordset()
        self.assertEqual(topic.validation_status, "pending")
        self.assertFalse(topic.review_ids.filtered(lambda r: r.status == "approved"))

    def test_reviewers_still_approve_refuse_and_restart(self):
        topic = self.screened_topic()
        topic.request_validation()
        topic.invalidate_recordset()
        action = topic.with_user(self.user_party).reject_tier()
        self.env[action["res_model"]].with_user(self.user_party).with_context(
            **action["context"]
        ).create({"comment": "请补充调研"}).add_comment()
        self.assertEqual(topic.state, "submitted")
        self.assertFalse(topic.review_ids)
        self.screen(topic, "screening_rule_include_livelihood")
        topic.request_validation()
        topic.invalidate_recordset()
        self.assertTrue(topic.with_user(self.user_party).validate_tier())
        topic.invalidate_recordset()
        self.assertEqual(topic.validation_status, "validated")
        self.assertTrue(topic.action_approve())
        self.assertEqual(topic.state, "approved")
