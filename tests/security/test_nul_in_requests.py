"""A NUL byte in a URL is answered 400 before any view or lookup sees it.

PostgreSQL refuses NUL in text, so such a value reaching a query was a 500.
"""

import pytest

pytestmark = pytest.mark.django_db

NUL_URLS = [
    "/cohorts/calendar/%00.ics",
    "/api/v1/certificates/%00",
    "/api/v1/cohorts/%00/",
    "/certificates/cohorts/c/endorsements/o/withdraw/%00/",
    "/zh-hans/cohorts/%00/",
    "/%00",
    "/verify/?code=%00",
    "/verify/%00/",
    "/cohorts/check-in/?session=%00",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_in_path_or_query_is_a_bad_request_for_anonymous_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_nul_in_a_post_body_still_reaches_the_form(client):
    # Forms already refuse NUL with a field error; only the URL is screened.
    response = client.post("/accounts/login/", {"login": "a\x00b", "password": "x"})
    assert response.status_code in (200, 400)
