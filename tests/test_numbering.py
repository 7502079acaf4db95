import importlib.util
import os

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ConsultationCase

# New Year's Eve 2026 seen from the server (UTC) and from the organisation (Beijing time):
OLD_YEAR_EVENING = "2026-12-31 15:30:00"  # 23:30 on the 31st in Beijing: still 2026
NEW_YEAR_MORNING = "2026-12-31 23:30:00"  # 07:30 on 1 January 2027 in Beijing
MIGRATION = os.path.join(
    os.path.dirname(os.path.dirname(__file__)),
    "migrations",
    "18.0.1.2.0",
    "post-numbers_restart_each_year.py",
)


def migrate(cr):
    spec = importlib.util.spec_from_file_location("numbers_restart_each_year", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, "18.0.1.1.0")


@tagged("post_install", "-at_install")
class TestNumbering(ConsultationCase):
    """Receipt numbers (YT… topics, HY… meetings) carry the organisation's year and
    count from 1 again each year, whoever draws them: a resident on the portal, a cron
    or a secretary abroad, all on UTC or their own clock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_organisation_tz()
        cls.user_secretary.tz = "America/New_York"

    def test_the_year_of_a_number_is_the_organisation_s(self):
        with freeze_time(OLD_YEAR_EVENING):
            topic = self.create_topic("年末的议题")
            meeting = self.create_meeting(topic)
            self.assertTrue(topic.code.startswith("YT2026-"), topic.code)
            self.assertTrue(meeting.code.startswith("HY2026-"), meeting.code)
        with freeze_time(NEW_YEAR_MORNING):
            topics = self.create_topic("元旦清晨的议题") | self.create_topic("第二个议题")
            meeting = self.create_meeting(topics[0])
            self.assertEqual(topics.mapped("code"), ["YT2027-0001", "YT2027-0002"])
            self.assertEqual(meeting.code, "HY2027-0001")

    def test_the_portal_and_crons_draw_on_the_organisation_s_year(self):
        """The portal's public user and crons run on UTC, where 31 December lasts until
        08:00 in Beijing."""
        with freeze_time(NEW_YEAR_MORNING):
            Topic = self.env["consultation.topic"].sudo().with_context(tz="UTC")
            topic = Topic.create({"name": "居民建议", "room_id": self.community_a1.id})
            self.assertEqual(topic.code, "YT2027-0001")

    def test_each_organisation_draws_on_its_own_day(self):
        """An organisation on another clock (here: UTC, still on 31 December) keeps
        numbering in the old year while Beijing has started the new one."""
        other = self.env["res.company"].create({"name": "海外联络处"})
        other.partner_id.tz = "UTC"
        room = (
            self.env["consultation.room"]
            .with_company(other)
            .create({"name": "联络处议事室", "code": "T-OV", "level": "sector"})
        )
        with freeze_time(NEW_YEAR_MORNING):
            topic = (
                self.env["consultation.topic"]
                .with_company(other)
                .create({"name": "海外议题", "room_id": room.id})
            )
            self.assertTrue(topic.code.startswith("YT2026-"), topic.code)

    def as_18_0_1_1_0_left_it(self, next_number):
        """The topic sequence as 18.0.1.1.0 left it (no date ranges), then as this
        version's data file makes it: the state the migration finds."""
        sequence = self.env.ref("consultation.seq_consultation_topic")
        sequence.date_range_ids.unlink()
        sequence.write({"prefix": "YT%(year)s-", "use_date_range": False})
        sequence.number_next_actual = next_number
        sequence.write({"prefix": "YT%(range_year)s-", "use_date_range": True})

    def test_the_upgrade_carries_this_year_s_count_on(self):
        """18.0.1.1.0 counted without date ranges: after the upgrade, this year's numbers
        go on from where they were, and next year's start from 1."""
        with freeze_time("2026-06-01 04:00:00"):
            self.create_topic("今年第150个议题", code="YT2026-0150")
            self.as_18_0_1_1_0_left_it(151)
            migrate(self.env.cr)
            self.assertEqual(self.create_topic("升级后的议题").code, "YT2026-0151")
        with freeze_time(NEW_YEAR_MORNING):
            self.assertEqual(self.create_topic("新年的议题").code, "YT2027-0001")

    def test_an_upgrade_before_the_year_s_first_number_starts_it_at_1(self):
        with freeze_time("2035-01-02 04:00:00"):
            self.as_18_0_1_1_0_left_it(151)
            migrate(self.env.cr)
            self.assertEqual(self.create_topic("新年第一个议题").code, "YT2035-0001")
