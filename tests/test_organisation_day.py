from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import ConsultationCase
from .test_outcome import OutcomeCase

# 26 November 2026 seen from the server (UTC) and from the organisation (Beijing time):
LATE_EVENING = "2026-11-26 15:30:00"  # 23:30 in Shanghai: still the 26th there
AFTER_MIDNIGHT = "2026-11-26 16:30:00"  # 00:30 on the 27th in Shanghai, the 26th in UTC
UTC_EVENING = "2026-11-26 23:30:00"  # 07:30 on the 27th in Shanghai
DAY = date(2026, 11, 26)


class OrganisationDayCase(ConsultationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        # Users far from the organisation: their own time zone must not move its day.
        cls.user_secretary.tz = "America/New_York"
        cls.user_member.tz = "UTC"


@tagged("post_install", "-at_install")
class TestOrganisationDay(OrganisationDayCase):
    def test_today_is_the_organisation_s_whoever_asks(self):
        for frozen, expected in (
            (LATE_EVENING, DAY),
            (AFTER_MIDNIGHT, DAY + timedelta(days=1)),
            (UTC_EVENING, DAY + timedelta(days=1)),
        ):
            with self.subTest(now=frozen), freeze_time(frozen):
                for user in (
                    self.user_secretary,
                    self.user_member,
                    self.env.ref("base.public_user"),
                ):
                    env = self.env(user=user, context={"tz": user.tz})
                    self.assertEqual(env.company._consultation_today(), expected)

    def test_a_company_without_time_zone_lives_in_beijing_time(self):
        self.set_organisation_tz(False)
        with freeze_time(AFTER_MIDNIGHT):
            self.assertEqual(self.env.company._consultation_today(), DAY + timedelta(days=1))

    def test_the_notice_closes_at_the_organisation_s_midnight(self):
        with freeze_time("2026-11-20 02:00:00"):
            topic = self.bring_to(self.create_topic("夜市噪音扰民"), "approved")
            topic.write(self.notice_window(-6, 0, day=DAY))
            topic.action_publish()
        Opinion = self.env["consultation.opinion"].with_user(self.user_secretary)
        opinion = {"topic_id": topic.id, "channel": "online", "content": "建议22点后限制营业"}

        with freeze_time(LATE_EVENING):
            topic.invalidate_recordset(["in_publication_window"])
            self.assertTrue(topic.in_publication_window)
            self.assertIn(topic, topic.search([("in_publication_window", "=", True)]))
            Opinion.create(opinion)
            topic._cron_close_publication()
            self.assertEqual(topic.state, "published", "the last evening still collects opinions")

        with freeze_time(AFTER_MIDNIGHT):
            topic.invalidate_recordset(["in_publication_window"])
            self.assertFalse(topic.in_publication_window)
            with self.assertRaisesRegex(ValidationError, "closed"):
                Opinion.create(opinion)
            topic._cron_close_publication()
            self.assertEqual(topic.state, "researching")

    def test_the_year_starts_at_the_organisation_s_new_year(self):
        """A meeting held at 20:00 on 31 December (Beijing time) belongs to the old year,
        even though the server's clock still reads 31 December an hour later."""
        with freeze_time("2026-12-31 12:00:00"):
            topic = self.bring_to(self.create_topic("年末议题"), "ready")
            meeting = self.create_meeting(topic)  # from 10:00 to 12:00 UTC
            meeting.action_schedule()
            meeting.action_hold()
        room = self.community_a1
        for frozen, expected in (("2026-12-31 15:30:00", 1), ("2026-12-31 16:30:00", 0)):
            with self.subTest(now=frozen), freeze_time(frozen):
                room.invalidate_recordset(["held_meetings_this_year"])
                self.assertEqual(room.held_meetings_this_year, expected)


@tagged("post_install", "-at_install")
class TestOverdueByTheOrganisationDay(OutcomeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()

    def test_an_outcome_is_overdue_from_the_organisation_s_next_day(self):
        with freeze_time("2026-11-20 02:00:00"):
            meeting, topic = self.held_topic("路灯维修")
            outcome = self.create_outcome(meeting, topic, date_deadline=DAY)
            outcome.action_submit()
            outcome.action_accept()
        Outcome = self.env["consultation.outcome"]
        kind = self.env.ref("consultation.mail_activity_type_supervision")
        for frozen, late in ((LATE_EVENING, False), (AFTER_MIDNIGHT, True), (UTC_EVENING, True)):
            with self.subTest(now=frozen), freeze_time(frozen):
                outcome.invalidate_recordset(["is_overdue", "days_overdue"])
                self.assertEqual(outcome.is_overdue, late)
                self.assertEqual(outcome in Outcome.search([("is_overdue", "=", True)]), late)
                Outcome._cron_supervise_overdue()
                reminded = outcome.activity_ids.filtered(lambda a: a.activity_type_id == kind)
                self.assertEqual(bool(reminded), late)


@tagged("post_install", "-at_install")
class TestPortalDay(HttpCase, OrganisationDayCase):
    def test_the_board_shows_what_is_on_notice_on_the_organisation_s_day(self):
        """A notice starting on the 27th shows from 00:30 Beijing time, while the
        public user's clock (UTC) still reads the 26th."""
        topic = (
            self.env["consultation.topic"]
            .sudo()
            .create({"name": "社区菜场改造方案公示", "room_id": self.community_a1.id})
        )
        topic.write({"state": "published", **self.notice_window(1, 8, day=DAY)})
        for frozen, shown in ((LATE_EVENING, False), (AFTER_MIDNIGHT, True)):
            with self.subTest(now=frozen), freeze_time(frozen, tick=True):
                page = self.url_open("/consultation").text
                self.assertEqual("社区菜场改造方案公示" in page, shown)
                response = self.url_open(f"/consultation/topic/{topic.id}")
                self.assertEqual(response.status_code, 200 if shown else 404)
