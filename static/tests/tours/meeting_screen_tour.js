import {registry} from "@web/core/registry";

// The meeting screen follows the meeting over the bus: the secretary moves to the next
// topic from the control page (in the background, as from their phone) and the open
// screen highlights it without reloading.
registry.category("web_tour.tours").add("consultation_meeting_screen_tour", {
    steps: () => [
        {
            content: "The screen opens on the first topic",
            trigger:
                ".o_consultation_screen ol[data-part='agenda'] li:first-child.o_current",
            run: async () => {
                // Gone if the page reloads.
                window.consultationScreenKept = true;
                const root = document.querySelector(".o_consultation_screen");
                const meetingId = JSON.parse(root.dataset.config).state.id;
                const control = `/consultation/meeting/${meetingId}/control`;
                const page = await (await fetch(control)).text();
                const csrf = page.match(/csrf_token: "([^"]+)"/)[1];
                const body = new FormData();
                body.append("csrf_token", csrf);
                await fetch(`${control}/next_topic`, {method: "POST", body});
            },
        },
        {
            content: "The bus message highlights the next topic, without a reload",
            trigger:
                ".o_consultation_screen ol[data-part='agenda'] li:nth-child(2).o_current",
            run: () => {
                if (!window.consultationScreenKept) {
                    throw new Error(
                        "The screen reloaded instead of applying the message."
                    );
                }
            },
        },
    ],
});
