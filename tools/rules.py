"""Domains that record rules ask, in the shape PostgreSQL answers by index."""

from odoo.tools import SQL


def id_among(query):
    """`[('id', '=', ANY(ARRAY(<query>)))]`: the ids `query` (an Odoo Query or SQL
    selecting one column) returns, computed once. Several rules of one user are ORed;
    `id IN (SELECT …)` under an OR stays a subplan checked row by row over the whole
    table (and past any join the list needs), while `id = ANY(ARRAY(…))` is an index
    condition: the branches are found by index and ORed (BitmapOr)."""
    # The column named: a Query of known ids would otherwise give a tuple of them.
    if hasattr(query, "subselect"):
        query = query.subselect(SQL.identifier(query.table, "id"))
    return [("id", "=", SQL("ANY(ARRAY(%s))", query))]
