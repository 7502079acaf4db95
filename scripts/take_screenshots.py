"""Take the Apps page's screenshots (static/description/*.png) from a running demo.

Usage, with a demo database served (./run.sh, or odoo -d DB ... --http-port PORT):
    python3 scripts/take_screenshots.py --url http://localhost:8069 --db consultation_demo \
        --approver-topic 14 --minutes 1

Logs in as the demo users (password = login), opens each screen in headless Chromium
through its DevTools protocol (websocket-client, requirements-dev.txt) and saves a PNG;
the printed minutes are the report's PDF, first page, rendered by pdftoppm. The PNGs
are reduced to a 256-colour palette (Pillow, one of Odoo's requirements).
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websocket
from PIL import Image

OUT = Path(__file__).resolve().parent.parent / "static" / "description"
WIDTH, HEIGHT = 1280, 760


def login(url, db, user):
    """The session id of `user` (demo password = login)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps(
        {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}}
    ).encode()
    request = urllib.request.Request(
        url + "/web/session/authenticate", body, {"Content-Type": "application/json"}
    )
    answer = json.loads(opener.open(request, timeout=60).read())
    if answer.get("error"):
        raise SystemExit("{} cannot log in: {}".format(user, answer["error"]))
    return next(c.value for c in jar if c.name == "session_id"), opener


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="consultation-shots-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + self.profile,
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        tabs = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json").read())
        page = next(t for t in tabs if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.call("Network.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def shoot(self, url, session, path, wait=6):
        host = url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        self.call("Page.navigate", url=url)
        time.sleep(wait)
        # A freshly started server's bus may announce that the page is outdated: not
        # part of the screen being shown.
        self.call(
            "Runtime.evaluate",
            expression="document.querySelectorAll('.o_notification').forEach(e => e.remove())",
        )
        time.sleep(0.5)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def shrink(path):
    """A 256-colour palette: a screen of text and flat colours stays legible."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="consultation_demo")
    parser.add_argument(
        "--approver-topic", type=int, required=True, help="id of a topic awaiting the approver"
    )
    parser.add_argument(
        "--minutes", type=int, required=True, help="id of a minutes revision to print"
    )
    args = parser.parse_args()
    url = args.url.rstrip("/")
    sessions = {user: login(url, args.db, user) for user in ("secretary", "approver", "manager")}
    shots = [
        (
            "secretary",
            "/odoo/action-consultation.consultation_topic_action",
            "screenshot_topics.png",
        ),
        (
            "approver",
            f"/odoo/action-consultation.consultation_topic_action/{args.approver_topic}",
            "screenshot_review.png",
        ),
        (
            "secretary",
            "/odoo/action-consultation.consultation_meeting_action?view_type=calendar",
            "screenshot_calendar.png",
        ),
        (
            "manager",
            "/odoo/action-consultation.consultation_topic_report_action_open",
            "screenshot_statistics.png",
        ),
    ]
    browser = Browser()
    try:
        for user, path, name in shots:
            browser.shoot(url + path, sessions[user][0], OUT / name)
            shrink(OUT / name)
    finally:
        browser.close()
    # The printed minutes: the PDF as the CPPCC office downloads it, first page.
    opener = sessions["manager"][1]
    pdf = opener.open(
        url + f"/report/pdf/consultation.report_minutes_revision/{args.minutes}", timeout=300
    ).read()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "minutes.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                os.path.join(tmp, "minutes.pdf"),
                str(OUT / "screenshot_minutes"),
            ],
            check=True,
        )
    shrink(OUT / "screenshot_minutes.png")


if __name__ == "__main__":
    main()
