import {registry} from "@web/core/registry";

// A secretary turns a consultation event of the calendar into its meeting, puts the
// ready topic on the agenda, schedules it, records it as held, writes the consensus
// and sends the minutes for approval.
registry.category("web_tour.tours").add("consultation_meeting_secretary_tour", {
    steps: () => [
        {
            content: "The consultation event offers its meeting",
            trigger: ".o_form_view button[name='action_create_consultation_meeting']",
            run: "click",
        },
        {
            content: "Choose the room",
            trigger: ".o_form_view .o_field_widget[name='room_id'] input",
            run: "edit 朝阳",
        },
        {
            trigger:
                ".o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) a:contains('朝阳社区')",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='room_id']:not(:has(.o-autocomplete--dropdown-menu))",
        },
        {
            content: "Add the ready topic to the agenda",
            trigger: ".o_field_widget[name='topic_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".modal .o_data_row:contains('车棚改造') .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".modal .o_select_button",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='topic_ids'] .o_data_row:contains('车棚改造')",
        },
        {
            content: "Schedule and invite",
            trigger: ".o_form_view button[name='action_schedule']",
            run: "click",
        },
        {
            content: "Record the meeting as held",
            trigger: ".o_form_view button[name='action_hold']",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status button[data-value='held'].o_arrow_button_current",
        },
        {
            content: "Open the deliberation record",
            trigger: ".o_notebook .nav-link[name='deliberation']",
            run: "click",
        },
        {
            content: "Write the consensus",
            trigger: ".o_field_widget[name='consensus'] .odoo-editor-editable",
            run: "editor 同意拆除旧车棚,新建带充电设施的非机动车棚。",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Send the minutes for approval",
            trigger:
                ".o_form_view:not(:has(.o_form_button_save:visible)) button[name='action_submit_minutes']",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status button[data-value='minutes_review'].o_arrow_button_current",
        },
    ],
});

// The CPPCC office approves the minutes in the review notice; they can then be closed.
registry.category("web_tour.tours").add("consultation_minutes_approver_tour", {
    steps: () => [
        {
            content: "Approve the minutes",
            trigger: ".o_form_view .alert-warning button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Approved: the minutes can be closed",
            trigger: ".o_form_view button[name='action_close']",
        },
    ],
});
