# The mixins first: the statistics and ledgers below inherit them.
from . import consultation_ledger_xlsx, consultation_report_mixin

# isort: split
from . import (
    consultation_assessment_xlsx,
    consultation_case_booklet,
    consultation_meeting_ledger_xlsx,
    consultation_meeting_report,
    consultation_member_ledger_xlsx,
    consultation_member_record,
    consultation_outcome_ledger_xlsx,
    consultation_outcome_report,
    consultation_supervision_letter,
    consultation_topic_report,
)
