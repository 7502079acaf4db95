import {registry} from "@web/core/registry";
import {browser} from "@web/core/browser/browser";

// The meeting screen (/consultation/meeting/<id>/screen): it draws the state the
// server sends on the meeting's bus channel, and counts the speaker's time down
// between two messages. It stores nothing: a screen that reconnects gets the
// messages it missed from the bus (the worker resubscribes from its last id) and
// reads the whole state once more.
const NOTIFICATION = "consultation.meeting/screen";

function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

function clock(seconds) {
    const sign = seconds < 0 ? "-" : "";
    const abs = Math.abs(seconds);
    return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
}

export class MeetingScreen {
    constructor(root, config) {
        this.root = root;
        this.config = config;
        // The server's clock less this screen's, from the state the page came with.
        this.offset = config.state.sent_at - Date.now();
        this.part = (name) => root.querySelector(`[data-part='${name}']`);
    }

    /** A bus message: the whole state, applied in place. */
    apply(state) {
        // The bus replays recent messages to a screen that (re)connects: a state older
        // than the one shown is not applied.
        if (this.state && state.sent_at < this.state.sent_at) {
            return;
        }
        this.state = state;
        this.root.dataset.applied = String(Number(this.root.dataset.applied || 0) + 1);
        this.render();
    }

    async catchUp() {
        const response = await browser.fetch(this.config.stateUrl, {
            credentials: "same-origin",
        });
        if (response.ok) {
            const {state} = await response.json();
            this.apply(state);
        }
    }

    render() {
        const state = this.state;
        this.part("title").textContent = state.title;
        this.part("room").textContent = state.room;
        this.part("time").textContent = state.time;
        this.part("expected").textContent = state.expected;
        this.part("present").textContent = state.present;
        this.root.dataset.status = state.ended
            ? "ended"
            : state.started
              ? "live"
              : "waiting";

        const agenda = this.part("agenda");
        agenda.replaceChildren(
            ...state.agenda.map((topic) => {
                const item = el("li", topic.current ? "o_current" : "", topic.name);
                item.dataset.topicId = topic.id;
                return item;
            })
        );

        const topic = state.topic || {name: "", background: "", findings: []};
        this.part("topic").textContent = topic.name;
        this.part("background").textContent = topic.background;
        this.part("findings").replaceChildren(
            ...topic.findings.map((f) => el("li", "", f))
        );

        this.part("speaker").textContent = state.speaker ? state.speaker.name : "—";
        this.part("queue").replaceChildren(
            ...state.queue.map((name) => el("li", "", name))
        );
        this.part("opinions").replaceChildren(
            ...state.opinions.map((opinion) => {
                const item = el("li");
                item.append(
                    el("strong", "", opinion.author),
                    el("span", "o_channel", opinion.channel),
                    el("p", "", opinion.content)
                );
                return item;
            })
        );

        const vote = state.vote;
        this.part("vote").classList.toggle("d-none", !vote);
        if (vote) {
            this.part("vote_for").textContent = vote.for;
            this.part("vote_against").textContent = vote.against;
            this.part("vote_abstain").textContent = vote.abstain;
            this.part("vote").dataset.open = vote.open ? "1" : "0";
            this.part("vote_round").textContent = vote.round;
        }
        this.tick();
    }

    /** The countdown: the seconds left when the server made the state, less the time
     * since then on the server's clock (a message delivered late counts right). */
    tick() {
        const speaker = this.state && this.state.speaker;
        const countdown = this.part("countdown");
        if (!speaker) {
            countdown.textContent = "";
            countdown.dataset.level = "";
            return;
        }
        const spent = speaker.running
            ? Math.max(
                  0,
                  Math.floor((Date.now() + this.offset - this.state.sent_at) / 1000)
              )
            : 0;
        const remaining = speaker.remaining - spent;
        countdown.textContent = clock(remaining);
        countdown.dataset.level =
            remaining <= 0 ? "over" : remaining <= 30 ? "last" : "ok";
    }
}

export const meetingScreenService = {
    dependencies: ["bus_service"],
    start(env, {bus_service}) {
        const root = document.querySelector(".o_consultation_screen");
        if (!root) {
            return;
        }
        const config = JSON.parse(root.dataset.config);
        const screen = new MeetingScreen(root, config);
        screen.apply(config.state);
        bus_service.subscribe(NOTIFICATION, (state) => {
            if (state.id === config.state.id) {
                screen.apply(state);
            }
        });
        bus_service.addEventListener("connect", () => (root.dataset.connected = "1"));
        bus_service.addEventListener(
            "disconnect",
            () => (root.dataset.connected = "0")
        );
        bus_service.addEventListener("reconnect", () => {
            root.dataset.connected = "1";
            screen.catchUp();
        });
        bus_service.addChannel(config.channel);
        browser.setInterval(() => screen.tick(), 250);
    },
};

registry.category("services").add("consultation_meeting_screen", meetingScreenService);
