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
        ("ru", "2 марта 2026 г."),
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
    # The zone by name and offset: "CST" would name China, Cuba or US Central.
    with timezone.override("Europe/Moscow"), translation.override("ru"):
        assert datetime_tz(moment) == (
            "2 марта 2026 г. 4:30 <bdi>(Europe/Moscow, UTC+03:00)</bdi>"
        )
    with timezone.override("Asia/Shanghai"), translation.override("zh-hans"):
        assert datetime_tz(moment) == (
            "2026年3月2日 09:30 <bdi>(Asia/Shanghai, UTC+08:00)</bdi>"
        )
    with timezone.override("America/Havana"), translation.override("en"):
        assert datetime_tz(moment) == (
            "1 Mar 2026, 20:30 <bdi>(America/Havana, UTC-05:00)</bdi>"
        )
    with timezone.override("UTC"), translation.override("en"):
        assert datetime_tz(moment) == "2 Mar 2026, 01:30 <bdi>(UTC)</bdi>"


def test_cohort_page_gives_the_application_period_in_one_format_and_zone(
    client, cohort, settings
):
    cohort.applications_open_at = datetime.datetime(
        2026, 1, 5, 8, 0, tzinfo=datetime.UTC
    )
    cohort.applications_close_at = datetime.datetime(
        2026, 2, 2, 15, 59, tzinfo=datetime.UTC
    )
    cohort.save()
    settings.TIME_ZONE = "Asia/Shanghai"
    html = client.get(f"/zh-hans/cohorts/{cohort.slug}/").content.decode()
    assert (
        "2026年1月5日 16:00 <bdi>(Asia/Shanghai, UTC+08:00)</bdi> – "
        "2026年2月2日 23:59 <bdi>(Asia/Shanghai, UTC+08:00)</bdi>"
    ) in html
    assert "CST" not in html
