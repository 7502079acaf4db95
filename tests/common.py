from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.sql_db import Cursor
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

# The organisation's time zone the tests set when a day boundary matters (the addon
# falls back to it too when the company's address names none).
ORGANISATION_TZ = "Asia/Shanghai"


class ConsultationHelpers:
    """What the tests share besides the role fixtures: query counting and capture, the
    organisation's time zone and language, notice windows. Mixed into
    ConsultationCase; a TransactionCase that needs no rooms nor users takes it alone."""

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------
    def count_queries(self, func):
        """The number of queries `func` runs, on empty caches (the pending writes of
        the set-up are flushed first, so that they are not counted with it)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        return self.env.cr.sql_log_count - before

    @contextmanager
    def capture_queries(self):
        """The SQL statements run inside the block (their text, without parameters),
        pending writes included; caches are emptied before."""
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        execute = Cursor.execute

        def capture(cursor, query, params=None, log_exceptions=None):
            queries.append(query.code if isinstance(query, SQL) else query)
            return execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", capture):
            yield queries
            self.env.flush_all()

    # ------------------------------------------------------------------
    # The organisation's day and language
    # ------------------------------------------------------------------
    @classmethod
    def set_organisation_tz(cls, tz=ORGANISATION_TZ):
        """The organisation's clock (its address's time zone), which every "today" of
        the addon follows."""
        cls.env.company.partner_id.tz = tz

    @classmethod
    def notice_window(cls, start, end, day=None):
        """The values of a notice window from `start` to `end` days after `day` (the
        organisation's today by default; negative: before)."""
        day = day or cls.env.company._consultation_today()
        return {
            "publish_date_start": day + timedelta(days=start),
            "publish_date_end": day + timedelta(days=end),
        }

    @classmethod
    def load_chinese(cls):
        """Chinese active, with the module's terms freshly loaded; returns an
        environment that reads in it."""
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["consultation"], ["zh_CN"], overwrite=True)
        return cls.env(context=dict(cls.env.context, lang="zh_CN"))

    @classmethod
    def chinese_organisation(cls):
        """Chinese loaded, and the organisation's language: its official documents
        print in Chinese whoever prints them. Returns an environment in Chinese."""
        zh = cls.load_chinese()
        cls.env.company.partner_id.lang = "zh_CN"
        return zh


