from . import (
    test_access_rights,
    test_member_expert,
    test_membership,
    test_opinion,
    test_performance,
    test_plan,
    test_room,
    test_screening_rule,
    test_topic,
    test_topic_rpc,
    test_tour_approval,
    test_translation,
)
