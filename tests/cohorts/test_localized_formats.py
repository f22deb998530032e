"""Dates and times follow the viewer's language and time zone."""

import datetime

import pytest

from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(
        start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 13)
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 March 2026"),
        ("ru", "2 марта 2026\u202fг."),
        ("zh-hans", "2026年3月2日"),
        ("fr", "2 mars 2026"),
        ("es", "2 de marzo de 2026"),
    ],
)
def test_cohort_dates_in_the_viewers_language(client, cohort, language, expected):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/cohorts/{cohort.slug}/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_datetime_filter_uses_locale_and_time_zone():
    from django.utils import timezone, translation

    from courses.templatetags.localization_tags import datetime_tz

    moment = datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC)
    # The zone by its name and offset: "CST" would name China, Cuba or US Central.
    with timezone.override("Europe/Moscow"), translation.override("ru"):
        assert datetime_tz(moment) == (
            "2 марта 2026\u202fг., 04:30 "
            "<bdi>Москва, стандартное время (GMT+03:00)</bdi>"
        )
    with timezone.override("Asia/Shanghai"), translation.override("zh-hans"):
        assert datetime_tz(moment) == (
            "2026年3月2日 09:30 <bdi>中国标准时间（GMT+08:00）</bdi>"
        )
    with timezone.override("America/Havana"), translation.override("en"):
        assert datetime_tz(moment) == (
            "1 March 2026, 20:30 <bdi>Cuba Standard Time (GMT-05:00)</bdi>"
        )


@pytest.fixture
def shanghai_user(client):
    from tests.accounts.factories import UserFactory

    user = UserFactory(time_zone="Asia/Shanghai")
    client.force_login(user)
    return user


@pytest.fixture
def cohort_with_applications(cohort):
    cohort.start_date = datetime.date(2026, 8, 3)
    cohort.end_date = datetime.date(2026, 8, 14)
    cohort.applications_open_at = datetime.datetime(
        2026, 7, 1, 1, 0, tzinfo=datetime.UTC
    )
    cohort.applications_close_at = datetime.datetime(
        2026, 7, 20, 15, 59, tzinfo=datetime.UTC
    )
    cohort.save()
    return cohort


def _dates_and_applications(html: str) -> str:
    return html[html.index("<dl>") : html.index("</dl>")]


@pytest.mark.parametrize(
    ("language", "dates", "applications", "zone", "foreign"),
    [
        (
            "zh-hans",
            "2026年8月3日 – 2026年8月14日",
            "2026年7月1日 09:00 <bdi>{zone}</bdi> – 2026年7月20日 23:59",
            "中国标准时间（GMT+08:00）",
            ("八月", "Aug", "8/3"),
        ),
        (
            "ru",
            "3 августа 2026\u202fг. – 14 августа 2026\u202fг.",
            "1 июля 2026\u202fг., 09:00 <bdi>{zone}</bdi> – "
            "20 июля 2026\u202fг., 23:59",
            "Китай, стандартное время (GMT+08:00)",
            ("авг.", "Aug", "03.08"),
        ),
        (
            "ar",
            "3 أغسطس 2026 – 14 أغسطس 2026",
            "1 يوليو 2026، 9:00 ص <bdi>{zone}</bdi> – 20 يوليو 2026، 11:59 م",
            "توقيت الصين الرسمي (غرينتش+08:00)",
            # One digit system: Latin digits, as on the rest of the page.
            ("٢", "٠", "Aug"),
        ),
    ],
)
def test_cohort_page_shows_one_date_format_and_the_zone_by_name_and_offset(
    client,
    shanghai_user,
    cohort_with_applications,
    language,
    dates,
    applications,
    zone,
    foreign,
):
    html = client.get(
        f"/{language}/cohorts/{cohort_with_applications.slug}/"
    ).content.decode()
    details = _dates_and_applications(html)
    assert f"{dates} · <bdi>{zone}</bdi>" in details
    assert applications.format(zone=zone) in details
    assert "CST" not in html and "Asia/Shanghai" not in html
    for other in foreign:
        assert other not in details


def test_english_cohort_page_reads_naturally(
    client, shanghai_user, cohort_with_applications
):
    html = client.get(f"/cohorts/{cohort_with_applications.slug}/").content.decode()
    details = _dates_and_applications(html)
    assert (
        "3 August 2026 – 14 August 2026 · <bdi>China Standard Time (GMT+08:00)</bdi>"
        in details
    )
    assert (
        "1 July 2026, 09:00 <bdi>China Standard Time (GMT+08:00)</bdi> – "
        "20 July 2026, 23:59 <bdi>China Standard Time (GMT+08:00)</bdi>"
    ) in details
    assert "CST" not in html
