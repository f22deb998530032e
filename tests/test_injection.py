"""Script injection through every free-text field a trainee controls.

Each row of CASES is a form a trainee posts and the pages where what they typed
is shown, to themselves or to staff. The payload must be accepted, shown on at
least one of those pages (so the check cannot pass by never rendering it), and
always escaped. Areas add their own rows: an application's motivation, an
assignment's text, a quiz's free answer, a certificate's printed name...
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    id: str
    post_url: str
    fields: list[str]
    # Pages where the text shows: ("self" | "admin", url). URLs and other_data
    # may use {placeholders} filled from what `setup` returns.
    shown_at: list[tuple[str, str]]
    other_data: dict[str, str] = field(default_factory=dict)
    # setup(trainee) -> dict of placeholders, for forms that need objects first.
    setup: Callable | None = None


CASES = [
    Case(
        id="profile",
        post_url="/accounts/profile/",
        fields=["first_name", "last_name", "native_name"],
        other_data={"time_zone": "UTC", "language": "en"},
        shown_at=[
            ("self", "/accounts/profile/"),
            ("admin", "/admin/users/"),
            ("admin", "/admin/users/edit/{trainee_id}/"),
        ],
    ),
]

DANGEROUS = ["<script>alert(", "<img src=x onerror", "javascript:alert("]


def payload(name: str) -> str:
    return f'<script>alert("xss-{name}")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_free_text_is_escaped_wherever_it_is_shown(client, case, staff_user):
    trainee = UserFactory()
    trainee.groups.add(Group.objects.get(name=roles.TRAINEES))
    values = {"trainee_id": trainee.pk}
    if case.setup:
        values |= case.setup(trainee)
    data = {key: value.format(**values) for key, value in case.other_data.items()}
    data |= {name: payload(name) for name in case.fields}

    client.force_login(trainee)
    response = client.post(case.post_url.format(**values), data)
    form = (response.context or {}).get("form")
    assert response.status_code in (200, 302), response.status_code
    assert not (form is not None and form.errors), form.errors

    shown = set()
    for viewer, url in case.shown_at:
        client.force_login(trainee if viewer == "self" else staff_user)
        page = client.get(url.format(**values))
        assert page.status_code == 200, (url, page.status_code)
        html = page.content.decode()
        for raw in DANGEROUS:
            assert raw not in html, f"{raw!r} rendered unescaped on {url}"
        shown |= {name for name in case.fields if f"xss-{name}" in html}
    assert shown == set(case.fields), "never shown: " + ", ".join(
        sorted(set(case.fields) - shown)
    )
