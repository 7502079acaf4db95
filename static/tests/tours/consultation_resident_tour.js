import {registry} from "@web/core/registry";

// A resident on a phone reads the notice board, gives an opinion on a topic and
// suggests a new one.
registry.category("web_tour.tours").add("consultation_resident_tour", {
    url: "/consultation",
    steps: () => [
        {
            content: "Open the topic on public notice",
            trigger: "a.o_consultation_topic:contains('社区广场夜间照明')",
            run: "click",
        },
        {
            trigger: "textarea[name='content']",
            run: "edit 建议在广场加装太阳能路灯",
        },
        {
            trigger: "input[name='contact_name']",
            run: "edit 居民小陈",
        },
        {
            content: "Send the opinion",
            trigger: ".o_consultation_opinion_form button[type='submit']",
            run: "click",
        },
        {
            trigger: ".o_consultation_thanks",
        },
        {
            content: "Suggest a topic",
            trigger: "a[href='/consultation/suggest']",
            run: "click",
        },
        {
            trigger: "input[name='name']",
            run: "edit 健身器材损坏",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit 小区健身器材多处损坏,老人孩子使用有危险。",
        },
        {
            trigger: ".o_consultation_suggest_form input[name='contact_name']",
            run: "edit 居民小陈",
        },
        {
            trigger: ".o_consultation_suggest_form button[type='submit']",
            run: "click",
        },
        {
            content: "The receipt number is shown",
            trigger: ".o_consultation_receipt_code:contains('YT')",
        },
    ],
});
