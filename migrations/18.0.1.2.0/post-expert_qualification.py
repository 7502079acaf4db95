# 律师 and 注册会计师 are licences to practise (职业资格), not professional titles
# (职称): experts recorded with one as their title get it as their qualification.
QUALIFICATIONS = ("律师", "注册会计师", "注册税务师", "注册建筑师", "执业医师", "社会工作者")


def migrate(cr, version):
    cr.execute(
        """
        UPDATE consultation_expert
           SET qualification = title, title = NULL
         WHERE title = ANY(%s) AND qualification IS NULL
        """,
        [list(QUALIFICATIONS)],
    )
