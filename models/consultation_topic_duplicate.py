"""Duplicate topics: a title like one already proposed in the same room."""

from datetime import timedelta

from odoo import models
from odoo.tools import SQL

# pg_trgm's own default threshold of similarity (pg_trgm.similarity_threshold).
DUPLICATE_SIMILARITY = 0.3


class ConsultationTopic(models.Model):
    """Screening shows the topics of the same room whose title is similar, open or done
    in the last two years. PostgreSQL compares the titles with pg_trgm, which Odoo
    creates in every database it makes (and indexes the title with, index="trigram");
    only where the server lacks the extension does Python compare them, the same way."""

    _inherit = "consultation.topic"

    def _find_duplicates(self, limit=5):
        self.ensure_one()
        since = self.env.company._consultation_today() - timedelta(days=730)
        domain = [
            ("id", "!=", self.id or 0),
            ("room_id", "=", self.room_id.id),
            ("state", "not in", ("rejected", "cancelled")),
            ("date_proposed", ">=", since),
        ]
        candidates = self.search(domain)
        if not candidates or not self.name:
            return candidates.browse()
        if self.env.registry.has_trigram:
            self.flush_model(["name"])
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT id FROM consultation_topic
                     WHERE id = ANY(%(ids)s) AND similarity(name, %(name)s) >= %(threshold)s
                  ORDER BY similarity(name, %(name)s) DESC, id DESC
                     LIMIT %(limit)s
                    """,
                    ids=candidates.ids,
                    name=self.name,
                    threshold=DUPLICATE_SIMILARITY,
                    limit=limit,
                )
            )
            return self.browse([row[0] for row in rows])
        scored = [(_similarity(self.name, other.name), other) for other in candidates]
        scored = [item for item in scored if item[0] >= DUPLICATE_SIMILARITY]
        scored.sort(key=lambda item: (item[0], item[1].id), reverse=True)
        return self.browse([other.id for _score, other in scored[:limit]])


def _similarity(left, right):
    """Trigram similarity as pg_trgm computes it (words padded with two spaces in
    front and one behind), for a PostgreSQL without the extension."""

    def trigrams(text):
        grams = set()
        for word in "".join(c if c.isalnum() else " " for c in text.lower()).split():
            padded = f"  {word} "
            grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
        return grams

    a, b = trigrams(left or ""), trigrams(right or "")
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
