"""Dates and times as the addon's documents write them.

One helper for every document, mail and ledger. In Chinese, as a 公文 writes them
(GB/T 9704): `2026年12月7日` without leading zeros, ranges `2026年12月4日至12月11日`
(the year once when both days share it), times `9:30` without seconds and a sitting on
one day `2026年11月17日 9:30—11:00`. Other languages keep Odoo's formats.
"""

from datetime import datetime

import pytz

from odoo import tools

# Excel number formats of the ledgers' date cells, Chinese style.
XLSX_DATE_ZH = 'yyyy"年"m"月"d"日"'
XLSX_MOMENT_ZH = 'yyyy"年"m"月"d"日" h:mm'


def is_chinese(env):
    return (env.lang or "").startswith("zh")


def format_date(env, value, date_format=False):
    """A day: `2026年12月7日` in Chinese; else Odoo's format of the language."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if is_chinese(env):
        return f"{value.year}年{value.month}月{value.day}日"
    return tools.format_date(env, value, date_format=date_format)


def format_range(env, start, end):
    """Two days: `2026年12月4日至12月11日` (the year once, the month always);
    `2026年12月28日至2027年1月4日` across a year."""
    if not (start and end):
        return format_date(env, start or end)
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    if start == end:
        return format_date(env, start)
    if is_chinese(env):
        second = f"{end.month}月{end.day}日"
        if start.year != end.year:
            second = f"{end.year}年{second}"
        return f"{format_date(env, start)}至{second}"
    return f"{format_date(env, start)} – {format_date(env, end)}"


def format_time(env, value):
    """A clock time to the minute: `9:30` in Chinese; else Odoo's short format."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.time()
    if is_chinese(env):
        return f"{value.hour}:{value.minute:02d}"
    return tools.format_time(env, value, time_format="short")


def localize(value, tz):
    """A stored (naive UTC) datetime on the clock of `tz` (a name or a pytz zone)."""
    if isinstance(tz, str):
        tz = pytz.timezone(tz)
    return pytz.utc.localize(value).astimezone(tz)


def format_moment(env, value, tz):
    """A stored (UTC) datetime as the day and time of `tz`: `2026年11月17日 9:30`."""
    if not value:
        return ""
    local = localize(value, tz)
    return f"{format_date(env, local.date())} {format_time(env, local.time())}"


def format_span(env, start, stop, tz):
    """A sitting from `start` to `stop` (stored UTC datetimes) on the clock of `tz`:
    `2026年11月17日 9:30—11:00` on one day, `2026年11月17日 9:30至11月18日 11:00`
    over two."""
    if not (start and stop):
        return format_moment(env, start or stop, tz)
    begin, end = localize(start, tz), localize(stop, tz)
    if begin.date() == end.date():
        day = format_date(env, begin.date())
        return f"{day} {format_time(env, begin.time())}—{format_time(env, end.time())}"
    if is_chinese(env):
        second = format_range(env, begin.date(), end.date()).split("至", 1)[1]
        return f"{format_moment(env, start, tz)}至{second} {format_time(env, end.time())}"
    return f"{format_moment(env, start, tz)} – {format_moment(env, stop, tz)}"


class DocumentDates:
    """The helpers bound to one language and time zone, as templates call them:
    `dates.date(d)`, `dates.range(a, b)`, `dates.time(t)`, `dates.moment(dt)`,
    `dates.span(start, stop)`."""

    def __init__(self, env, tz):
        self.env = env
        self.tz = pytz.timezone(tz) if isinstance(tz, str) else tz

    def date(self, value, date_format=False):
        if isinstance(value, datetime):
            value = localize(value, self.tz).date()
        return format_date(self.env, value, date_format=date_format)

    def range(self, start, end):
        if isinstance(start, datetime):
            start = localize(start, self.tz).date()
        if isinstance(end, datetime):
            end = localize(end, self.tz).date()
        return format_range(self.env, start, end)

    def time(self, value):
        if isinstance(value, datetime):
            value = localize(value, self.tz).time()
        return format_time(self.env, value)

    def moment(self, value):
        return format_moment(self.env, value, self.tz)

    def span(self, start, stop):
        return format_span(self.env, start, stop, self.tz)
