# ruff: noqa: F821 (`env` is given by odoo shell)
"""Drive a 20-participant meeting of the demo through its agenda on the live screen.

Run in `odoo shell` on a database with the demo data (it commits):
    STEP=live python3 -m odoo shell -d DB --addons-path=... --no-http < scripts/live_meeting_demo.py
STEP=live leaves the meeting running (on the last topic, a speaker at the floor, a named
vote being counted) and prints the projector's link; STEP=end then ends it (recorded as
held, its minutes drafted with the speakers, times and votes).
"""

import os
import sys
from datetime import timedelta

from odoo import fields

meeting = env.ref("consultation.meeting_water").with_context(lang="zh_CN")
step = os.environ.get("STEP", "live")

if step == "live":
    now = fields.Datetime.now().replace(microsecond=0)
    members = env["consultation.member"].search([("party_confirmed", "=", True)], limit=20)
    meeting.write(
        {
            "name": "桃源村饮用水管网改造协商议事会",
            "form": "meeting",
            "location": "桃源村党群服务中心协商议事室",
            "start": now - timedelta(minutes=20),
            "stop": now + timedelta(hours=2),
            "partner_ids": [(6, 0, members.partner_id.ids)],
            "vote_mode": "named",
        }
    )
    agenda = meeting.topic_ids
    meeting.action_live_start()
    people = meeting.attendance_ids.partner_id
    for partner in people[:18]:  # 应到 20, 实到 18
        env["consultation.meeting.attendance"]._sign_in(meeting, partner)
    for topic in agenda:
        # As if the topic had been opened before its three speakers of 2½ minutes.
        meeting.sudo().live_topic_started -= timedelta(minutes=8)
        for speaker in people[:3]:
            meeting._live_give_floor(speaker)
            meeting.action_live_timer_start()
            meeting.sudo().timer_started -= timedelta(seconds=150)  # as if spoken 2½ min
            meeting.action_live_timer_pause()
        if topic != agenda[-1]:
            meeting.action_live_vote_open()
            for i, partner in enumerate(people[:18]):
                env["consultation.meeting.ballot"]._cast(
                    meeting, partner, "for" if i < 15 else "abstain"
                )
            meeting.action_live_vote_close()
            meeting.action_live_next_topic()
    # On the last topic: two in the queue, one at the floor, the vote being counted.
    for partner in people[3:5]:
        env["consultation.meeting.floor.request"]._ask(meeting, partner)
    meeting._live_give_floor(people[5])
    meeting.action_live_timer_start()
    meeting.sudo().timer_started -= timedelta(seconds=160)  # 20 seconds left: orange
    meeting.action_live_vote_open()
    for i, partner in enumerate(people[:12]):
        env["consultation.meeting.ballot"]._cast(meeting, partner, "for" if i < 10 else "against")
    env.cr.commit()
    sys.stdout.write(
        f"/consultation/meeting/{meeting.id}/screen?token={meeting.sudo().screen_token}\n"
    )
else:
    meeting.action_live_timer_pause()
    meeting.action_live_vote_close()
    meeting.action_live_end()
    env.cr.commit()
    sys.stdout.write(f"{meeting.state}: {len(meeting.speech_ids)} speeches\n{meeting.minutes}\n")
