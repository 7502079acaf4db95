from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Receipt numbers now restart each year (one date range of the sequence a year):
    this year's range carries on from the number the sequence had reached, so that no
    number of this year is handed out twice."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    year = env.company._consultation_today().year
    Range = env["ir.sequence.date_range"]
    for xmlid in ("consultation.seq_consultation_topic", "consultation.seq_consultation_meeting"):
        sequence = env.ref(xmlid, raise_if_not_found=False)
        if not sequence or Range.search_count(
            [
                ("sequence_id", "=", sequence.id),
                ("date_from", "<=", f"{year}-12-31"),
                ("date_to", ">=", f"{year}-01-01"),
            ]
        ):
            continue
        next_number = sequence.number_next_actual
        this_year = Range.create(
            {"sequence_id": sequence.id, "date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
        )
        # Set once the range has its PostgreSQL sequence: create() starts it at 1.
        this_year.number_next_actual = next_number
