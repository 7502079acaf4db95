"""The organisation's clock and language, which every date and document follows."""

from datetime import datetime, time

import pytz

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from ..tools import dates

# The addon serves Chinese organisations: where a company's address names no time zone,
# its day is Beijing time, not the server's UTC.
DEFAULT_TZ = "Asia/Shanghai"


class ResCompany(models.Model):
    """The organisation's clock: "today", publication windows, overdue outcomes and year
    boundaries follow the time zone of the company's address, whoever asks (a resident on
    the portal, a cron, a user travelling abroad)."""

    _inherit = "res.company"

    # The yearly assessment's award rules: no source document gives them; the office
    # sets them here (政协办公室设定) and each assessment starts from them. Fetched
    # together, apart from the company's other fields: whoever reads the company (every
    # calendar write does) reads no column of ours.
    consultation_organisation_share = fields.Float(
        "Excellent Organisation: Share of Rooms",
        prefetch="consultation_awards",
        default=0.1,
        help="Set by the CPPCC office: the best-scored share of the rooms on track.",
    )
    consultation_quality_count = fields.Integer(
        "Deliberation Quality: Topics",
        prefetch="consultation_awards",
        default=5,
        help="Set by the CPPCC office: at most this many topics whose outcomes are all done.",
    )
    consultation_three_good_share = fields.Float(
        "Three-Good: Share of Members",
        prefetch="consultation_awards",
        default=0.1,
        help="Set by the CPPCC office: the best share of the CPPCC members who qualify.",
    )
    consultation_three_good_attendance = fields.Integer(
        "Three-Good: Minimum Attendance (%)",
        prefetch="consultation_awards",
        default=80,
        help="Set by the CPPCC office: members must have attended at least this share of"
        " their invitations.",
    )

    # GB/T 9704: the 发文机关标志 (the organ's full name, in red) and the prefix of the
    # 发文字号 (禾政协办〔2026〕3号) of the documents the office sends out.
    # Fetched apart from the company's other fields, like the award rules above.
    consultation_issuing_name = fields.Char(
        "Issuing Organisation",
        prefetch="consultation_documents",
        help="The organisation's full name as it heads the documents it sends out"
        " (发文机关标志), e.g. 政协禾澜区委员会办公室. Empty: derived from the company's"
        " name (禾澜区政协: 政协禾澜区委员会办公室).",
    )
    consultation_document_prefix = fields.Char(
        "Document Number Prefix",
        prefetch="consultation_documents",
        help="The organ's short name that opens the numbers of its documents (发文字号),"
        " e.g. 禾政协办 for 禾政协办〔2026〕3号. Empty: the company's first character"
        " followed by 政协办.",
    )

    def _consultation_issuing_name(self):
        """The 发文机关标志: the name the office set, else the full name derived from
        a short one ("禾澜区政协" is 政协禾澜区委员会办公室), else the company's name."""
        company = self[:1] or self.env.company
        name = company.name or ""
        if company.consultation_issuing_name:
            return company.consultation_issuing_name
        if name.endswith("政协") and len(name) > 2:
            return f"政协{name[:-2]}委员会办公室"
        return name

    def _consultation_document_number(self, kind, day=None):
        """The next 发文字号 of a `kind` of document (assessment, supervision,
        deliberation_plan): `禾政协办〔2026〕3号`, counted from 1 each year of the
        organisation's day. Assigned once, when the document is issued, and kept."""
        company = self[:1] or self.env.company
        day = day or company._consultation_today()
        number = company._consultation_document_sequence(kind).next_by_id(sequence_date=day)
        prefix = company.consultation_document_prefix or f"{(company.name or '')[:1]}政协办"
        return f"{prefix}〔{day.year}〕{int(number)}号"

    def _consultation_document_sequence(self, kind):
        """The company's own count of a kind of document: two organisations in one
        database each number their documents from 1. The first number a company asks
        for copies the shared sequence of the data file into one of its own."""
        self.ensure_one()
        code = f"consultation.document.{kind}"
        # sudo: whoever issues a document (a secretary confirming a plan) draws its
        # number; sequences are settings no consultation role may read or write.
        sequences = self.env["ir.sequence"].sudo()
        own = sequences.search([("code", "=", code), ("company_id", "=", self.id)], limit=1)
        if own:
            return own
        shared = sequences.search([("code", "=", code), ("company_id", "=", False)], limit=1)
        if not shared:
            raise UserError(
                _("The numbering of these documents (%s) is missing; upgrade the application.")
                % code
            )
        return shared.copy({"company_id": self.id, "name": f"{shared.name} ({self.name})"})

    def _consultation_tz(self):
        company = self[:1] or self.env.company
        return pytz.timezone(self._consultation_tz_name(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _consultation_tz_name(self, company_id):
        # Cached: record rules ask for the organisation's day on every request
        # (res.partner clears it when a company's time zone changes).
        return self.browse(company_id).sudo().partner_id.tz or DEFAULT_TZ

    def _consultation_now(self):
        """Now, on the organisation's clock (an aware datetime in its time zone)."""
        return pytz.utc.localize(fields.Datetime.now()).astimezone(self._consultation_tz())

    def _consultation_today(self):
        return self._consultation_now().date()

    def _consultation_next_code(self, sequence_code):
        """The next receipt number (YT…, HY…) of the organisation: its year is that of
        the organisation's day, not of the caller's clock (a portal visitor or a cron on
        UTC still sees 31 December until 08:00 on New Year's Day in Beijing)."""
        return self.env["ir.sequence"].next_by_code(
            sequence_code, sequence_date=self._consultation_today()
        )

    def _consultation_year(self, when=None):
        """The organisation's year of a stored (UTC) datetime, or of now."""
        if not when:
            return self._consultation_now().year
        return pytz.utc.localize(when).astimezone(self._consultation_tz()).year

    def _consultation_to_utc(self, day, at=time.min):
        """The UTC instant (naive, as stored) at which the organisation's `day` reaches
        `at`: e.g. the start of a year for a search on datetimes."""
        local = self._consultation_tz().localize(datetime.combine(day, at))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _consultation_dates(self):
        """The documents' date helpers (tools.dates) in the caller's language, on the
        organisation's clock: `2026年12月7日`, `2026年12月4日至12月11日`, `9:30`."""
        return dates.DocumentDates(self.env, self._consultation_tz())

    def _consultation_lang(self):
        """The language of the organisation's official documents: its partner's, if
        installed; else the caller's."""
        company = self[:1] or self.env.company
        lang = company.partner_id.lang
        if lang and self.env["res.lang"]._lang_get(lang):
            return lang
        return self.env.lang or "en_US"
