from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import ConsultationCase


@tagged("post_install", "-at_install")
class TestMeetingTour(HttpCase, ConsultationCase):
    def test_secretary_runs_the_meeting_and_the_office_closes_the_minutes(self):
        topic = self.bring_to(self.create_topic("车棚改造"), "ready")
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=2)
        event = (
            self.env["calendar.event"]
            .with_user(self.user_secretary)
            .create(
                {
                    "name": "车棚改造协商议事会",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "categ_ids": [
                        (4, self.env.ref("consultation.calendar_event_type_consultation").id)
                    ],
                    "partner_ids": [(6, 0, self.member_li.partner_id.ids)],
                }
            )
        )
        self.start_tour(
            f"/odoo/action-calendar.action_calendar_event/{event.id}",
            "consultation_meeting_secretary_tour",
            login="cs_secretary",
        )
        meeting = event.consultation_meeting_id
        self.assertEqual(meeting.state, "minutes_review")
        self.assertEqual(meeting.topic_ids, topic)
        self.assertEqual(topic.state, "deliberated")
        self.assertIn("充电设施", meeting.consensus)
        # The street's secretary approves first, as convener of a room without one.
        meeting.with_user(self.user_secretary).validate_tier()
        meeting.invalidate_recordset()

        self.start_tour(
            f"/odoo/action-consultation.consultation_meeting_action/{meeting.id}",
            "consultation_minutes_approver_tour",
            login="cs_manager",
        )
        meeting.invalidate_recordset()
        self.assertEqual(meeting.validation_status, "validated")
        # Closing renders the PDF, whose style sheets wkhtmltopdf fetches from this test
        # server: done here rather than in the browser's request, which holds the test
        # cursor the style sheet requests would wait for.
        meeting.with_user(self.user_manager).action_close()
        self.assertEqual(meeting.state, "closed")
        self.assertEqual(meeting.minutes_revision_ids.approved_by, self.user_manager)
        self.assertTrue(meeting.minutes_revision_ids.attachment_id)
