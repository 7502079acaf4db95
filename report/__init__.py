# The mixin first: the statistics below inherit it.
from . import consultation_report_mixin

# isort: split
from . import (
    consultation_meeting_report,
    consultation_outcome_report,
    consultation_topic_report,
)
