from odoo.tools.sql import table_exists


def migrate(cr, version):
    """Streets (街道) are told from towns (镇): a room of the former level "town / street"
    whose name says 街道 becomes a street, and its quota, where it kept the former
    default of two meetings a year, becomes the four the documents ask of a street. The
    years' rows follow their room's level (a stored copy); their figures are computed
    again after the upgrade, closed years excepted."""
    cr.execute(
        """
        UPDATE consultation_room
           SET level = 'street',
               required_meetings_per_year = CASE
                   WHEN required_meetings_per_year = 2 THEN 4
                   ELSE required_meetings_per_year
               END
         WHERE level = 'town' AND name LIKE '%%街道%%'
        """
    )
    if not table_exists(cr, "consultation_room_year"):
        return  # a database of 18.0.1.0.0: the years' rows come with this update
    cr.execute(
        """
        UPDATE consultation_room_year y
           SET level = r.level
          FROM consultation_room r
         WHERE r.id = y.room_id AND y.level IS DISTINCT FROM r.level
        """
    )
