"""The one pass every official PDF of the addon goes through after wkhtmltopdf.

It does two things, on the finished file, together:
- it stamps the page numbers as a 公文 prints them (GB/T 9704 §7.5: "— 1 —" in 4号,
  7 mm under the type area, odd pages on the right and even pages on the left, one
  character in from the edge of the type area), or any footer, in an embedded
  TrueType face, because Debian's wkhtmltopdf (unpatched Qt) ignores HTML
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
from odoo.tools.pdf import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

# ----------------------------------------------------------------------
# One spelling for three libraries. odoo.tools.pdf hands out PyPDF2 1.26 (what
# Odoo's requirements install on Python 3.10), PyPDF2 2.x or pypdf >= 3, whichever is
# installed, and its aliases map the old names onto the new libraries, not the other
# way round. 1.26 knows only camelCase (getObject, mediaBox...), 2.x both, pypdf >= 3
# only snake_case (its old names raise). These call the snake_case name when the
# object has it and the 1.26 one otherwise.
# ----------------------------------------------------------------------


def _method(obj, name, old_name):
    method = getattr(obj, name, None)
    return method if method is not None else getattr(obj, old_name)


def _resolve(obj):
    """The object behind an indirect reference; plain Python values as they are."""
    method = getattr(obj, "get_object", None) or getattr(obj, "getObject", None)
    return method() if method is not None else obj


def _media_box(page):
    box = getattr(page, "mediabox", None)
    return box if box is not None else page.mediaBox


def _content_data(page):
    """The page's drawing operators, its content streams joined (1.26 hands out the
    array of a page with several streams, the others one stream joining them)."""
    contents = _method(page, "get_contents", "getContents")()
    if contents is None:
        return b""
    if isinstance(contents, ArrayObject):
        return b"\n".join(_data(_resolve(stream)) for stream in contents)
    return _data(contents)


def _data(stream):
    return _method(stream, "get_data", "getData")()


def _set_data(stream, data):
    _method(stream, "set_data", "setData")(data)


def _add_object(writer, obj):
    return _method(writer, "_add_object", "_addObject")(obj)


def _add_page(writer, page):
    _method(writer, "add_page", "addPage")(page)


def _merge_page(page, other):
    _method(page, "merge_page", "mergePage")(other)


def _extract_text(page):
    return _method(page, "extract_text", "extractText")()


def _fonts(page):
    """The page's font resources, {} for a page without text."""
    resources = _resolve(page.get("/Resources")) or {}
    return _resolve(resources.get("/Font")) or {}


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
_HEX_ANY = re.compile(rb"<([0-9A-Fa-f]*)>")


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


# Latin TrueType faces for the page numbers ("— 1 —" is digits and em dashes):
# Liberation Serif (Times metrics, as a 公文's numbers are set) or DejaVu Serif.
NUMBER_FONT = "ConsultationPageNumber"
NUMBER_FONT_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)
# GB/T 9704 geometry: type area 28 mm from the left, 26 mm from the right and 35 mm
# from the bottom; the number's dash line 7 mm under it, in 4号 (14 pt).
NUMBER_SIZE = 14
NUMBER_LEFT = 28 * mm
NUMBER_RIGHT = 26 * mm
NUMBER_BASELINE = (35 - 7) * mm - NUMBER_SIZE * 0.7
# One character of the body (3号, 16 pt) in from the type area's edge.
NUMBER_INDENT = 16


def page_number_label(number):
    """A page number as a 公文 writes it: an em dash on each side, `— 1 —`."""
    return f"— {number} —"


def document_page_numbers(total, first_page=True):
    """The numbers of a document's `total` pages: none on a single page (a 公文
    numbers the pages of a document longer than one), and none on the first page
    of a 信函 (`first_page=False`)."""
    if total < 2:
        return None
    return [number if (first_page or number > 1) else None for number in range(1, total + 1)]


def _number_font():
    if NUMBER_FONT not in pdfmetrics.getRegisteredFontNames():
        for path in NUMBER_FONT_FILES:
            if os.path.exists(path):
                pdfmetrics.registerFont(TTFont(NUMBER_FONT, path))
                break
        else:
            raise UserError(
                _(
                    "No TrueType font to stamp the page numbers: install the Debian package"
                    " fonts-liberation (or fonts-dejavu-core)."
                )
            )
    return NUMBER_FONT


