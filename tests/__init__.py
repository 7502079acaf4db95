from . import (
    test_access_rights,
    test_member_expert,
    test_membership,
    test_room,
    test_screening_rule,
    test_translation,
)
