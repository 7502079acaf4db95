"""The one pass every official PDF of the addon goes through after wkhtmltopdf.

It does two things, on the finished file, together:
- it stamps a footer (a fingerprint on the left, the page number on the right) in an
  embedded TrueType face, because Debian's wkhtmltopdf (unpatched Qt) ignores HTML
  headers and footers, and reportlab cannot embed the CFF-based Noto CJK faces the
  body uses: an archived document must carry its fonts, not count on Adobe's packs;
- it repairs the text layer. Qt writes each font's ToUnicode map by looking up, for
  every glyph, the first code point that draws it; Noto CJK draws 一 and the Kangxi
  radical ⼀ (U+2F00) with one glyph, so copied or indexed text came out as radicals
  (⾥ for 里, ⽉ for 月). The map is rewritten to the ideographs.
"""

import io
import os
import re
import unicodedata
import warnings

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import _
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

try:
    from PyPDF2.generic import DecodedStreamObject, NameObject
except ImportError:  # pragma: no cover - odoo.tools.pdf falls back on pypdf
    from pypdf.generic import DecodedStreamObject, NameObject

# TrueType faces that reportlab embeds (subset), from Debian's fonts-wqy-zenhei or
# fonts-arphic-uming; the first one found stamps the footers.
STAMP_FONT = "ConsultationStamp"
STAMP_FONT_FILES = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
)

# Radicals whose glyph the Simplified Chinese Noto faces share with an ideograph that
# NFKC does not give (or gives in its traditional form); read off the fonts' cmaps.
_RADICALS = (
    "⺂⺃⺅⺉⺋⺎⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺠⺡⺣⺤⺦⺨⺫⺭⺯⺰⺱⺲⺳⺹⺺⺾⻁⻂⻃"
    "⻅⻆⻈⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲"
    "⼾"
)
_IDEOGRAPHS = (
    "乛乚亻刂㔾兀尣尢巳幺彑彐忄扌攵旡歺民氵灬爫丬犭罒礻糹纟罓罒㓁耂肀艹虎衤覀"
    "见角讠贝车辶钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀"
    "户"
)
RADICAL_MAP = dict(zip(_RADICALS, _IDEOGRAPHS, strict=True))
RADICAL_RANGE = (0x2E80, 0x2FDF)

_HEX = re.compile(rb"<([0-9A-Fa-f]{4,8})>")


def ideograph(char):
    """The ideograph a CJK radical code point stands for in running text."""
    if char in RADICAL_MAP:
        return RADICAL_MAP[char]
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _utf16_hex(text):
    return text.encode("utf-16-be").hex().upper().encode()


def _fix_cmap(data):
    """Rewrite the destinations of a ToUnicode CMap that point at radicals. Only the
    tokens after the source codes of `bfchar` lines and inside `bfrange` arrays are
    destinations; source codes are glyph ids and stay as they are."""

    def destination(match):
        code = int(match.group(1), 16)
        if len(match.group(1)) == 4 and RADICAL_RANGE[0] <= code <= RADICAL_RANGE[1]:
            return b"<" + _utf16_hex(ideograph(chr(code))) + b">"
        return match.group(0)

    lines = []
    section = None
    for line in data.split(b"\n"):
        if line.endswith(b"beginbfchar"):
            section = "char"
        elif line.endswith(b"beginbfrange"):
            section = "range"
        elif line.startswith((b"endbfchar", b"endbfrange")):
            section = None
        elif section == "char":
            source, _sep, rest = line.partition(b">")
            line = source + _sep + _HEX.sub(destination, rest)
        elif section == "range" and b"[" in line:
            head, _sep, array = line.partition(b"[")
            line = head + _sep + _HEX.sub(destination, array)
        lines.append(line)
    return b"\n".join(lines)


def _stamp_font():
    if STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
        for path, index in STAMP_FONT_FILES:
            if os.path.exists(path):
                pdfmetrics.registerFont(TTFont(STAMP_FONT, path, subfontIndex=index))
                break
        else:
            raise UserError(
                _(
                    "No TrueType Chinese font to stamp the page numbers: install the Debian"
                    " package fonts-wqy-zenhei (or fonts-arphic-uming)."
                )
            )
    return STAMP_FONT


def _overlay(pages, left, right):
    """One reportlab page per page of the document with its footer."""
    font = _stamp_font()
    packet = io.BytesIO()
    overlay = canvas.Canvas(packet, initialFontName=font, initialFontSize=8)
    for number, page in enumerate(pages):
        box = page.mediabox
        width, height = float(abs(box.width)), float(abs(box.height))
        overlay.setPageSize((width, height))
        overlay.setFillGray(0.35)
        if left and left[number]:
            label, value = left[number]
            overlay.setFont(font, 7.5)
            overlay.drawString(20 * mm, 10 * mm, f"{label} {value}")
        if right and right[number]:
            overlay.setFont(font, 8)
            overlay.drawRightString(width - 20 * mm, 10 * mm, right[number])
        overlay.showPage()
    overlay.save()
    return PdfFileReader(packet, strict=False)


def finish_pdf(pdf, left=None, right=None):
    """Stamp the footers (`left`: one (label, value) or None per page, `right`: one text
    or None per page) and repair the text layer, in one pass over the file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = PdfFileReader(io.BytesIO(pdf), strict=False)
        pages = list(source.pages)
        stamps = _overlay(pages, left, right) if (left or right) else None
        result = PdfFileWriter()
        fixed = set()
        for number, page in enumerate(pages):
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for font_ref in fonts.get_object().values():
                font = font_ref.get_object()
                key = getattr(font_ref, "idnum", id(font))
                if key in fixed or "/ToUnicode" not in font:
                    continue
                fixed.add(key)
                stream = DecodedStreamObject()
                stream.set_data(_fix_cmap(font["/ToUnicode"].get_object().get_data()))
                font[NameObject("/ToUnicode")] = result._add_object(stream)
            if stamps:
                page.merge_page(stamps.pages[number])
            result.add_page(page)
        output = io.BytesIO()
        result.write(output)
    return output.getvalue()


def page_count(pdf):
    return len(PdfFileReader(io.BytesIO(pdf), strict=False).pages)
