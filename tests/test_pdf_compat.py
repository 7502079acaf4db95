"""tools/pdf.py on every PDF library Odoo 18 may run on.

odoo.tools.pdf picks PyPDF2 2.x, pypdf or PyPDF2 1.26 (what Odoo's requirements install
on Python 3.10), whichever imports. This suite runs on one of them only, so each of the
others gets a virtual environment of its own (kept under ~/.cache, so that a machine
pays the installation once) where tools/pdf.py repairs and stamps a PDF made by
wkhtmltopdf and reads its pages back.

tools/pdf.py imports odoo; the full framework cannot be installed there, and a hand-made
PDF layer would test nothing. So the environment gets Odoo's own odoo/tools/pdf package,
copied from the Odoo that runs this test (its choice of library and its aliases run
unchanged) with its helper modules parse_version and arabic_reshaper, and a stub only
for what the PDF code does not touch: odoo._ (returns the text), odoo.exceptions.UserError
and odoo.tools.misc.file_open (used by functions tools/pdf.py does not call).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import odoo.tools.pdf
from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged

RADICALS = re.compile("[\u2e80-\u2fdf]")
TEXT = "青年人方向日月行走里弄口"
# Odoo's requirements on Python 3.10, the oldest and the newest pypdf, Ubuntu 24.04's;
# the suite itself runs on the PyPDF2 2.x of Python 3.11.
LIBRARIES = [
    ("PyPDF2==1.26.0", "odoo.tools.pdf._pypdf2_1"),
    ("pypdf==3.17.4", "odoo.tools.pdf._pypdf"),
    ("pypdf==4.0.1", "odoo.tools.pdf._pypdf"),
    ("pypdf==7.1.1", "odoo.tools.pdf._pypdf"),
]
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")

STUBS = {
    "odoo/__init__.py": "def _(source, *args, **kwargs):\n    return source\n",
    "odoo/exceptions.py": "class UserError(Exception):\n    pass\n",
    "odoo/tools/__init__.py": "",
    "odoo/tools/misc.py": "def file_open(*args, **kwargs):\n    raise NotImplementedError\n",
}

# Whether an environment has the pinned versions of its requirements.
PROBE = """
import importlib.metadata, sys
for requirement in sys.argv[1:]:
    name, _sep, version = requirement.partition("==")
    assert importlib.metadata.version(name) == (version or importlib.metadata.version(name))
"""

# Run inside the environment: tools/pdf.py loaded from its file, on the PDF given.
SCRIPT = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("consultation_pdf", sys.argv[1])
pdf_tools = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pdf_tools)
import odoo.tools.pdf
pdf = open(sys.argv[2], "rb").read()
repaired = pdf_tools.finish_pdf(pdf)
stamped = pdf_tools.finish_pdf(
    [pdf, pdf], left=[("SHA-256:", "0123abcd")] * 2, right=["第 1 页", "第 2 页"]
)
open(sys.argv[3], "wb").write(repaired)
open(sys.argv[4], "wb").write(stamped)
print(json.dumps({
    "library": odoo.tools.pdf.pypdf.__name__,
    "texts": pdf_tools.page_texts(pdf),
    "repaired_texts": pdf_tools.page_texts(repaired),
    "stamped_pages": pdf_tools.page_count(stamped),
    "stamped_texts": pdf_tools.page_texts(stamped),
}))
"""


def pdftotext(path):
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True
    ).stdout


@tagged("post_install", "-at_install")
class TestPdfCompat(BaseCase):
    def environment(self, name, requirements):
        """A virtual environment with `requirements`, made once and then reused. A
        failed installation fails the test: a skipped check would pass unnoticed."""
        path = CACHE / name
        python = path / "bin" / "python"
        if python.exists():
            found = subprocess.run([python, "-c", PROBE, *requirements], capture_output=True)
            if found.returncode == 0:
                return python
            shutil.rmtree(path)
        subprocess.run([sys.executable, "-m", "venv", path], check=True)
        installed = subprocess.run(
            [python, "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if installed.returncode:
            shutil.rmtree(path, ignore_errors=True)
            self.fail(f"pip could not install {requirements}:\n{installed.stderr}")
        return python

    def odoo_pdf_layer(self, root):
        """Odoo's own odoo/tools/pdf and its helpers, under stubs of the rest."""
        tools = Path(odoo.tools.pdf.__file__).parent.parent
        shutil.copytree(tools / "pdf", root / "odoo/tools/pdf")
        shutil.copytree(tools / "arabic_reshaper", root / "odoo/tools/arabic_reshaper")
        shutil.copy(tools / "parse_version.py", root / "odoo/tools/parse_version.py")
        for name, text in STUBS.items():
            (root / name).write_text(text)

    def run_tools_pdf(self, name, requirements, expected_library):
        python = self.environment(name, requirements)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            self.odoo_pdf_layer(root)
            html = root / "page.html"
            html.write_text(
                '<html><head><meta charset="utf-8"/></head>'
                f"<body style=\"font-family: 'Noto Serif CJK SC'\"><p>{TEXT}</p></body></html>"
            )
            source, repaired, stamped = root / "in.pdf", root / "repaired.pdf", root / "out.pdf"
            subprocess.run(["wkhtmltopdf", "-q", html, source], capture_output=True, check=True)
            # What the repair is for: Qt's map copies these characters as radicals.
            self.assertTrue(RADICALS.search(pdftotext(source)))
            module = Path(get_module_path("consultation")) / "tools" / "pdf.py"
            run = subprocess.run(
                [python, "-c", SCRIPT, module, source, repaired, stamped],
                capture_output=True,
                text=True,
                cwd=tmp,
                env={"PATH": os.environ["PATH"], "PYTHONPATH": tmp, "HOME": tmp},
                timeout=300,
            )
            self.assertEqual(run.returncode, 0, run.stderr)
            result = json.loads(run.stdout)
            self.assertEqual(result["library"], expected_library)
            self.assertEqual(result["texts"], [TEXT])
            self.assertEqual(result["repaired_texts"], [TEXT])
            self.assertEqual(result["stamped_pages"], 2)
            self.assertEqual(len(result["stamped_texts"]), 2)
            # What a reader copies out of the files written there.
            text = pdftotext(repaired)
            self.assertIn(TEXT[:9], text)
            self.assertFalse(RADICALS.findall(text), text)
            text = pdftotext(stamped)
            self.assertEqual(text.count(TEXT[:9]), 2, text)
            self.assertFalse(RADICALS.findall(text), text)
            # pdftotext drops the spaces between Chinese characters.
            for footer in ("SHA-256: 0123abcd", "第1页", "第2页"):
                self.assertIn(footer, text.replace(" 页", "页").replace("第 ", "第"))

    def test_on_every_library_odoo_may_pick(self):
        for requirement, shim in LIBRARIES:
            with self.subTest(requirement):
                name = "consultation-" + re.sub(r"\W+", "-", requirement.lower())
                self.run_tools_pdf(name, [requirement, "reportlab"], shim)
