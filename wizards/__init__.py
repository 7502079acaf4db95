from . import (
    comment_wizard,
    consultation_meeting_live_wizard,
    consultation_meeting_opinion_wizard,
    consultation_outcome_extension_wizard,
    consultation_topic_reject_wizard,
    consultation_topic_screening_wizard,
)
