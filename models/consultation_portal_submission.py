"""The hourly limit on anonymous portal posts, one counter row per address and hour."""

import ipaddress
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import config

_logger = logging.getLogger(__name__)

DEFAULT_SUBMISSIONS_PER_HOUR = 10
# Longest text a resident may send in one field; anything longer is refused whole.
MAX_LENGTHS = {
    "name": 200,
    "description": 5000,
    "content": 5000,
    "contact_name": 100,
    "contact_phone": 40,
    "room_code": 40,
    "code": 40,
    "phone_last4": 10,
}


# Whether this process already warned that posts seem to come through a proxy.
PROXY_WARNING = {"logged": False}


def warn_if_behind_proxy_without_proxy_mode(httprequest):
    """Behind a reverse proxy without --proxy-mode every resident has the proxy's
    address, so they all share one hourly limit. A post from a loopback or private
    address that carries X-Forwarded-For says so: warn once per process."""
    if PROXY_WARNING["logged"] or config["proxy_mode"]:
        return
    forwarded = httprequest.headers.get("X-Forwarded-For")
    try:
        address = ipaddress.ip_address(httprequest.remote_addr or "")
    except ValueError:
        return
    if forwarded and (address.is_loopback or address.is_private):
        PROXY_WARNING["logged"] = True
        _logger.warning(
            "Portal post from %s carrying X-Forwarded-For (%s): Odoo runs behind a reverse"
            " proxy without --proxy-mode (proxy_mode = True in the configuration file), so"
            " every resident shares the proxy's address and its hourly limit of portal"
            " posts. Start Odoo with --proxy-mode.",
            address,
            forwarded,
        )


class ConsultationPortalSubmission(models.Model):
    """How many anonymous posts one client address sent in one hour: one counter row
    per address and hour, counted up in a single statement so that posts arriving
    together cannot slip past the limit together. Only a digest of the address is
    stored."""

    _name = "consultation.portal.submission"
    _description = "Portal Submissions per Hour"
    _order = "hour desc, id desc"

    client_key = fields.Char(required=True, index=True)
    hour = fields.Datetime(required=True)
    count = fields.Integer(default=0)

    _sql_constraints = [
        ("client_hour_uniq", "unique(client_key, hour)", "One counter per address and hour."),
    ]

    @api.model
    def _limit_per_hour(self):
        return int(
            # As superuser: system parameters are not readable by visitors.
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("consultation.portal_submissions_per_hour", DEFAULT_SUBMISSIONS_PER_HOUR)
        )

    @api.model
    def _count_post(self, client_key):
        """Count one post of `client_key` in the current hour and say whether it is
        still within the limit (system parameter consultation.portal_submissions_per_hour).
        The upsert takes the row lock, so concurrent posts are counted one after the
        other."""
        hour = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        self.env.cr.execute(
            """
            INSERT INTO consultation_portal_submission
                   (client_key, hour, count, create_uid, write_uid, create_date, write_date)
            VALUES (%(key)s, %(hour)s, 1, %(uid)s, %(uid)s,
                    now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
            ON CONFLICT (client_key, hour)
            DO UPDATE SET count = consultation_portal_submission.count + 1,
                          write_date = EXCLUDED.write_date
            RETURNING count
            """,
            {"key": client_key, "hour": hour, "uid": self.env.uid},
        )
        return self.env.cr.fetchone()[0] <= self._limit_per_hour()

    @api.model
    def _check_post(self, values, required, client_key):
        """What an anonymous post must pass before anything is made of it: no field too
        long, the required ones filled, and the address within its hourly limit (the
        post is counted). Returns the message to show, or None."""
        for fname, limit in MAX_LENGTHS.items():
            if len(values.get(fname) or "") > limit:
                return _(
                    "This text is too long (%(length)s characters; at most %(limit)s). Please"
                    " shorten it.",
                    length=len(values[fname]),
                    limit=limit,
                )
        if any(not (values.get(fname) or "").strip() for fname in required):
            return _("Please fill in every required field.")
        if not self._count_post(client_key):
            return _(
                "Thank you for taking part. You have sent many messages in the last hour:"
                " please try again later."
            )
        return None

    @api.autovacuum
    def _gc_old_submissions(self):
        self.search([("hour", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
