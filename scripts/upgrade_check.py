# Run through `odoo shell` by test.sh: CHECK_STEP=before|after, CHECK_FILE=path.
# A database made by the last recorded release keeps its records when upgraded.
# ruff: noqa: F821 (`env` is given by odoo shell)
import json
import os
import sys

MODELS = [
    "consultation.room",
    "consultation.member",
    "consultation.room.membership",
    "consultation.expert",
    "consultation.screening.rule",
    "consultation.topic",
    "consultation.opinion",
    "consultation.research",
    "consultation.plan",
    "consultation.meeting",
    "consultation.meeting.attendance",
    "consultation.minutes.revision",
    "consultation.outcome",
    "consultation.outcome.update",
    "consultation.case",
    "tier.review",
]


def counts():
    result = {}
    for model in MODELS:
        env.cr.execute(f'SELECT count(*) FROM "{env[model]._table}"')
        result[model] = env.cr.fetchone()[0]
    env.cr.execute("SELECT state, count(*) FROM consultation_topic GROUP BY state ORDER BY state")
    result["topic states"] = dict(env.cr.fetchall())
    env.cr.execute("SELECT count(*) FROM calendar_event")
    result["calendar.event"] = env.cr.fetchone()[0]
    return result


path = os.environ["CHECK_FILE"]
if os.environ["CHECK_STEP"] == "before":
    with open(path, "w") as file:
        json.dump(counts(), file)
else:
    with open(path) as file:
        before = json.load(file)
    after = counts()
    # New data files may add records (demo of new features); none may be lost.
    lost = {
        key: (old, after.get(key, 0))
        for key, old in before.items()
        if isinstance(old, int) and after.get(key, 0) < old
    }
    lost.update(
        {
            f"topics {state}": (count, after["topic states"].get(state, 0))
            for state, count in before["topic states"].items()
            if after["topic states"].get(state, 0) < count
        }
    )
    if lost:
        print("Records lost by the upgrade (before, after):")
        for key, (old, new) in lost.items():
            print(f"  {key}: {old} → {new}")
        sys.exit(1)
    print(f"upgrade kept {sum(v for v in before.values() if isinstance(v, int))} records")
