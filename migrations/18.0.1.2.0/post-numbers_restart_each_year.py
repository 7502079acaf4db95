from odoo import SUPERUSER_ID, api

SEQUENCES = {
    "consultation.seq_consultation_topic": ("consultation.topic", "YT"),
    "consultation.seq_consultation_meeting": ("consultation.meeting", "HY"),
}


def migrate(cr, version):
    """Receipt numbers now restart each year (one date range of the sequence a year).
    Where this year already has numbers, this year's range carries on from the number
    the sequence had reached, so that no number of this year is handed out twice (nor
    one of a deleted record, which a resident may still hold); an upgrade before this
    year's first number starts the year at 1."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    year = env.company._consultation_today().year
    Range = env["ir.sequence.date_range"]
    for xmlid, (model, letters) in SEQUENCES.items():
        sequence = env.ref(xmlid, raise_if_not_found=False)
        if not sequence or Range.search_count(
            [
                ("sequence_id", "=", sequence.id),
                ("date_from", "<=", f"{year}-12-31"),
                ("date_to", ">=", f"{year}-01-01"),
            ]
        ):
            continue
        numbered = (
            env[model]
            .with_context(active_test=False)
            .search_count([("code", "=like", f"{letters}{year}-%")], limit=1)
        )
        next_number = sequence.number_next_actual
        this_year = Range.create(
            {"sequence_id": sequence.id, "date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
        )
        if numbered:
            # Set once the range has its PostgreSQL sequence: create() starts it at 1.
            this_year.number_next_actual = next_number