def _overlay(pages, left, right, numbers=None):
    """One reportlab page per page of the document with its footer, drawn on a
    single canvas."""
    font = _stamp_font() if (left or right) else _number_font()
    packet = io.BytesIO()
    overlay = canvas.Canvas(packet, initialFontName=font, initialFontSize=8)
    for number, page in enumerate(pages):
        box = [float(value) for value in _media_box(page)]
        width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
        overlay.setPageSize((width, height))
        if numbers and numbers[number]:
            overlay.setFillGray(0)
            label = page_number_label(numbers[number])
            overlay.setFont(_number_font(), NUMBER_SIZE)
            if numbers[number] % 2:
                overlay.drawRightString(
                    width - NUMBER_RIGHT - NUMBER_INDENT, NUMBER_BASELINE, label
                )
            else:
                overlay.drawString(NUMBER_LEFT + NUMBER_INDENT, NUMBER_BASELINE, label)
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


# Resource names of the stamp's fonts (reportlab's /F1+0...), renamed so that they
# cannot meet a name of the document's own resources.
_STAMP_NAME = re.compile(rb"/(F\d+(?:\+\d+)?)(?=[\s/\[<(])")


def _stamp_page(page, stamp, wrappers):
    """Lay the stamp's drawing over the page without parsing the page's content:
    the page's streams, kept as they are, between q and Q, then the stamp's stream,
    and the stamp's fonts added to a copy of the page's font resources."""
    stamp_resources = stamp["/Resources"] if "/Resources" in stamp else DictionaryObject()
    stamp_fonts = stamp_resources["/Font"] if "/Font" in stamp_resources else DictionaryObject()
    if set(stamp_resources.keys()) - {"/Font", "/ProcSet"}:
        _merge_page(page, stamp)  # a stamp with images or graphic states: the slow path
        return
    contents = page.get("/Contents")
    if contents is None:
        streams = []
    elif isinstance(_resolve(contents), ArrayObject):
        streams = list(_resolve(contents))
    else:
        streams = [
            contents if isinstance(contents, IndirectObject) else _add_object(wrappers[2], contents)
        ]
    stamp_data = _content_data(stamp)
    overlay = DecodedStreamObject()
    _set_data(overlay, _STAMP_NAME.sub(rb"/CsStamp\1", stamp_data))
    push, pop, writer = wrappers
    page[NameObject("/Contents")] = ArrayObject([push, *streams, pop, _add_object(writer, overlay)])
    resources = DictionaryObject(page["/Resources"].items())
    fonts = DictionaryObject(resources["/Font"].items() if "/Font" in resources else ())
    for name, font in stamp_fonts.items():
        fonts[NameObject("/CsStamp" + name[1:])] = font
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources


def finish_pdf(pdf, left=None, right=None, numbers=None):
    """Stamp the footers (`left`: one (label, value) or None per page, `right`: one text
    or None per page; `numbers`: one page number or None per page, stamped `— 1 —` as
    GB/T 9704 places it, see document_page_numbers) and repair the text layer, in one
    pass over the file. `pdf` is one document or a list of documents, joined in that
    order."""
    parts = [pdf] if isinstance(pdf, bytes | bytearray) else pdf
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pages = [
            page for part in parts for page in PdfFileReader(io.BytesIO(part), strict=False).pages
        ]
        return finish_pages(pages, left=left, right=right, numbers=numbers)


