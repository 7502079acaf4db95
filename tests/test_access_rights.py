from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestAccessRights(ConsultationCase):
    def rooms_seen_by(self, user):
        return self.env["consultation.room"].with_user(user).search([("code", "=like", "T-%")])

    def test_member_sees_only_the_rooms_they_belong_to(self):
        self.assertEqual(self.rooms_seen_by(self.user_member), self.community_a1)
        with self.assertRaises(AccessError):
            self.community_b1.with_user(self.user_member).read(["name"])
        with self.assertRaises(AccessError):
            self.community_a1.with_user(self.user_member).write({"name": "改名"})
        memberships = self.env["consultation.room.membership"].with_user(self.user_member)
        self.assertEqual(memberships.search([]).room_id, self.community_a1)

    def test_member_sees_a_new_room_as_soon_as_they_join(self):
        self.env["consultation.room.membership"].create(
            {"room_id": self.community_b1.id, "member_id": self.member_li.id}
        )
        self.assertEqual(
            self.rooms_seen_by(self.user_member), self.community_a1 | self.community_b1
        )

    def test_viewer_without_membership_sees_no_room(self):
        self.assertFalse(self.rooms_seen_by(self.user_viewer))
        self.assertEqual(
            len(self.env["consultation.screening.rule"].with_user(self.user_viewer).search([])), 7
        )

    def test_secretary_runs_their_street_and_its_communities(self):
        subtree = self.street_a | self.community_a1 | self.community_a2
        self.assertEqual(self.rooms_seen_by(self.user_secretary), subtree)
        self.community_a2.with_user(self.user_secretary).write({"address": "东风路1号"})
        self.assertEqual(self.community_a2.address, "东风路1号")
        new_room = (
            self.env["consultation.room"]
            .with_user(self.user_secretary)
            .create({"name": "新建社区", "code": "T-HP-3", "parent_id": self.street_a.id})
        )
        self.assertEqual(new_room.parent_id, self.street_a)
        # Seating people in their own rooms is their job ...
        self.env["consultation.room.membership"].with_user(self.user_secretary).create(
            {"room_id": self.community_a2.id, "member_id": self.member_zhang.id}
        )

    def test_secretary_cannot_touch_a_sibling_street(self):
        with self.assertRaises(AccessError):
            self.community_b1.with_user(self.user_secretary).write({"address": "议事厅"})
        with self.assertRaises(AccessError):
            self.street_b.with_user(self.user_secretary).read(["name"])
        with self.assertRaises(AccessError):
            self.env["consultation.room"].with_user(self.user_secretary).create(
                {"name": "越权", "code": "T-XH-9", "parent_id": self.street_b.id}
            )
        with self.assertRaises(AccessError):
            self.env["consultation.room.membership"].with_user(self.user_secretary).create(
                {"room_id": self.community_b1.id, "member_id": self.member_li.id}
            )
        # ... nor promote their own street out of the district's control.
        with self.assertRaises(AccessError):
            self.district.with_user(self.user_secretary).write({"name": "改名"})

    def test_convener_with_secretary_rights_runs_their_room(self):
        self.member_zhang.user_id = self.user_secretary
        self.assertIn(self.community_b1, self.rooms_seen_by(self.user_secretary))
        self.community_b1.with_user(self.user_secretary).write({"address": "议事厅"})

    def test_approver_reads_every_room_and_changes_none(self):
        rooms = self.rooms_seen_by(self.user_approver)
        self.assertEqual(len(rooms), 6)
        with self.assertRaises(AccessError):
            self.community_b1.with_user(self.user_approver).write({"address": "议事厅"})

    def test_manager_runs_every_room_and_the_rules(self):
        self.assertEqual(len(self.rooms_seen_by(self.user_manager)), 6)
        self.community_b1.with_user(self.user_manager).write({"address": "议事厅"})
        rule = self.env.ref("consultation.screening_rule_exclude_individual")
        rule.with_user(self.user_manager).description = "仅限个人纠纷"
        with self.assertRaises(AccessError):
            rule.with_user(self.user_secretary).write({"active": False})

    def test_portal_user_gets_nothing_here_yet(self):
        for model in ("consultation.room", "consultation.member", "consultation.expert"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_portal).search([])

    def test_companies_are_isolated(self):
        other = self.env["res.company"].create({"name": "邻区政协"})
        foreign = self.env["consultation.room"].create(
            {"name": "邻区社区", "code": "T-OTHER", "company_id": other.id}
        )
        self.user_manager.write({"company_ids": [(4, other.id)]})
        Room = self.env["consultation.room"].with_user(self.user_manager)
        # Only the companies ticked in the company switcher count.
        for companies, seen in ((self.company, False), (other, True), (self.company | other, True)):
            rooms = Room.with_context(allowed_company_ids=companies.ids).search(
                [("code", "=like", "T-%")]
            )
            self.assertEqual(foreign in rooms, seen, companies.mapped("name"))
        outsider = self.env["res.users"].create(
            {
                "name": "邻区管理员",
                "login": "cs_other_manager",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, self.user_manager.groups_id.ids)],
            }
        )
        self.assertEqual(self.rooms_seen_by(outsider), foreign)
