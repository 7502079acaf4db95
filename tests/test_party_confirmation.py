import html

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestPartyConfirmation(ConsultationCase):
    """参与协商的人员须经党组织认可."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.create_member("新代表周", party_confirmed=False)

    def seat(self, member, role="fixed", room=None):
        return self.env["consultation.room.membership"].create(
            {"room_id": (room or self.community_a1).id, "member_id": member.id, "role": role}
        )

    def test_conveners_and_fixed_members_are_confirmed_first(self):
        for role in ("fixed", "first_convener", "second_convener"):
            with self.subTest(role=role), self.assertRaisesRegex(ValidationError, "新代表周"):
                self.seat(self.newcomer, role, room=self.community_a2)
        # An invited participant is not seated: no confirmation needed for that.
        invited = self.seat(self.newcomer, "invited")
        with self.assertRaises(ValidationError):
            invited.role = "fixed"
        # The office records the party organisation's confirmation, with the day.
        with self.assertRaises(AccessError):
            self.newcomer.with_user(self.user_secretary).action_party_confirm()
        with self.assertRaises(AccessError):
            self.newcomer.with_user(self.user_secretary).write({"party_confirmed": True})
        self.newcomer.with_user(self.user_manager).action_party_confirm()
        self.assertTrue(self.newcomer.party_confirmed)
        self.assertEqual(self.newcomer.party_confirmed_date, self.env.company._consultation_today())
        self.assertEqual(self.newcomer.party_confirmed_by_id, self.user_manager)
        invited.role = "fixed"
        self.assertEqual(invited.role, "fixed")
        with self.assertRaises(UserError):
            self.newcomer.with_user(self.user_manager).action_party_confirm()

    def test_memberships_seated_before_the_rule_are_listed_not_broken(self):
        membership = self.seat(self.create_member("老委员钱"))
        # As an upgraded database has them: seated, never confirmed.
        self.env.cr.execute(
            "UPDATE consultation_member SET party_confirmed = FALSE WHERE id = %s",
            [membership.member_id.id],
        )
        self.env.invalidate_all()
        membership.note = "换届前任命"
        action = self.env.ref("consultation.consultation_room_membership_view_search")
        self.assertIn('name="party_unconfirmed"', action.arch)
        domain = [
            ("member_id.party_confirmed", "=", False),
            ("role", "in", ("first_convener", "second_convener", "fixed")),
        ]
        found = self.env["consultation.room.membership"].search(domain)
        self.assertIn(membership, found)
        membership.with_user(self.user_manager).action_party_confirm()
        self.assertNotIn(membership, self.env["consultation.room.membership"].search(domain))

    def test_a_meeting_with_unconfirmed_invitees_waits_for_the_party_reviewer(self):
        topic = self.bring_to(self.create_topic("加装电梯"), "ready")
        meeting = self.create_meeting(topic)
        self.assertFalse(meeting.participants_to_confirm, "confirmed members and staff only")
        meeting.partner_ids = [Command.link(self.newcomer.partner_id.id)]
        self.assertTrue(meeting.participants_to_confirm)
        self.assertEqual(meeting.participant_unconfirmed_ids, self.newcomer.partner_id)
        meeting.action_schedule()
        todo = meeting.activity_ids.filtered(lambda a: a.user_id == self.user_party)
        self.assertTrue(todo, "the room's party reviewer is asked to confirm")
        with self.assertRaisesRegex(UserError, "新代表周"):
            meeting.action_hold()
        # Only the room's party organisation reviewer confirms the list.
        with self.assertRaises(UserError):
            meeting.with_user(self.user_secretary).action_confirm_participants()
        meeting.with_user(self.user_party).action_confirm_participants()
        self.assertFalse(meeting.participants_to_confirm)
        self.assertEqual(meeting.participants_confirmed_by_id, self.user_party)
        self.assertTrue(meeting.participants_confirmed_date)
        self.assertEqual(meeting.participants_confirmed_partner_ids, self.newcomer.partner_id)
        self.assertFalse(meeting.activity_ids.filtered(lambda a: a.user_id == self.user_party))
        # Someone invited after the confirmation needs it again.
        stranger = self.env["res.partner"].create({"name": "外来人员吴"})
        meeting.partner_ids = [Command.link(stranger.id)]
        self.assertTrue(meeting.participants_to_confirm)
        meeting.partner_ids = [Command.unlink(stranger.id)]
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")
        # The minutes' approval is unchanged: the convener, then the office.
        self.assertFalse(meeting.review_ids)

    def test_the_refusal_and_the_banner_are_in_chinese(self):
        zh = self.load_chinese()
        topic = self.bring_to(self.create_topic("楼道堆物"), "ready")
        meeting = self.create_meeting(
            topic, partner_ids=[Command.set(self.newcomer.partner_id.ids)]
        )
        meeting.action_schedule()
        with self.assertRaisesRegex(UserError, "党组织"):
            meeting.with_env(zh).action_hold()
        arch = zh["consultation.meeting"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(
            "参与协商的人员须经党组织认可",
            html.unescape(arch.decode() if isinstance(arch, bytes) else arch),
        )
