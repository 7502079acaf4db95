from . import (
    consultation_expert,
    consultation_expertise,
    consultation_member,
    consultation_room,
    consultation_room_membership,
    consultation_screening_rule,
)
