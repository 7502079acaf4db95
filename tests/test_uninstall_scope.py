from odoo.addons.consultation import hooks
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestUninstallScope(ConsultationCase):
    """Uninstalling the addon removes what it made and nothing else: a district's own
    addon may name its models `consultation.…` too, and its records stay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cr = cls.env.cr
        # Another module's model named like ours, with its table, as that module's
        # install would leave them.
        cr.execute("CREATE TABLE consultation_something (id serial PRIMARY KEY, name varchar)")
        cr.execute("INSERT INTO consultation_something (name) VALUES ('区里自己的记录')")
        cr.execute(
            """
            INSERT INTO ir_model (model, name, "order", state, transient)
            VALUES ('consultation.something', '{"en_US": "Something"}', 'id', 'base', false)
            RETURNING id
            """
        )
        cls.other_model = cls.env["ir.model"].browse(cr.fetchone()[0])
        cls.env["ir.model.data"].create(
            {
                "module": "consultation_extra",
                "name": "model_consultation_something",
                "model": "ir.model",
                "res_id": cls.other_model.id,
            }
        )
        # Records of other modules that point at it by model name.
        cls.other_attachment = cls.env["ir.attachment"].create(
            {
                "name": "区里的附件.txt",
                "raw": b"x",
                "res_model": "consultation.something",
                "res_id": 1,
            }
        )
        cls.other_event = cls.env["calendar.event"].create(
            {"name": "区里的会", "start": "2026-12-01 02:00:00", "stop": "2026-12-01 03:00:00"}
        )
        cr.execute(
            "UPDATE calendar_event SET res_model_id = %s, res_model = 'consultation.something',"
            " res_id = 1 WHERE id = %s",
            [cls.other_model.id, cls.other_event.id],
        )
        todo = cls.env.ref("mail.mail_activity_data_todo")
        cr.execute(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id,
                                       user_id, date_deadline, active)
            VALUES (%s, 'consultation.something', 1, %s, %s, now(), true)
            RETURNING id
            """,
            [cls.other_model.id, todo.id, cls.env.uid],
        )
        cls.other_activity_id = cr.fetchone()[0]
        cr.execute(
            "INSERT INTO tier_review (model, res_id, status) VALUES ('consultation.something', 1,"
            " 'waiting') RETURNING id"
        )
        cls.other_review_id = cr.fetchone()[0]
        # And ours, which go.
        cls.topic = cls.create_topic("我们的议题")
        cls.our_attachment = cls.env["ir.attachment"].create(
            {
                "name": "议题材料.txt",
                "raw": b"y",
                "res_model": "consultation.topic",
                "res_id": cls.topic.id,
            }
        )

    def test_only_this_addon_s_models_and_tables_are_chosen(self):
        models = hooks.consultation_models(self.env)
        self.assertIn("consultation.topic", models.mapped("model"))
        self.assertIn("consultation.meeting", models.mapped("model"))
        self.assertNotIn("consultation.something", models.mapped("model"))
        # Models the addon only extends are not its own.
        self.assertNotIn("res.company", models.mapped("model"))
        self.assertNotIn("calendar.event", models.mapped("model"))

        tables = hooks.consultation_tables(self.env, models)
        self.assertIn("consultation_topic", tables)
        self.assertNotIn("consultation_something", tables)
        self.assertNotIn("calendar_event", tables)
        self.assertNotIn("res_company", tables)
        # Many2many tables come from the addon's own relations.
        relations = self.env["ir.model.relation"].search([("module.name", "=", "consultation")])
        self.assertTrue(relations)
        self.assertLessEqual(set(relations.mapped("name")), set(tables))

    def test_the_hook_leaves_another_module_s_records(self):
        hooks.uninstall_hook(self.env)
        cr = self.env.cr
        cr.execute("SELECT name FROM consultation_something")
        self.assertEqual(cr.fetchall(), [("区里自己的记录",)])
        cr.execute("SELECT res_model_id FROM calendar_event WHERE id = %s", [self.other_event.id])
        self.assertEqual(cr.fetchone()[0], self.other_model.id)
        cr.execute("SELECT count(*) FROM mail_activity WHERE id = %s", [self.other_activity_id])
        self.assertEqual(cr.fetchone()[0], 1)
        cr.execute("SELECT count(*) FROM ir_attachment WHERE id = %s", [self.other_attachment.id])
        self.assertEqual(cr.fetchone()[0], 1)
        cr.execute("SELECT count(*) FROM tier_review WHERE id = %s", [self.other_review_id])
        self.assertEqual(cr.fetchone()[0], 1)
        # Ours are gone.
        cr.execute("SELECT count(*) FROM consultation_topic")
        self.assertEqual(cr.fetchone()[0], 0)
        cr.execute("SELECT count(*) FROM ir_attachment WHERE id = %s", [self.our_attachment.id])
        self.assertEqual(cr.fetchone()[0], 0)
