import {registry} from "@web/core/registry";

// A reviewer of the special committee finds the topic waiting for them in the
// activity menu, opens it and approves their tier from the review panel.
registry.category("web_tour.tours").add("consultation_approver_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the activity menu",
            trigger: ".o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "Open the topics waiting for me",
            trigger: ".o-mail-ActivityGroup[data-model_name='consultation.topic']",
            run: "click",
        },
        {
            content: "Open the topic to approve",
            trigger:
                ".o_data_row:contains('社区停车位紧张') td[name='name'], .o_kanban_record:contains('社区停车位紧张')",
            run: "click",
        },
        {
            content: "The review notice says it is my turn: approve my tier",
            trigger: ".o_form_view .alert-warning button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Once approved, the button is gone: the next tier has the topic",
            trigger: ".o_form_view:not(:has(button[name='validate_tier']))",
        },
    ],
});
