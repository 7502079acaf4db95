# These tests are about two transactions that really commit, as two requests would.
# pylint: disable=invalid-commit
import uuid
from contextlib import closing, contextmanager

from psycopg2 import errors

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    """Two people clicking at the same moment, each in their own transaction, as two
    HTTP requests would. The data they share is committed first (other transactions
    cannot see the test's own), and removed again afterwards."""

    @contextmanager
    def transaction(self):
        """A real transaction of its own; lock waits fail instead of hanging the test."""
        with closing(self.registry.cursor()) as cr:
            cr.execute("SET lock_timeout = '5s'")
            yield api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"})
            cr.rollback()

    def committed(self, function):
        """Run `function(env)` in a transaction of its own and commit it."""
        with closing(self.registry.cursor()) as cr:
            result = function(api.Environment(cr, api.SUPERUSER_ID, {"lang": "en_US"}))
            cr.commit()
            return result

    def make_room_and_topic(self, env, state, party_reviewers=()):
        code = f"CC-{uuid.uuid4().hex[:8]}"
        room = env["consultation.room"].create(
            {
                "name": f"并发测试社区{code}",
                "code": code,
                "level": "district",
                "party_reviewer_ids": [(6, 0, list(party_reviewers))],
            }
        )
        topic = env["consultation.topic"].create({"name": "加装电梯并发测试", "room_id": room.id})
        topic.write({"state": state})  # as superuser: the data of the scene, not a step
        return room.id, topic.id

    def remove(self, model_ids):
        """Clean up the committed data the way an administrator could: back to draft
        (as superuser), then through each model's own unlink and its guards."""

        def cleanup(env):
            for model, ids in model_ids:
                records = env[model].with_context(active_test=False).browse(ids).exists()
                if "state" in records._fields and model == "consultation.topic":
                    records.write({"state": "draft"})
                records.unlink()

        self.committed(cleanup)

    def test_two_clicks_on_write_up_as_case_make_one_case(self):
        room_id, topic_id = self.committed(lambda env: self.make_room_and_topic(env, "done"))
        case_ids = []
        try:
            with self.transaction() as env1, self.transaction() as env2:
                topic2 = env2["consultation.topic"].browse(topic_id)
                # The second secretary has the topic open (her transaction has begun).
                self.assertEqual(topic2.state, "done")

                action1 = env1["consultation.topic"].browse(topic_id).action_create_case()
                env1.cr.commit()
                case_ids.append(action1["res_id"])

                with mute_logger("odoo.sql_db"), self.assertRaises(errors.SerializationFailure):
                    topic2.action_create_case()
                env2.cr.rollback()
                # Odoo retries a request that hit a serialization failure: the retry
                # opens the case the first click made.
                action2 = env2["consultation.topic"].browse(topic_id).action_create_case()
                self.assertEqual(action2["res_id"], action1["res_id"])
                count = env2["consultation.case"].search_count([("topic_id", "=", topic_id)])
                self.assertEqual(count, 1)
        finally:
            self.remove(
                [
                    ("consultation.case", case_ids),
                    ("consultation.topic", [topic_id]),
                    ("consultation.room", [room_id]),
                ]
            )

    def test_two_reviewers_approving_the_same_tier_decide_once(self):
        def scene(env):
            users = [
                new_test_user(
                    env,
                    login=f"cc_committee_{uuid.uuid4().hex[:8]}",
                    groups="base.group_user,consultation.group_consultation_reviewer_committee",
                    name=name,
                )
                for name in ("专委会甲", "专委会乙")
            ]
            room_id, topic_id = self.make_room_and_topic(env, "screened", [users[0].id])
            env["consultation.topic"].browse(topic_id).request_validation()
            return room_id, topic_id, [user.id for user in users]

        room_id, topic_id, (first, second) = self.committed(scene)
        try:
            with self.transaction() as env1, self.transaction() as env2:
                topic2 = env2["consultation.topic"].with_user(second).browse(topic_id)
                self.assertEqual(topic2.review_ids.mapped("status").count("pending"), 1)

                env1["consultation.topic"].with_user(first).browse(topic_id).validate_tier()
                env1.cr.commit()

                with mute_logger("odoo.sql_db"), self.assertRaises(errors.SerializationFailure):
                    topic2.validate_tier()
                env2.cr.rollback()
                # The retry finds the tier decided: nothing waits for the second reviewer.
                topic2 = env2["consultation.topic"].with_user(second).browse(topic_id)
                with self.assertRaisesRegex(UserError, "no review waiting for you"):
                    topic2.validate_tier()
                approved = topic2.review_ids.filtered(lambda r: r.status == "approved")
                self.assertEqual(len(approved), 1)
                self.assertEqual(approved.done_by.id, first)
                messages = env2["mail.message"].search_count(
                    [
                        ("model", "=", "consultation.topic"),
                        ("res_id", "=", topic_id),
                        ("body", "ilike", "approved"),
                    ]
                )
                self.assertLessEqual(messages, 1, "one decision in the chatter")
        finally:
            reviews = self.committed(
                lambda env: (
                    env["tier.review"]
                    .search([("model", "=", "consultation.topic"), ("res_id", "=", topic_id)])
                    .ids
                )
            )
            self.remove(
                [
                    ("tier.review", reviews),
                    ("consultation.topic", [topic_id]),
                    ("consultation.room", [room_id]),
                    ("res.users", [first, second]),
                ]
            )

    def test_two_posts_at_once_cannot_both_pass_the_hourly_limit(self):
        key = f"cc-{uuid.uuid4().hex}"

        def set_limit(env, value):
            env["ir.config_parameter"].set_param("consultation.portal_submissions_per_hour", value)

        self.committed(lambda env: set_limit(env, "1"))
        try:
            with self.transaction() as env1, self.transaction() as env2:
                Counter2 = env2["consultation.portal.submission"]
                self.assertEqual(Counter2.search_count([("client_key", "=", key)]), 0)
                self.assertTrue(env1["consultation.portal.submission"]._count_post(key))
                env1.cr.commit()
                # The second post began before the first was counted: it cannot pass
                # unnoticed; Odoo retries it, and the retry is over the limit.
                with mute_logger("odoo.sql_db"), self.assertRaises(errors.SerializationFailure):
                    Counter2._count_post(key)
                env2.cr.rollback()
                self.assertFalse(env2["consultation.portal.submission"]._count_post(key))
        finally:

            def cleanup(env):
                env["consultation.portal.submission"].search([("client_key", "=", key)]).unlink()
                set_limit(env, False)

            self.committed(cleanup)
