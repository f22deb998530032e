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
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    AdmittedEnrolmentFactory,
    AssessmentFactory,
    CohortFactory,
    SessionFactory,
)

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


def open_cohort(trainee):
    cohort = CohortFactory()
    return {
        "slug": cohort.slug,
        "cohort_id": cohort.pk,
        "office": cohort.lead_office_id,
    }


def hidden_network_profile(trainee):
    from accounts.models import NetworkProfile

    return {"profile": NetworkProfile.objects.create(user=trainee).pk}


def listed_expert(trainee):
    from accounts.models import NetworkProfile

    expert = UserFactory()
    return {
        "expert": NetworkProfile.objects.create(
            user=expert, opted_in=True, visibility="public"
        ).pk
    }


def discussion(trainee):
    """The trainee admitted to a running cohort; another member's topic."""
    from exchange.services.spaces import spaces_ensure_for_cohort
    from tests.exchange.factories import TopicFactory

    enrolment = AdmittedEnrolmentFactory(user=trainee, cohort=CohortFactory())
    (whole, *_offices) = spaces_ensure_for_cohort(cohort=enrolment.cohort)
    return {"space": whole.pk, "topic": TopicFactory(space=whole).pk}


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
    Case(
        id="application",
        post_url="/cohorts/{slug}/apply/",
        fields=["employer", "position", "motivation"],
        other_data={"office": "{office}"},
        setup=open_cohort,
        shown_at=[
            ("self", "/learning/"),
            ("admin", "/admin/cohorts/applications/{cohort_id}/"),
        ],
    ),
    Case(
        id="network profile",
        post_url="/network/me/",
        fields=["country", "bio"],
        other_data={"opted_in": "on", "visibility": "public"},
        setup=hidden_network_profile,
        shown_at=[
            ("self", "/network/me/"),
            ("self", "/network/"),
            ("admin", "/network/people/{profile}/"),
        ],
    ),
    Case(
        id="contact request",
        post_url="/network/people/{expert}/contact/",
        fields=["message"],
        setup=listed_expert,
        shown_at=[("self", "/network/requests/")],
    ),
    Case(
        id="discussion topic",
        post_url="/exchange/spaces/{space}/",
        fields=["title"],
        other_data={"body": "A question"},
        setup=discussion,
        shown_at=[("self", "/exchange/spaces/{space}/")],
    ),
    Case(
        id="discussion reply",
        post_url="/exchange/topics/{topic}/",
        fields=["body"],
        setup=discussion,
        shown_at=[("self", "/exchange/topics/{topic}/")],
    ),
    Case(
        id="discussion report",
        post_url="/exchange/posts/{topic}/report/",
        fields=["reason"],
        setup=discussion,
        shown_at=[("admin", "/admin/exchange/moderation/")],
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
        assert_escaped(html, url)
        shown |= {name for name in case.fields if f"xss-{name}" in html}
    assert shown == set(case.fields), "never shown: " + ", ".join(
        sorted(set(case.fields) - shown)
    )


def assert_escaped(html: str, where: str) -> None:
    for raw in DANGEROUS:
        assert raw not in html, f"{raw!r} rendered unescaped on {where}"


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_assignment_file_name_is_escaped_for_trainee_and_graders(
    client, staff_user, settings, tmp_path
):
    """The uploaded file's name is the trainee's text too: shown, never run."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    enrolment = AdmittedEnrolmentFactory()
    assignment = AssessmentFactory(cohort=enrolment.cohort)
    slug = enrolment.cohort.slug
    # A browser never sends a "/" in a file name; everything else is allowed.
    name = '<img src=x onerror=alert("xss-file")><script>alert(1).pdf'
    client.force_login(enrolment.user)
    response = client.post(
        f"/cohorts/{slug}/assessments/{assignment.pk}/",
        {"file": SimpleUploadedFile(name, PDF, "application/pdf")},
    )
    assert response.status_code == 302
    for user, url in (
        (enrolment.user, f"/cohorts/{slug}/assessments/{assignment.pk}/"),
        (staff_user, f"/cohorts/manage/{slug}/assessments/{assignment.pk}/"),
    ):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "xss-file" in html, url
        assert_escaped(html, url)


def test_check_in_code_is_echoed_escaped(client):
    """A mistyped check-in code comes back in the form, escaped."""
    enrolment = AdmittedEnrolmentFactory()
    SessionFactory(cohort=enrolment.cohort)
    client.force_login(enrolment.user)
    response = client.post("/cohorts/check-in/", {"code": "<script>xs"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "&lt;script&gt;xs" in html
    assert_escaped(html, "/cohorts/check-in/")
