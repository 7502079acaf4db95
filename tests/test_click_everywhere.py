"""Odoo's own crawler over the app: every menu, view switch and filter, as each role."""

from odoo.tests import HttpCase, tagged

START = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('consultation.menu_consultation_root');"
)


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    """`web`'s click-everywhere (as `web/tests/test_click_everywhere.py` runs it) on the
    demo, logged in as the demo user of each role: any client error (a domain the web
    client cannot evaluate, a view that does not load, an access error) fails it."""

    allow_end_on_form = True

    def _crawl(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"the demo has no user {login}")
        if "tour_enabled" in user._fields:
            user.tour_enabled = False
        self.browser_js(
            "/odoo",
            START,
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )

    def test_as_the_office(self):
        self._crawl("manager")

    def test_as_a_secretary(self):
        self._crawl("secretary")

    def test_as_an_approver(self):
        self._crawl("approver")

    def test_as_a_member(self):
        self._crawl("member")

    def test_as_a_viewer(self):
        # Reads the rooms and the analysis (its menus compute the figures first).
        self._crawl("viewer")
