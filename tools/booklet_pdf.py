"""The case booklet's PDF: where its chapters start, and its contents' page numbers
written on the marks the contents leave for them, in the one pass that finishes it
(models.consultation_case renders it in one wkhtmltopdf run; tools.pdf finishes
its pages)."""

import io
import re
import warnings

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from odoo.tools.pdf import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfFileReader,
)

from .pdf import (
    _content_data,
    _fonts,
    _page_font_maps,
    _resolve,
    _set_data,
    _stamp_font,
    drawn_text,
    finish_pages,
    plain_text,
)

# ----------------------------------------------------------------------
# The contents' page numbers. The cover and contents are rendered with the chapters,
# before them (report_case_booklet_front, each page-number cell holding a mark: a 1 px
# square of a colour nothing else uses); once the chapters' first pages are found,
# each number is written in place of its mark, in the line's size, right-aligned
# where the mark was.
# ----------------------------------------------------------------------
PAGE_MARK_RGB = (1.0, 254 / 255, 253 / 255)  # rgb(255, 254, 253): .o_cs_page_mark
STAMP_NAME = "/CsPageNo"
_TOKENS = re.compile(
    rb"(-?\d*\.?\d+)|(/[^\s/\[\]<>()]+|<[0-9A-Fa-f]*>|\[[^\]]*\]|\([^)]*\))|([A-Za-z'\"*]+)"
)


def _multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _inverse(m):
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _marks_and_lines(data):
    """The page marks of a page's drawing, as (byte span of the mark's drawing, its
    transformation, right edge x, middle y), and its text as (baseline y, font size),
    in device space. Reads the operators wkhtmltopdf writes (q Q cm, BT Tf Tm Td Tj,
    scn, re f)."""
    ctm, stack = (1, 0, 0, 1, 0, 0), []
    operands, start = [], None
    text_matrix = line_matrix = (1, 0, 0, 1, 0, 0)
    size, marked, rect = 0.0, False, None
    marks, lines = [], []
    for token in _TOKENS.finditer(data):
        number, other, operator = token.groups()
        if operator is None:
            if start is None:
                start = token.start()
            operands.append(float(number) if number is not None else other)
            continue
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop() if stack else ctm
        elif operator == b"cm" and len(operands) >= 6:
            ctm = _multiply(tuple(operands[-6:]), ctm)
        elif operator in (b"scn", b"sc", b"rg"):
            colour = operands[-3:]
            marked = len(colour) == 3 and all(
                isinstance(value, float) and abs(value - mark) < 0.002
                for value, mark in zip(colour, PAGE_MARK_RGB, strict=True)
            )
        elif operator in (b"g", b"k"):
            marked = False
        elif operator == b"re" and len(operands) >= 4:
            rect = (start, tuple(operands[-4:]))
        elif operator == b"f" and marked and rect:
            begin, (x, y, width, height) = rect
            right, middle = _apply(ctm, x + width, y + height / 2)
            marks.append(((begin, token.end()), ctm, right, middle))
            rect = None
        elif operator == b"BT":
            text_matrix = line_matrix = (1, 0, 0, 1, 0, 0)
        elif operator == b"Tf" and operands:
            size = operands[-1]
        elif operator == b"Tm" and len(operands) >= 6:
            text_matrix = line_matrix = tuple(operands[-6:])
        elif operator == b"Td" and len(operands) >= 2:
            line_matrix = _multiply((1, 0, 0, 1, operands[-2], operands[-1]), line_matrix)
            text_matrix = line_matrix
        elif operator in (b"Tj", b"TJ"):
            device = _multiply(text_matrix, ctm)
            lines.append((device[5], abs(size * device[3])))
        operands, start = [], None
    return marks, lines


def _apply(m, x, y):
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def _digits_font():
    """The stamp's TrueType face, subset to the ten digits: its font object and the
    code of each digit."""
    name = _stamp_font()
    digits = "0123456789"
    packet = io.BytesIO()
    sheet = canvas.Canvas(packet)
    sheet.setFont(name, 10)
    sheet.drawString(0, 0, digits)
    ((_subset, codes),) = pdfmetrics.getFont(name).splitString(digits, sheet._doc)
    sheet.showPage()
    sheet.save()
    # The subset is named /F<n>+<subset>; the canvas's default Helvetica sits beside it.
    fonts = _fonts(PdfFileReader(packet, strict=False).pages[0])
    font = next(font for key, font in fonts.items() if "+" in key)
    return name, font, dict(zip(digits, codes, strict=True))


