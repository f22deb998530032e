"""Dates, times and time zones as the reader's language writes them.

The one place that turns a date or a moment into text for people (pages, PDFs,
emails, messages), from the Unicode CLDR data through Babel: "3 August 2026",
"2026年8月3日", "3 августа 2026 г.", "3 أغسطس 2026". Machine-readable values
(ISO 8601 in `<time datetime>`, CSV, JSON, credentials) do not come here.

A moment is shown in the active time zone (the user's, see
accounts.middleware), and where the zone matters with its localised name and
GMT offset, "China Standard Time (GMT+08:00)": never an abbreviation such as
CST, which names China, Cuba and US Central time alike.

Digits are Latin (0-9) in every language, Arabic included, as Django writes
every other number on our pages; Babel's `ar` locale uses them too.
"""

import datetime
import zoneinfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from django.utils import timezone
from django.utils.translation import get_language, pgettext, to_locale

# Django language code → CLDR locale where the bare language is not the one we
# mean: English for an international audience (day month year, 24-hour clock),
# Simplified Chinese as written in China.
CLDR_LOCALES = {
    "en": "en_GB",
    "zh-hans": "zh_Hans_CN",
    "zh-hant": "zh_Hant_TW",
}


def cldr_locale(language: str | None = None) -> Locale:
    """The CLDR locale of `language` (default: the active language)."""
    code = (language or get_language() or "en").lower()
    try:
        return Locale.parse(CLDR_LOCALES.get(code) or to_locale(code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(CLDR_LOCALES["en"])


def _local(value: datetime.datetime) -> datetime.datetime:
    """`value` in the active time zone (naive values are taken as being in it)."""
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return timezone.localtime(value)


def format_day(value: datetime.date | datetime.datetime | None) -> str:
    """A calendar day: "3 August 2026", "2026年8月3日". A moment gives its day
    in the active time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return babel_dates.format_date(value, "long", locale=cldr_locale())


def format_month(value: datetime.date | None) -> str:
    """A month of a year: "August 2026", "2026年8月", "август 2026 г."."""
    if not value:
        return ""
    return babel_dates.format_skeleton("yMMMM", value, locale=cldr_locale())


def format_time(value: datetime.datetime | None) -> str:
    """A time of day in the active time zone: "14:30", "下午2:30"."""
    if not value:
        return ""
    value = _local(value)
    return babel_dates.format_time(
        value, "short", tzinfo=value.tzinfo, locale=cldr_locale()
    )


def format_moment(value: datetime.datetime | None) -> str:
    """A day and time in the active time zone, the day written as format_day
    writes it: "3 August 2026, 14:30", "2026年8月3日 14:30"."""
    if not value:
        return ""
    value = _local(value)
    locale = cldr_locale()
    pattern = locale.datetime_formats["medium"]
    return pattern.format(format_time(value), format_day(value))


def zone_name(value: datetime.datetime | str | None) -> str:
    """The time zone of a moment, or a zone named by its IANA key (taken as
    it is now), by localised name and GMT offset:
    "China Standard Time (GMT+08:00)", "中国标准时间 (GMT+08:00)"."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = timezone.now().astimezone(zoneinfo.ZoneInfo(value))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return value
    else:
        value = _local(value)
    locale = cldr_locale()
    name = babel_dates.get_timezone_name(value, width="long", locale=locale)
    offset = babel_dates.get_timezone_gmt(value, locale=locale)
    if name == offset or not name:
        return offset
    return pgettext(
        "time zone name and its offset from GMT", "%(name)s (%(offset)s)"
    ) % {
        "name": name,
        "offset": offset,
    }


def format_moment_with_zone(value: datetime.datetime | None) -> str:
    """format_moment followed by zone_name, as plain text (emails, messages):
    "3 August 2026, 14:30 China Standard Time (GMT+08:00)"."""
    if not value:
        return ""
    return f"{format_moment(value)} {zone_name(value)}"
