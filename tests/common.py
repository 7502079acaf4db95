from odoo.tests import TransactionCase, new_test_user


class ConsultationCase(TransactionCase):
    """One user per role and a small room tree, created once per test class.

    District
    ├── Street A (run by `user_secretary`)
    │   ├── Community A1 (`user_member` sits here)
    │   └── Community A2
    └── Street B
        └── Community B1
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Assertions read the English source, whatever language the database was set up in.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        cls.company = cls.env.company

        def user(login, group, **kw):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,consultation.{group}",
                name=kw.pop("name", login),
                **kw,
            )

        cls.user_viewer = user("cs_viewer", "group_consultation_viewer", name="观察员")
        cls.user_member = user("cs_member", "group_consultation_member", name="李委员")
        cls.user_secretary = user("cs_secretary", "group_consultation_secretary", name="王秘书")
        cls.user_approver = user("cs_approver", "group_consultation_approver", name="赵书记")
        cls.user_manager = user("cs_manager", "group_consultation_manager", name="政协办")
        cls.user_portal = new_test_user(
            cls.env, login="cs_portal", groups="base.group_portal", name="居民"
        )

        Room = cls.env["consultation.room"]
        cls.district = Room.create({"name": "青川区", "code": "T-QC", "level": "district"})
        cls.street_a = Room.create(
            {
                "name": "和平街道",
                "code": "T-HP",
                "level": "town",
                "parent_id": cls.district.id,
                "secretary_ids": [(6, 0, cls.user_secretary.ids)],
            }
        )
        cls.street_b = Room.create(
            {"name": "新华街道", "code": "T-XH", "level": "town", "parent_id": cls.district.id}
        )
        cls.community_a1 = Room.create(
            {"name": "朝阳社区", "code": "T-HP-1", "level": "village", "parent_id": cls.street_a.id}
        )
        cls.community_a2 = Room.create(
            {"name": "东风社区", "code": "T-HP-2", "level": "village", "parent_id": cls.street_a.id}
        )
        cls.community_b1 = Room.create(
            {"name": "团结社区", "code": "T-XH-1", "level": "village", "parent_id": cls.street_b.id}
        )

        cls.member_li = cls.create_member("李委员", user=cls.user_member)
        cls.member_zhang = cls.create_member("张代表", member_type="representative")
        cls.env["consultation.room.membership"].create(
            [
                {"room_id": cls.community_a1.id, "member_id": cls.member_li.id, "role": "fixed"},
                {
                    "room_id": cls.community_b1.id,
                    "member_id": cls.member_zhang.id,
                    "role": "first_convener",
                },
            ]
        )

    @classmethod
    def create_member(cls, name, user=None, **values):
        partner = user.partner_id if user else cls.env["res.partner"].create({"name": name})
        return cls.env["consultation.member"].create(
            {"partner_id": partner.id, "user_id": user.id if user else False, **values}
        )