def finish_booklet(pdf, markers):
    """The booklet as wkhtmltopdf made it in one run (cover and contents, then the
    chapters) finished in one pass over its pages: the chapters' first pages found by
    their markers (第N篇, one per chapter, in order), their numbers written on the
    contents' marks, the text layer repaired and the page numbers stamped (the cover
    bears none, the contents `— 2 —`: GB/T 9704). Returns the finished PDF."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pages = list(PdfFileReader(io.BytesIO(pdf), strict=False).pages)
        # The front is the cover and the contents: the pages up to the one carrying
        # the last chapter's mark (each mark is found on the page's drawing).
        front, found, maps = [], 0, {}
        while found < len(markers) and len(front) < len(pages):
            page = pages[len(front)]
            data = _content_data(page)
            if front:
                # A mark missed (it should not happen) must not swallow the chapters:
                # the first chapter's page ends the front all the same.
                page_maps, _complete = _page_font_maps(page, maps)
                opening = _opening_text(data, page_maps, len(markers[0]) + 8)
                if opening.startswith(markers[0]):
                    break
            marks, lines = _marks_and_lines(data)
            front.append((data, marks, lines))
            found += len(marks)
        if not markers:
            front = [(b"", [], [])]  # the cover alone
        starts = chapter_start_pages(pages[len(front) :], markers)
        stamp_contents_numbers(pages, front, [len(front) + start for start in starts])
        # The cover bears no number (GB/T 9704 page numbers, `— 2 —` on the contents).
        return finish_pages(pages, numbers=[None, *range(2, len(pages) + 1)])


def stamp_contents_numbers(pages, front, numbers):
    """Write `numbers` (one per contents line, in order) where the page marks of the
    cover and contents are (`front`: their drawing, marks and lines, see
    _marks_and_lines), on the pages themselves. Each number sits on its line's
    baseline, in its size, right-aligned on the mark, in the text layer in the line's
    reading order (it replaces the mark's drawing)."""
    name, font, codes = _digits_font()
    remaining = [str(number) for number in numbers]
    for page, (data, marks, lines) in zip(pages, front, strict=False):
        if not marks:
            continue
        pieces, last = [], 0
        for (begin, end), ctm, right, middle in marks:
            text = remaining.pop(0) if remaining else ""
            baseline, size = min(
                lines or [(middle, 10.0)], key=lambda line, y=middle: abs(line[0] - y)
            )
            width = pdfmetrics.stringWidth(text, name, size)
            matrix = _multiply((size, 0, 0, size, right - width, baseline), _inverse(ctm))
            hexa = bytes(codes[char] for char in text).hex()
            pieces += [
                data[last:begin],
                b"BT 0 0 0 rg %s 1 Tf %s Tm <%s> Tj ET"
                % (
                    STAMP_NAME.encode(),
                    " ".join(f"{value:.6f}" for value in matrix).encode(),
                    hexa.encode(),
                ),
            ]
            last = end
        pieces.append(data[last:])
        # A new stream in place of the page's own: finish_pages writes it with the page.
        stream = DecodedStreamObject()
        _set_data(stream, b"".join(pieces))
        page[NameObject("/Contents")] = stream
        resources = DictionaryObject(_resolve(page["/Resources"]).items())
        fonts = DictionaryObject(_fonts(page).items())
        fonts[NameObject(STAMP_NAME)] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources


def chapter_start_pages(pages, markers):
    """First page (1-based) of each chapter among `pages` (the chapters' pages), found
    by its marker (第N篇) in the text that opens a page: every chapter starts a page,
    its heading first. Only the first glyphs of each page are read, each font's map
    once."""
    maps, starts = {}, []
    for number, page in enumerate(pages, start=1):
        if len(starts) >= len(markers):
            break
        wanted = markers[len(starts)]
        page_maps, _complete = _page_font_maps(page, maps)
        if _opening_text(_content_data(page), page_maps, len(wanted) + 8).startswith(wanted):
            starts.append(number)
    # A marker not found (it should not happen) points at the last page, as before.
    return starts + [max(len(pages), 1)] * (len(markers) - len(starts))


def _opening_text(data, page_maps, length):
    """The first `length` characters a page draws (or all it draws, if fewer), as
    plain_text compares them."""
    chars = []
    for chunk in drawn_text(data, page_maps):
        chars.append(chunk or "")
        text = plain_text("".join(chars))
        if len(text) >= length:
            return text
    return plain_text("".join(chars))
