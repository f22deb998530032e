"""Who sees a network profile: hidden by default, visibility per viewer, opt-out."""

import pytest
from django.urls import reverse

from accounts.models import NetworkProfile
from courses.models import IPArea
from tests.accounts.factories import UserFactory

from .factories import NetworkProfileFactory

pytestmark = pytest.mark.django_db

HOLDERS = NetworkProfile.Visibility.HOLDERS
ONLY_ME = NetworkProfile.Visibility.ONLY_ME
PUBLIC = NetworkProfile.Visibility.PUBLIC


def _directory(client, **params):
    """The names on the directory's cards (the query itself is echoed in forms)."""
    response = client.get(reverse("network:directory"), params)
    assert response.status_code == 200
    return " ".join(
        p.user.get_full_name() for p in response.context["page_obj"].object_list
    )


def _api(client, **params):
    return client.get("/api/v1/network/profiles/", params).json()["items"]


def test_a_new_member_is_not_listed(client, holder):
    member = UserFactory(first_name="Zarina", last_name="Hiddenova")
    client.force_login(member)
    client.get(reverse("network:my_profile"))  # visiting the form lists nobody
    client.force_login(holder)
    assert "Hiddenova" not in _directory(client)
    assert not NetworkProfile.objects.filter(user=member, opted_in=True).exists()


def test_saving_the_form_unticked_keeps_the_member_hidden(client):
    member = UserFactory(last_name="Quietova")
    client.force_login(member)
    response = client.post(
        reverse("network:my_profile"),
        {"visibility": PUBLIC, "country": "Kazakhstan"},
        follow=True,
    )
    assert "nobody sees your profile" in response.content.decode()
    client.logout()
    assert "Quietova" not in _directory(client)


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        (PUBLIC, {"anonymous": True, "member": True, "holder": True, "owner": True}),
        (HOLDERS, {"anonymous": False, "member": False, "holder": True, "owner": True}),
        (
            ONLY_ME,
            {"anonymous": False, "member": False, "holder": False, "owner": True},
        ),
    ],
)
def test_visibility_levels_per_viewer(client, holder, visibility, expected):
    profile = NetworkProfileFactory(visibility=visibility, user__last_name="Seenova")
    viewers = {
        "anonymous": None,
        "member": UserFactory(),
        "holder": holder,
        "owner": profile.user,
    }
    seen = {}
    for name, viewer in viewers.items():
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(reverse("network:profile", args=[profile.pk]))
        listed = "Seenova" in _directory(client)
        in_api = any(p["id"] == profile.pk for p in _api(client))
        assert page.status_code in (200, 404)
        assert listed == in_api == (page.status_code == 200), name
        seen[name] = listed
    assert seen == expected


def test_a_revoked_certificate_no_longer_opens_holders_profiles(client, holder):
    from certificates.models import Certificate
    from certificates.services import certificate_revoke

    profile = NetworkProfileFactory(visibility=HOLDERS)
    certificate_revoke(
        certificate=Certificate.objects.get(holder=holder), reason="Issued in error"
    )
    client.force_login(holder)
    page = client.get(reverse("network:profile", args=[profile.pk]))
    assert page.status_code == 404


def test_opting_out_removes_the_profile_from_page_directory_and_api_at_once(client):
    member = UserFactory(first_name="Aigerim", last_name="Listedova")
    NetworkProfileFactory(user=member)
    profile_url = reverse("network:profile", args=[member.network_profile.pk])
    viewer = UserFactory()
    client.force_login(viewer)
    assert client.get(profile_url).status_code == 200
    assert "Listedova" in _directory(client)
    assert [p["name"] for p in _api(client)] == ["Aigerim Listedova"]

    client.force_login(member)
    client.post(reverse("network:my_profile"), {"visibility": PUBLIC})  # unticked

    client.force_login(viewer)
    assert client.get(profile_url).status_code == 404
    assert "Listedova" not in _directory(client)
    assert "Listedova" not in _directory(client, q="Listedova")
    assert _api(client) == []
    assert _api(client, q="Listedova") == []


def test_no_page_or_api_answer_shows_an_email(client):
    member = UserFactory(email="secret.expert@example.org", last_name="Mailless")
    profile = NetworkProfileFactory(user=member)
    client.force_login(UserFactory())
    pages = [
        client.get(reverse("network:directory")).content.decode(),
        client.get(reverse("network:profile", args=[profile.pk])).content.decode(),
        client.get("/api/v1/network/profiles/").content.decode(),
    ]
    assert all("Mailless" in page for page in pages)
    assert not any("secret.expert" in page for page in pages)


