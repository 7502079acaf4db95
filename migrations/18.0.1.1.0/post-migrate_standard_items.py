"""The standard checklist becomes data (issue #13): the six booleans of a room turn into
lines of the seeds' 六个有. Three of the former items are the same (有标识, 有制度, 有流程) and
carry over; 有阵地, 有活动 and 有实效 had no former counterpart and start unchecked, with a
note asking the office to check them. The former columns go away with their fields once
the update ends."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

CARRIED_OVER = {
    "has_sign": "consultation.standard_item_sign",
    "has_rules": "consultation.standard_item_rules",
    "has_process": "consultation.standard_item_process",
}


def migrate(cr, version):
    columns = [column for column in CARRIED_OVER if column_exists(cr, "consultation_room", column)]
    if not columns:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rooms = env["consultation.room"].with_context(active_test=False).search([])
    rooms._ensure_standard_lines()
    cr.execute(
        SQL(
            "SELECT id, %s FROM consultation_room",
            SQL(", ").join(SQL.identifier(column) for column in columns),
        )
    )
    former = {row[0]: dict(zip(columns, row[1:], strict=True)) for row in cr.fetchall()}
    carried = {env.ref(xmlid).id: column for column, xmlid in CARRIED_OVER.items()}
    lines = rooms.standard_line_ids
    # Two writes for all the rooms: the items carried over that were ticked, and the
    # items that are new to the checklist.
    lines.filtered(
        lambda line: former.get(line.room_id.id, {}).get(carried.get(line.item_id.id))
    ).write(
        {
            "met": True,
            "date": env.company._consultation_today(),
            "note": "由原“六有”清单中的同名项目转入。",
        }
    )
    lines.filtered(lambda line: line.item_id.id not in carried).write(
        {"note": "原“六有”清单中没有此项目，请核实后勾选并上传佐证材料。"}
    )
