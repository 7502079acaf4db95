import re

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAppsPage(HttpCase):
    """What an administrator reads in Apps before installing: the module's description
    page (static/description/index.html), in Chinese with an English summary, and its
    screenshots, served by Odoo."""

    def test_apps_page_describes_the_addon(self):
        module = self.env["ir.module.module"].search([("name", "=", "consultation")])
        html = str(module.description_html)
        for text in (
            "有事好商量 · 协商议事",
            "角色",
            "召集人 / 秘书",
            "审批人",
            "议题看板",
            "会议日程",
            "打印的协商纪要",
            "统计分析",
            "English summary",
            "AGPL-3",
        ):
            self.assertIn(text, html)
        images = re.findall(r'src="([^"]+)"', html)
        self.assertEqual(
            sorted(images),
            sorted(
                f"/consultation/static/description/screenshot_{name}.png"
                for name in ("topics", "review", "calendar", "minutes", "statistics")
            ),
        )
        for image in images:
            response = self.url_open(image)
            self.assertEqual(response.status_code, 200, image)
            self.assertEqual(response.headers["Content-Type"], "image/png", image)
            # Small enough for the Apps page and the wheel.
            self.assertLess(len(response.content), 300_000, image)
