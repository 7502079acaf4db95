import re
import subprocess
import tempfile

from odoo.addons.consultation.models.consultation_case import chinese_number
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_meeting import pdf_text
from .test_outcome import OutcomeCase


class CaseCase(OutcomeCase):
    def finished_topic(self, name="加装电梯"):
        meeting, topic = self.held_topic(name)
        meeting.write({"consensus": "<p>同意分两期加装电梯</p>"})
        topic.write({"description": "<p>6栋老楼没有电梯,老人上下楼难。</p>"})
        outcome = self.create_outcome(meeting, topic)
        outcome.action_submit()
        outcome.action_accept()
        self.report(outcome, 100, "电梯投入使用")
        outcome.write({"public_feedback": "两部电梯已投入使用。", "satisfaction": 95})
        outcome.action_done()
        return topic

    def make_cases(self, count, prefix):
        tag = self.env["consultation.case.tag"].create({"name": f"{prefix}民生"})
        return self.env["consultation.case"].create(
            [
                {
                    # Chinese numerals: the PDF keeps CJK text readable, not Latin digits.
                    "name": f"{prefix}案例{chinese_number(i + 1)}",
                    "room_id": self.community_a1.id,
                    "year": 2026,
                    "background": "<p>背景</p>",
                    "process": "<p>过程</p>",
                    "result": "<p>成效</p>",
                    "tag_ids": [(6, 0, tag.ids)],
                }
                for i in range(count)
            ]
        )


@tagged("post_install", "-at_install")
class TestCase(CaseCase):
    def test_a_finished_topic_becomes_a_case(self):
        topic = self.finished_topic()
        action = topic.with_user(self.user_secretary).action_create_case()
        case = self.env["consultation.case"].browse(action["res_id"])
        self.assertEqual(case.topic_id, topic)
        self.assertEqual(case.room_id, self.community_a1)
        self.assertIn("老人上下楼难", case.background)
        self.assertIn("同意分两期加装电梯", case.process)
        self.assertIn("两部电梯已投入使用", case.result)
        self.assertEqual(case.outcome_ids, topic.outcome_ids)
        case.with_user(self.user_secretary).action_publish()
        self.assertEqual(case.state, "published")

    def test_only_finished_topics_and_complete_cases(self):
        _meeting, topic = self.held_topic()
        with self.assertRaisesRegex(
            UserError, "is Deliberated. Only a completed topic can be written up as a case."
        ):
            topic.action_create_case()
        case = self.env["consultation.case"].create(
            {"name": "未写完的案例", "room_id": self.community_a1.id, "background": "<p>x</p>"}
        )
        with self.assertRaisesRegex(UserError, "results"):
            case.action_publish()

    def test_drafts_stay_in_their_room_published_cases_are_shared(self):
        case = self.make_cases(1, "室内")
        with self.assertRaises(AccessError):
            case.with_user(self.user_viewer).read(["name"])
        case.action_publish()
        self.assertTrue(case.with_user(self.user_viewer).read(["name"]))

    def test_booklet_has_cover_contents_and_chapters_in_constant_queries(self):
        Report = self.env["ir.actions.report"]

        def render(cases):
            return lambda: Report._render_qweb_html("consultation.report_case_booklet", cases.ids)

        few, many = self.make_cases(4, "少"), self.make_cases(40, "多")
        html = render(few)()[0].decode()
        for text in ("典型案例汇编", "目录", "第一篇", "第四篇", "少案例四"):
            self.assertIn(text, html)
        render(many)()
        counts = []
        for cases in (few, many):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            render(cases)()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertIn("第四十篇", render(many)()[0].decode())


@tagged("post_install", "-at_install")
class TestCaseBookletPdf(HttpCase, CaseCase):
    """The PDF is assembled: wkhtmltopdf fetches style sheets from this test server."""

    def test_contents_point_at_the_chapters(self):
        made = self.make_cases(3, "印")
        made[1].write({"process": "<p>" + "反复征求意见。" * 400 + "</p>"})
        # With the demo data, its published cases are printed too.
        published = self.env["consultation.case"].search([("state", "=", "published")])
        cases = (published | made).sorted(lambda c: (c.year, c.sequence, c.id))
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("consultation.action_report_case_booklet", cases.ids)
        )
        self.assertEqual(kind, "pdf")
        start = assert_contents_point_at_chapters(self, pdf, cases)
        # The long chapter pushes the next one further than the next page.
        following = cases[list(cases).index(made[1]) + 1]
        self.assertGreater(start[following] - start[made[1]], 1, start)


def assert_contents_point_at_chapters(test, pdf, cases):
    """The booklet of `cases` as a reader checks it: the cover first, then the
    contents, where each case's line ends with the page its chapter starts on (its
    number right-aligned with the others'), and that page opens the chapter (第N篇,
    the case's name). Returns each case's first page."""
    pages = [pdf_text(page) for page in _split_pages(pdf)]
    test.assertIn("典型案例汇编", pages[0])
    test.assertIn("目录", pages[1], pages[1])
    # Punctuation may print in a Latin font whose text is not kept: compare the
    # Chinese characters, and the digits of the page numbers; the text layer keeps
    # each number after its line's name. The page number ("— 2 —") closes each page's
    # text: cut it off.
    flat = "".join(
        re.sub(r"[^\u4e00-\u9fff0-9]", "", re.split(r"—\s*\d+\s*—", page)[0]) for page in pages[1:]
    )
    start, position = {}, 0
    for index, case in enumerate(cases, start=1):
        name = _cjk(case.name)
        found = re.compile(name + r"[\u4e00-\u9fff]*?(\d+)").search(flat, position)
        test.assertTrue(found, f"{name} not in the contents: {flat[:2000]}")
        position = found.end()
        start[case] = int(found.group(1))
        test.assertLessEqual(start[case], len(pages), f"{flat[:2000]} / {len(pages)} pages")
        test.assertIn(f"第{chinese_number(index)}篇", pages[start[case] - 1])
        test.assertIn(name, _cjk(pages[start[case] - 1]))
    test.assertEqual(list(start.values()), sorted(start.values()))
    # The contents are the pages between the cover and the first chapter; their
    # numbers (above the footer) end their lines at one right edge.
    right_edges = [
        x1
        for _width, height, words in word_boxes(pdf)[1 : min(start.values()) - 1]
        for _x0, y0, x1, word in words
        if word.isdigit() and y0 < height * 0.85
    ]
    test.assertEqual(len(right_edges), len(cases))
    test.assertLess(max(right_edges) - min(right_edges), 0.5, right_edges)
    return start


def word_boxes(pdf):
    """Per page, (width, height, its words as (left, top, right, text)), from
    pdftotext's word boxes."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        boxes = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    )
    page = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
    return [
        (
            float(width),
            float(height),
            [(float(x0), float(y0), float(x1), text) for x0, y0, x1, text in word.findall(words)],
        )
        for width, height, words in page.findall(boxes)
    ]


def _cjk(text):
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def _split_pages(pdf):
    import io

    from odoo.tools.pdf import PdfFileReader, PdfFileWriter

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    for page in reader.pages:
        writer = PdfFileWriter()
        writer.addPage(page)
        out = io.BytesIO()
        writer.write(out)
        yield out.getvalue()
