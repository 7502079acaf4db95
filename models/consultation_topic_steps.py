"""Where a topic stands in the "369" method every office knows: six steps and nine
links over the finer states of its life cycle (the kanban columns and the statistics
by step read them)."""

from odoo import api, fields, models

STEP_OF_STATE = {
    "draft": "collection",  # 议题提出
    "submitted": "collection",
    "screened": "screening",  # 议题审查
    "approved": "screening",  # 议题确定
    "published": "publication",  # 信息发布、意见收集
    "researching": "preparation",  # 意见整理
    "ready": "preparation",
    "deliberated": "deliberation",  # 协商讨论、达成共识
    "implementing": "feedback",  # 结果落实
    "done": "feedback",
}

# The nine links of the "369" method, in order: where a topic stands is read from its
# state, refined by what it has gathered (opinions while on notice, outcomes once
# deliberated).
LINK_OF_STATE = {
    "draft": "proposal",  # 议题提出
    "submitted": "proposal",
    "screened": "review",  # 议题审查
    "approved": "confirmation",  # 议题确定
    "published": "publication",  # 信息发布 (意见收集 once opinions come in)
    "researching": "sorting",  # 意见整理
    "ready": "sorting",
    "deliberated": "discussion",  # 协商讨论 (达成共识 once outcomes are agreed)
    "implementing": "implementation",  # 结果落实
    "done": "implementation",
}


class ConsultationTopic(models.Model):
    _inherit = "consultation.topic"

    # The six steps of the "369" method every office knows, over the finer states.
    step = fields.Selection(
        [
            ("collection", "Collecting Topics"),
            ("screening", "Screening Topics"),
            ("publication", "Announcing Topics"),
            ("preparation", "Preparing Consultation"),
            ("deliberation", "Consulting"),
            ("feedback", "Feeding Back Results"),
        ],
        string="369 Step",
        compute="_compute_step",
        store=True,
        index=True,
        group_expand="_expand_steps",
        help="The step of the 369 method the topic is in; rejected and cancelled topics"
        " are in none.",
    )

    # The nine links of the "369" method, finer than the six steps.
    link = fields.Selection(
        [
            ("proposal", "Topic Proposal"),
            ("review", "Topic Review"),
            ("confirmation", "Topic Confirmation"),
            ("publication", "Information Release"),
            ("collection", "Opinion Collection"),
            ("sorting", "Opinion Sorting"),
            ("discussion", "Consultation and Discussion"),
            ("consensus", "Consensus Reached"),
            ("implementation", "Implementation of Results"),
        ],
        string="369 Link",
        compute="_compute_link",
        store=True,
        index=True,
        group_expand="_expand_links",
        help="The link of the 369 method the topic has reached: from its status, with"
        " opinion collection once opinions come in during the notice and consensus once"
        " outcomes of its deliberation are recorded. Rejected and cancelled topics are in"
        " none.",
    )

    @api.depends("state")
    def _compute_step(self):
        for topic in self:
            topic.step = STEP_OF_STATE.get(topic.state, False)

    @api.model
    def _expand_steps(self, steps, domain):
        return [key for key, _label in self._fields["step"].selection]

    @api.depends("state", "opinion_ids", "outcome_ids.state")
    def _compute_link(self):
        for topic in self:
            link = LINK_OF_STATE.get(topic.state, False)
            if link == "publication" and topic.opinion_ids:
                link = "collection"
            elif link == "discussion" and topic.outcome_ids.filtered(
                lambda o: o.state != "rejected"
            ):
                link = "consensus"
            topic.link = link

    @api.model
    def _expand_links(self, links, domain):
        return [key for key, _label in self._fields["link"].selection]
