# Mixins first: the models below inherit them.
from . import consultation_lifecycle_mixin

# isort: split
from . import (
    calendar_attendee,
    calendar_event,
    calendar_recurrence,
    consultation_approval_mixin,
    consultation_case,
    consultation_expert,
    consultation_expertise,
    consultation_meeting,
    consultation_meeting_attendance,
    consultation_meeting_result,
    consultation_member,
    consultation_minutes_revision,
    consultation_opinion,
    consultation_outcome,
    consultation_outcome_update,
    consultation_plan,
    consultation_portal_submission,
    consultation_research,
    consultation_room,
    consultation_room_membership,
    consultation_screening_rule,
    consultation_topic,
    ir_actions_report,
    ir_attachment,
    report_case_booklet,
    report_supervision_letter,
    res_company,
    tier_definition,
)
