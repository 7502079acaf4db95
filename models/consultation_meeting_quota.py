"""How many meetings a room of each level holds in a year (议事次数要求)."""

from odoo import api, fields, models

LEVELS = [
    ("district", "District"),
    ("street", "Street"),
    ("town", "Town"),
    ("village", "Village / Community"),
    ("enterprise", "Enterprise"),
    ("sector", "Sector"),
    ("committee", "Special Committee"),
]


class ConsultationMeetingQuota(models.Model):
    """The yearly number of meetings asked of a room of one level: the source
    documents' numbers where they give one, the office's own choice elsewhere. The
    office changes them here; a room can still ask more of itself."""

    _name = "consultation.meeting.quota"
    _description = "Meeting Quota per Level"
    _order = "sequence, id"
    _rec_name = "level"

    sequence = fields.Integer(default=10)
    level = fields.Selection(LEVELS, required=True)
    meetings_per_year = fields.Integer("Meetings a Year", required=True)
    two_month_windows = fields.Boolean(
        "Every Two Months",
        help="The meetings are due window by window (January–February, March–April, …):"
        " each window needs its share of its own, counted from the window the room was"
        " established in; six meetings held in January do not make a year.",
    )
    basis = fields.Selection(
        [("document", "Source Document"), ("office", "Set by the CPPCC Office")],
        "Source",
        required=True,
        default="office",
        help="Source Document: the number the guidance documents give. Set by the CPPCC"
        " Office: no document gives one; the office chose it and may change it.",
    )
    note = fields.Char(
        "Basis", translate=True, help="The sentence of the document, or why the office chose it."
    )

    _sql_constraints = [
        ("level_uniq", "unique(level)", "A level has one quota."),
        (
            "meetings_positive",
            "CHECK(meetings_per_year >= 0)",
            "A quota is a number of meetings, never negative.",
        ),
    ]

    @api.model
    def _by_level(self):
        """{level: quota record}, read as superuser: every room's figures need it."""
        # As superuser: the quotas are the office's settings; every room's figures read
        # them.
        return {quota.level: quota for quota in self.sudo().search([])}

    def write(self, vals):
        # Rooms that kept the level's number follow the new one; a room that asked more
        # (or less) of itself keeps its own.
        if "meetings_per_year" in vals:
            Room = self.env["consultation.room"].sudo().with_context(active_test=False)
            for quota in self:
                Room.search(
                    [
                        ("level", "=", quota.level),
                        ("required_meetings_per_year", "=", quota.meetings_per_year),
                    ]
                ).write({"required_meetings_per_year": vals["meetings_per_year"]})
        return super().write(vals)
