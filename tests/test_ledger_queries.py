from datetime import date, timedelta

from odoo import models
from odoo.tests import tagged

from .test_outcome import OutcomeCase

# More records than Odoo reads in one query as it iterates them (PREFETCH_MAX, 1,000):
# a province prints 2,000 rooms, 52,000 members, 40,000 outcomes.
MANY = models.PREFETCH_MAX + 10


@tagged("post_install", "-at_install")
class TestLedgerQueries(OutcomeCase):
    """A province prints its ledgers for thousands of rooms, members and outcomes at
    once: the queries do not grow with the rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rooms = cls.all_rooms
        partners = cls.env["res.partner"].create([{"name": f"委员{i}"} for i in range(MANY)])
        cls.members = cls.env["consultation.member"].create(
            [{"partner_id": partner.id, "party_confirmed": True} for partner in partners]
        )
        # Each member sits in one room: the first few in some of the rooms, all of them
        # in all six.
        cls.env["consultation.room.membership"].create(
            [
                {
                    "room_id": cls.rooms[index % len(cls.rooms)].id,
                    "member_id": member.id,
                    "role": "fixed",
                    "date_start": date(2020, 1, 1),
                }
                for index, member in enumerate(cls.members)
            ]
        )
        cls.departments = cls.env["res.partner"].create(
            [{"name": f"承办部门{i}", "is_company": True} for i in range(8)]
        )

    def assert_constant_queries(self, report, few, many, data=None):
        """`report` of `few` records, then of `many`: the same queries."""
        self.assertGreater(len(many), models.PREFETCH_MAX)
        Report = self.env["ir.actions.report"]
        Report._render(report, many.ids, data)  # warm the caches
        counts = [
            self.count_queries(lambda chosen=chosen: Report._render(report, chosen.ids, data))
            for chosen in (few, many)
        ]
        self.assertEqual(counts[0], counts[1], f"{report}: {len(few)} then {len(many)} rows")

    def test_the_activity_ledger_of_every_room_takes_the_queries_of_two(self):
        meeting, _topic = self.held_topic()
        Room = self.env["consultation.room"].with_context(default_date_established=date(2020, 1, 1))
        Room.create(
            [
                {
                    "name": f"第{index}村",
                    "code": f"T-XH-V{index}",
                    "level": "village",
                    "parent_id": self.street_b.id,
                }
                for index in range(MANY)
            ]
        )
        RoomYear = self.env["consultation.room.year"]
        year = self.company._consultation_year(meeting.start)
        RoomYear._refresh_year(year, notify=False)
        rows = RoomYear.search([("year", "=", year)])
        # The meeting's room first: both sets print its meeting.
        rows = rows.filtered(lambda r: r.room_id == meeting.room_id) | rows
        self.assert_constant_queries("consultation.ledger_meetings", rows[:2], rows)

    def test_the_member_ledger_of_every_member_takes_the_queries_of_a_few(self):
        year = self.company._consultation_today().year
        self.assert_constant_queries(
            "consultation.ledger_members", self.members[:4], self.members, {"year": year}
        )

    def test_the_outcome_ledger_of_every_outcome_takes_the_queries_of_a_few(self):
        meeting, topic = self.held_topic()
        deadline = self.company._consultation_today() + timedelta(days=60)
        outcomes = (
            self.env["consultation.outcome"]
            .with_user(self.user_secretary)
            .create(
                [
                    {
                        "name": f"整改措施{index}",
                        "meeting_id": meeting.id,
                        "topic_id": topic.id,
                        "department_id": self.departments[index % len(self.departments)].id,
                        "date_deadline": deadline + timedelta(days=index % 30),
                    }
                    for index in range(MANY)
                ]
            )
        )
        self.assert_constant_queries("consultation.ledger_outcomes", outcomes[:10], outcomes)

    def test_the_members_list_counts_rooms_in_the_queries_of_one_member(self):
        """The members kanban (and list) shows each member's number of rooms: the rooms are
        read once for the page, not once for each member."""
        counts = [
            self.count_queries(lambda chosen=chosen: chosen.mapped("room_count"))
            for chosen in (self.members[:1], self.members[:80])
        ]
        self.assertEqual(counts[0], counts[1])
