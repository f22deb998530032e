from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from accounts.middleware import UserTimeZoneMiddleware
from tests.accounts.factories import UserFactory


def _zone_seen_by_view(user):
    request = RequestFactory().get("/")
    request.user = user
    middleware = UserTimeZoneMiddleware(
        lambda r: HttpResponse(timezone.get_current_timezone_name())
    )
    return middleware(request).content.decode()


def test_times_are_shown_in_the_users_own_time_zone(db):
    assert _zone_seen_by_view(UserFactory(time_zone="Asia/Riyadh")) == "Asia/Riyadh"


def test_visitors_see_utc_and_the_zone_does_not_leak_to_the_next_request(db):
    from django.contrib.auth.models import AnonymousUser

    _zone_seen_by_view(UserFactory(time_zone="Asia/Almaty"))
    assert _zone_seen_by_view(AnonymousUser()) == "UTC"
    assert timezone.get_current_timezone_name() == "UTC"
