"""Publication of topics (议题公示): the notice window in which the public reads a
topic and gives opinions, and its end, which moves the topic on to research."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index


class ConsultationTopic(models.Model):
    _inherit = "consultation.topic"

    # Publication (议题公示)
    publish_date_start = fields.Date("Notice From", copy=False, tracking=True)
    publish_date_end = fields.Date("Notice Until", copy=False, tracking=True)
    in_publication_window = fields.Boolean(
        compute="_compute_in_publication_window", search="_search_in_publication_window"
    )

    @api.depends("state", "publish_date_start", "publish_date_end")
    @api.depends_context("company")
    def _compute_in_publication_window(self):
        today = self.env.company._consultation_today()
        for topic in self:
            topic.in_publication_window = topic._is_open_for_opinions(today)

    def _is_open_for_opinions(self, today):
        self.ensure_one()
        return (
            self.state == "published"
            and bool(self.publish_date_start and self.publish_date_end)
            and self.publish_date_start <= today <= self.publish_date_end
        )

    def _search_in_publication_window(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This filter only accepts 'is set' or 'is not set'."))
        today = self.env.company._consultation_today()
        domain = [
            ("state", "=", "published"),
            ("publish_date_start", "<=", today),
            ("publish_date_end", ">=", today),
        ]
        return domain if (operator == "=") == value else ["!", "&", "&", *domain]

    @api.constrains("publish_date_start", "publish_date_end")
    def _check_publication_window(self):
        for topic in self:
            if (
                topic.publish_date_start
                and topic.publish_date_end
                and topic.publish_date_end < topic.publish_date_start
            ):
                raise ValidationError(
                    _(
                        "The notice of “%(topic)s” cannot end before it starts.",
                        topic=topic.name,
                    )
                )

    def init(self):
        # The notice board and its cron: topics published with a window around today,
        # in window order (a seventh of a province's topics are published, few on notice).
        create_index(
            self.env.cr,
            "consultation_topic_publication_window_index",
            self._table,
            ["publish_date_end", "publish_date_start"],
            where="state = 'published'",
        )

    @api.model
    def _cron_close_publication(self):
        ended = self.search(
            [
                ("state", "=", "published"),
                ("publish_date_end", "<", self.env.company._consultation_today()),
            ]
        )
        # One batch insert for the chatter notes instead of a tracking message per topic.
        ended.with_context(tracking_disable=True)._set_state({"state": "researching"})
        ended._message_log_batch(
            bodies={
                topic.id: _(
                    "The public notice ended on %(date)s: the topic moves to research.",
                    date=topic.company_id.with_env(self.env)
                    ._consultation_dates()
                    .date(topic.publish_date_end),
                )
                for topic in ended
            }
        )
        return True
