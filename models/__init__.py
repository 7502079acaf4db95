from . import (
    consultation_approval_mixin,
    consultation_expert,
    consultation_expertise,
    consultation_member,
    consultation_opinion,
    consultation_plan,
    consultation_research,
    consultation_room,
    consultation_room_membership,
    consultation_screening_rule,
    consultation_topic,
    tier_definition,
)
