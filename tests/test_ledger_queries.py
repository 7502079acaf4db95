from odoo.tests import tagged

from .test_outcome import OutcomeCase


@tagged("post_install", "-at_install")
class TestLedgerQueries(OutcomeCase):
    """A province prints its ledgers for thousands of rooms at once: the queries do not
    grow with the rooms."""

    def test_the_activity_ledger_of_every_room_takes_the_queries_of_one(self):
        meeting, _topic = self.held_topic()
        RoomYear = self.env["consultation.room.year"]
        RoomYear._cron_refresh()
        year = self.company._consultation_year(meeting.start)
        # Village rooms (the meeting's among them): half of them, then all.
        rows = RoomYear.search([("year", "=", year), ("level", "=", meeting.room_id.level)])
        rows = rows.filtered(lambda r: r.room_id == meeting.room_id) | rows
        self.assertGreater(len(rows), 5)
        one = rows[: len(rows) // 2]
        Report = self.env["ir.actions.report"]
        Report._render("consultation.ledger_meetings", rows.ids)  # warm the caches
        counts = []
        for chosen in (one, rows):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report._render("consultation.ledger_meetings", chosen.ids)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