class ConsultationCase(ConsultationHelpers, TransactionCase):
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
                lang="en_US",
                **kw,
            )

        cls.user_viewer = user("cs_viewer", "group_consultation_viewer", name="观察员")
        cls.user_member = user("cs_member", "group_consultation_member", name="李委员")
        cls.user_secretary = user("cs_secretary", "group_consultation_secretary", name="王秘书")
        cls.user_approver = user("cs_approver", "group_consultation_approver", name="赵书记")
        cls.user_manager = user("cs_manager", "group_consultation_manager", name="政协办")
        # One reviewer per approval tier of a topic (专委会 → 主席会议 → 同级党组织).
        cls.user_committee = user(
            "cs_committee", "group_consultation_reviewer_committee", name="专委会主任"
        )
        cls.user_chairman = user("cs_chairman", "group_consultation_reviewer_chairman", name="主席")
        cls.user_party = user("cs_party", "group_consultation_reviewer_party", name="党组书记")
        cls.user_portal = new_test_user(
            cls.env, login="cs_portal", groups="base.group_portal", name="居民", lang="en_US"
        )

        # Rooms established long ago, so that any year a test lands in is one of theirs.
        Room = cls.env["consultation.room"].with_context(default_date_established=date(2020, 1, 1))
        cls.district = Room.create({"name": "禾澜区", "code": "T-QC", "level": "district"})
        cls.street_a = Room.create(
            {
                "name": "和平街道",
                "code": "T-HP",
                "level": "street",
                "parent_id": cls.district.id,
                "secretary_ids": [(6, 0, cls.user_secretary.ids)],
            }
        )
        cls.street_b = Room.create(
            {"name": "新华街道", "code": "T-XH", "level": "street", "parent_id": cls.district.id}
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
        cls.all_rooms = (
            cls.district
            | cls.street_a
            | cls.street_b
            | cls.community_a1
            | cls.community_a2
            | cls.community_b1
        )
        # 同级党组织: the district's party reviewers approve for every room below it.
        cls.district.party_reviewer_ids = cls.user_party

        cls.member_li = cls.create_member("李委员", user=cls.user_member)
        cls.member_zhang = cls.create_member("张代表", member_type="representative")
        cls.env["consultation.room.membership"].create(
            [
                # Terms begun long ago, so that tests frozen in the past see them.
                {
                    "room_id": cls.community_a1.id,
                    "member_id": cls.member_li.id,
                    "role": "fixed",
                    "date_start": date(2020, 1, 1),
                },
                {
                    "room_id": cls.community_b1.id,
                    "member_id": cls.member_zhang.id,
                    "role": "first_convener",
                    "date_start": date(2020, 1, 1),
                },
            ]
        )

    @classmethod
    def create_member(cls, name, user=None, **values):
        """A member the party organisation has confirmed (参与协商的人员须经党组织认可),
        unless `party_confirmed=False` is given."""
        partner = user.partner_id if user else cls.env["res.partner"].create({"name": name})
        return cls.env["consultation.member"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id if user else False,
                "party_confirmed": True,
                **values,
            }
        )

    @classmethod
    def create_topic(cls, name="老旧小区加装电梯", room=None, **values):
        return (
            cls.env["consultation.topic"]
            .with_user(cls.user_secretary)
            .create({"name": name, "room_id": (room or cls.community_a1).id, **values})
        )

    def screen(self, topic, *rule_xmlids):
        rules = [self.env.ref(f"consultation.{xmlid}").id for xmlid in rule_xmlids]
        topic.write({"screening_rule_ids": [(6, 0, rules)], "screening_note": "符合三议"})
        topic.action_screen()

    def approve_all_tiers(self, topic):
        """The reviewers approve in turn, each in their own session: the three bodies for a
        district-level temporary topic, the party organisation alone for a town or village
        one; a topic of an approved plan has no tier of its own."""
        if topic.plan_id:
            return
        topic.request_validation()
        for _tier in range(len(topic.review_ids)):
            topic.invalidate_recordset()
            reviewers = topic._current_reviews()[:1].reviewer_ids
            ours = reviewers & (self.user_committee | self.user_chairman | self.user_party)
            topic.with_user((ours or reviewers)[:1]).validate_tier()
        topic.invalidate_recordset()

    def bring_to(self, topic, state):
        """Walk a topic through its life cycle up to `state`, as its secretary would."""
        steps = ["submitted", "screened", "approved", "published", "researching", "ready"]
        for step in steps[: steps.index(state) + 1]:
            if step == "submitted":
                topic.action_submit()
            elif step == "screened":
                self.screen(topic, "screening_rule_include_livelihood")
            elif step == "approved":
                self.approve_all_tiers(topic)
                topic.action_approve()
            elif step == "published":
                topic.action_publish()
            elif step == "researching":
                topic.action_start_research()
            elif step == "ready":
                topic.env["consultation.research"].create(
                    {"topic_id": topic.id, "name": "入户走访", "method": "visit"}
                )
                topic.action_mark_ready()
                self.add_deliberation_plan(topic)
        return topic

    def add_deliberation_plan(self, topic):
        """议事方案: drafted from the topic and its research, then confirmed."""
        plan = topic.env["consultation.deliberation.plan"].browse(
            topic.action_open_deliberation_plan()["res_id"]
        )
        plan.action_confirm()
        return plan

    @classmethod
    def create_meeting(cls, topics=None, room=None, hours_from_now=-2, **values):
        """A meeting of `room` (Community A1 by default), by its secretary; by default
        it started two hours ago, so it can be recorded as held."""
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=hours_from_now)
        vals = {
            "name": "协商议事会",
            "room_id": (room or cls.community_a1).id,
            "start": start,
            "stop": start + timedelta(hours=2),
            "location": "社区党群服务中心议事厅",
            **values,
        }
        if topics:
            vals["topic_ids"] = [(6, 0, topics.ids)]
        return cls.env["consultation.meeting"].with_user(cls.user_secretary).create(vals)