def test_only_valid_certificates_of_ones_own_can_be_shown(client, holder):
    from certificates.models import Certificate
    from certificates.services import certificate_issue, certificate_revoke
    from tests.certificates.factories import CompletedEnrolmentFactory

    valid = Certificate.objects.get(holder=holder)
    revoked = certificate_issue(enrolment=CompletedEnrolmentFactory(user=holder))
    certificate_revoke(certificate=revoked, reason="Issued in error")
    someone_elses = certificate_issue(enrolment=CompletedEnrolmentFactory())
    client.force_login(holder)
    form = client.get(reverse("network:my_profile")).content.decode()
    assert valid.code in form
    assert revoked.code not in form
    response = client.post(
        reverse("network:my_profile"),
        {
            "opted_in": "on",
            "visibility": PUBLIC,
            "shown_certificates": [valid.pk, someone_elses.pk],
        },
    )
    assert response.status_code == 200  # someone else's is not a valid choice
    client.post(
        reverse("network:my_profile"),
        {"opted_in": "on", "visibility": PUBLIC, "shown_certificates": [valid.pk]},
    )
    profile = holder.network_profile
    page = client.get(reverse("network:profile", args=[profile.pk])).content.decode()
    assert valid.code in page
    # Revoked later: it disappears from the profile without anyone editing it.
    certificate_revoke(certificate=valid, reason="Issued in error")
    page = client.get(reverse("network:profile", args=[profile.pk])).content.decode()
    assert valid.code not in page


def test_directory_filters_by_expertise_language_office_and_country(client):
    from tests.cohorts.factories import OfficeFactory

    patents = IPArea.objects.get(code="patents")
    marks = IPArea.objects.get(code="trademarks")
    office = OfficeFactory(name="Kazpatent")
    NetworkProfileFactory(
        user__last_name="Patentova",
        expertise=[patents],
        languages=",kk,ru,",
        office=office,
        country="Kazakhstan",
    )
    NetworkProfileFactory(
        user__last_name="Markson",
        expertise=[marks],
        languages=",en,fr,",
        country="France",
    )
    for params, shown in [
        ({"expertise": patents.pk}, "Patentova"),
        ({"expertise": marks.pk}, "Markson"),
        ({"language": "ru"}, "Patentova"),
        ({"language": "fr"}, "Markson"),
        ({"office": office.pk}, "Patentova"),
        ({"country": "France"}, "Markson"),
        ({"q": "Patentova"}, "Patentova"),
        ({"q": "Kazpatent"}, "Patentova"),
    ]:
        page = _directory(client, **params)
        hidden = {"Patentova", "Markson"} - {shown}
        assert shown in page, params
        assert not any(name in page for name in hidden), params
    api = _api(client, expertise="patents", office=office.short_code)
    assert [p["name"].split()[-1] for p in api] == ["Patentova"]


def test_directory_says_so_when_nothing_matches(client):
    url = reverse("network:directory")
    assert "Nobody is listed in the network yet." in client.get(url).content.decode()
    NetworkProfileFactory(country="Chile")
    page = client.get(url, {"language": "ar"}).content.decode()
    assert "No member matches these filters." in page
    assert "0 members" in page


def test_directory_pages_twenty_at_a_time(client):
    for _ in range(21):
        NetworkProfileFactory()
    first = client.get(reverse("network:directory"))
    assert len(first.context["page_obj"].object_list) == 20
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(reverse("network:directory"), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 1
    filtered = client.get(reverse("network:directory"), {"country": "Kazakhstan"})
    assert 'href="?country=Kazakhstan&amp;page=2"' in filtered.content.decode()


def test_directory_answers_bad_filters_without_an_error(client):
    NetworkProfileFactory(user__last_name="Robustova")
    page = client.get(reverse("network:directory"), {"expertise": "x", "page": "z"})
    assert page.status_code == 200
    assert "Robustova" in page.content.decode()
    api = client.get("/api/v1/network/profiles/", {"expertise": "nope"})
    assert api.status_code == 200
    assert api.json()["items"] == []


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar", "ru", "fr", "es"])
def test_directory_and_profile_read_in_all_six_languages(client, language):
    profile = NetworkProfileFactory(user__last_name="Polyglotova")
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/network/")
    assert page.status_code == 200
    assert f'lang="{language}"' in page.content.decode()
    assert "Polyglotova" in page.content.decode()
    assert client.get(f"{prefix}/network/people/{profile.pk}/").status_code == 200


def test_languages_spoken_are_named_in_the_readers_language(client):
    profile = NetworkProfileFactory(languages=",de,ru,")
    page = client.get(f"/fr/network/people/{profile.pk}/").content.decode()
    assert "Allemand" in page and "Russe" in page


def test_search_words_that_look_like_syntax_give_no_error(client):
    NetworkProfileFactory(user__last_name="Syntaxova")
    for words in ['"', "(*", "OR AND", "a:b", "-", "王芳"]:
        response = client.get(reverse("network:directory"), {"q": words})
        assert response.status_code == 200, words


def test_too_many_languages_are_refused_with_the_reason(client):
    from accounts.models import SPOKEN_LANGUAGE_CHOICES

    client.force_login(UserFactory())
    response = client.post(
        reverse("network:my_profile"),
        {
            "opted_in": "on",
            "visibility": PUBLIC,
            "languages": [code for code, _name in SPOKEN_LANGUAGE_CHOICES],
        },
    )
    assert response.status_code == 200
    assert "Choose at most 20 languages." in response.content.decode()
    assert not NetworkProfile.objects.exists()


def test_directory_queries_do_not_grow_with_the_members_shown(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    patents = IPArea.objects.get(code="patents")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("network:directory")).status_code == 200
        return len(queries)

    client.force_login(UserFactory())
    NetworkProfileFactory(expertise=[patents])
    count()  # the first request of a site creates its settings
    few = count()
    for _ in range(6):
        NetworkProfileFactory(expertise=[patents])
    assert count() == few