def finish_pages(pages, left=None, right=None, numbers=None):
    """finish_pdf on pages already read (and possibly edited: a page's /Contents may be
    a new stream not yet in any file), written out once as the finished PDF. Each
    distinct ToUnicode map is rewritten once, and the page numbers are one reportlab
    canvas laid over the pages' unparsed content streams."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stamps = _overlay(pages, left, right, numbers) if (left or right or numbers) else None
        result = PdfFileWriter()
        wrappers = None
        if stamps:
            push, pop = DecodedStreamObject(), DecodedStreamObject()
            _set_data(push, b"q\n")
            _set_data(pop, b"\nQ\n")
            wrappers = (_add_object(result, push), _add_object(result, pop), result)
        fixed = {}
        # Pages share their fonts: each font's map is repaired once (its new map then
        # lives in `result`, where a second look would repair it again).
        repaired_fonts = set()
        for number, page in enumerate(pages):
            for font_ref in _fonts(page).values():
                font = _resolve(font_ref)
                if "/ToUnicode" not in font or id(font) in repaired_fonts:
                    continue
                repaired_fonts.add(id(font))
                cmap_ref = font.raw_get("/ToUnicode")
                key = (
                    (id(cmap_ref.pdf), cmap_ref.idnum)
                    if isinstance(cmap_ref, IndirectObject)
                    else id(cmap_ref)
                )
                if key not in fixed:
                    stream = DecodedStreamObject()
                    _set_data(stream, _fix_cmap(_data(_resolve(font["/ToUnicode"]))))
                    fixed[key] = _add_object(result, stream)
                font[NameObject("/ToUnicode")] = fixed[key]
            if stamps:
                _stamp_page(page, stamps.pages[number], wrappers)
            elif isinstance(page.get("/Contents"), DecodedStreamObject):
                # A stream is written as an object of its own, never inside the page.
                page[NameObject("/Contents")] = _add_object(result, page["/Contents"])
            _add_page(result, page)
        output = io.BytesIO()
        result.write(output)
    return output.getvalue()


def page_count(pdf):
    return len(PdfFileReader(io.BytesIO(pdf), strict=False).pages)


# ----------------------------------------------------------------------
# Finding text on pages, for the booklet's table of contents
# ----------------------------------------------------------------------
_TEXT_OPS = re.compile(
    rb"/([^\s/\[\]<>()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\)\s*T[Jj']"
)
_CMAP_LINE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>(?:\s*(<[0-9A-Fa-f]+>|\[[^\]]*\]))?")


def _parse_cmap(data):
    """A ToUnicode CMap as {source code (int): text}."""
    mapping = {}
    section = None
    for line in data.split(b"\n"):
        line = line.strip()
        if line.endswith(b"beginbfchar"):
            section = "char"
            continue
        if line.endswith(b"beginbfrange"):
            section = "range"
            continue
        if line.startswith((b"endbfchar", b"endbfrange")):
            section = None
            continue
        if not section:
            continue
        found = _CMAP_LINE.match(line)
        if not found:
            continue
        low, second, third = found.groups()
        if section == "char":
            mapping[int(low, 16)] = bytes.fromhex(second.decode()).decode("utf-16-be", "replace")
        elif third and third.startswith(b"["):
            targets = _HEX.findall(third)
            for offset, target in enumerate(targets):
                mapping[int(low, 16) + offset] = bytes.fromhex(target.decode()).decode(
                    "utf-16-be", "replace"
                )
        elif third:
            base = bytes.fromhex(third[1:-1].decode()).decode("utf-16-be", "replace")
            for offset in range(int(second, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = base[:-1] + chr(ord(base[-1]) + offset)
    return mapping


def _page_font_maps(page, maps):
    """The page's text maps by font resource name (`b"F1"`: (map, hex digits a glyph)),
    each distinct ToUnicode map parsed once across pages (`maps` is that cache), and
    whether every font of the page has one."""
    page_maps, complete = {}, True
    for name, font_ref in _fonts(page).items():
        font = _resolve(font_ref)
        if "/ToUnicode" not in font:
            complete = False
            continue
        key = font.raw_get("/ToUnicode")
        key = key.idnum if isinstance(key, IndirectObject) else id(key)
        if key not in maps:
            maps[key] = _parse_cmap(_data(_resolve(font["/ToUnicode"])))
        # Type 0 (CID) fonts take two bytes a glyph, simple fonts one.
        width = 4 if font.get("/Subtype") == "/Type0" else 2
        page_maps[name[1:].encode()] = (maps[key], width)
    return page_maps, complete


def drawn_text(data, page_maps):
    """The text a page's content stream draws, one string per text operator, in
    drawing order, through its fonts' maps (`page_maps`, see _page_font_maps); None
    for an operator this reader cannot map (a literal string, a font without a map)."""
    current, width = None, 4
    for match in _TEXT_OPS.finditer(data):
        font_name, single, array = match.groups()
        if font_name is not None:
            current, width = page_maps.get(font_name, (None, 4))
            continue
        if current is None or (single is None and array is None):
            yield None
            continue
        yield "".join(
            current.get(int(hexa[i : i + width], 16), "")
            for hexa in ([single] if single is not None else _HEX_ANY.findall(array))
            for i in range(0, len(hexa), width)
        )


def plain_text(text):
    """`text` as the tests and the booklet compare it: without spaces, its radicals
    read as ideographs."""
    return "".join(ideograph(c) for c in unicodedata.normalize("NFKC", text)).replace(" ", "")


def page_texts(pdf):
    """The text of each page, without spaces, its radicals read as ideographs: each
    distinct font's map is read once and the content streams are scanned for their
    text operators. A page drawn with other text operators (literal strings, fonts
    without a map) is read by pypdf's text extraction."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        maps = {}
        texts = []
        for page in reader.pages:
            page_maps, complete = _page_font_maps(page, maps)
            chunks = list(drawn_text(_content_data(page), page_maps)) if complete else [None]
            text = "".join(chunks) if None not in chunks else (_extract_text(page) or "")
            texts.append(plain_text(text))
    return texts
