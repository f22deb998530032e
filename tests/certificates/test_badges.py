"""Badge images: in the credential, on the pages, and baked for the holder."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from PIL import Image

from certificates.badges import PngError, badge_draw, png_bake, png_unbake
from certificates.services import certificate_issue
from tests.accounts.factories import UserFactory
from tests.courses.factories import ImageFactory

from .factories import CompletedCohortFactory, CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(
        enrolment=CompletedEnrolmentFactory(
            cohort__course__title="Patent examination cooperation"
        )
    )


def _fetch_with(client):
    def fetch(url):
        return client.get(urlsplit(url).path).json()

    return fetch


def _png_size(content: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(content)).size


def _badge_url(certificate) -> str:
    return reverse(
        "certificates:achievement_badge", kwargs={"cohort_id": certificate.cohort_id}
    )


def test_credential_carries_issuer_and_achievement_images_and_verifies(
    client, certificate
):
    from certificates.credentials import verify

    credential = certificate.credential
    achievement_image = credential["credentialSubject"]["achievement"]["image"]
    issuer_image = credential["issuer"]["image"]
    assert achievement_image["type"] == "Image" == issuer_image["type"]
    assert achievement_image["caption"] == (
        "Badge of the course Patent examination cooperation"
    )
    # Both resolve to PNG images a verifier or wallet can show.
    for image in (achievement_image, issuer_image):
        response = client.get(urlsplit(image["id"]).path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert _png_size(response.content) == (400, 400)
    report = verify.credential_verify(credential, fetch_status=_fetch_with(client))
    assert report.valid, report.as_dict()


def test_achievement_image_is_the_course_badge_image_when_the_editor_set_one(
    client, certificate
):
    drawn = client.get(_badge_url(certificate)).content
    course = certificate.cohort.course.specific
    course.badge_image = ImageFactory(file__format="JPEG", file__filename="b.jpg")
    course.save()

    content = client.get(_badge_url(certificate)).content

    assert content != drawn
    assert content.startswith(b"\x89PNG")  # a PNG rendition of the JPEG
    assert _png_size(content) == (400, 400)


def test_badge_of_a_cohort_without_certificates_is_not_found(client):
    cohort = CompletedCohortFactory()
    url = reverse("certificates:achievement_badge", kwargs={"cohort_id": cohort.pk})
    assert client.get(url).status_code == 404


def test_holder_downloads_the_badge_baked_with_the_credential_that_verifies(
    client, certificate
):
    from certificates.credentials import verify

    client.force_login(certificate.holder)
    url = reverse("certificates:certificate_badge", kwargs={"code": certificate.code})

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert f'filename="{certificate.code}.png"' in response["Content-Disposition"]
    assert _png_size(response.content) == (400, 400)  # still an image
    baked = json.loads(png_unbake(response.content))
    assert baked == certificate.credential
    report = verify.credential_verify(baked, fetch_status=_fetch_with(client))
    assert report.valid, report.as_dict()


def test_only_the_holder_gets_the_baked_badge(client, certificate):
    url = reverse("certificates:certificate_badge", kwargs={"code": certificate.code})

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    client.force_login(UserFactory(is_superuser=True))
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only the holder of this certificate can download its baked badge." in html
    assert (
        reverse("certificates:verify_code", kwargs={"code": certificate.code}) in html
    )
    assert b"openbadgecredential" not in response.content


def test_my_learning_shows_the_badge_and_the_download(client, certificate):
    client.force_login(certificate.holder)

    html = client.get("/learning/").content.decode()

    badge = re.search(r'<img class="achievement-badge"[^>]*>', html).group(0)
    assert f'src="{_badge_url(certificate)}"' in badge
    assert 'alt="Badge of the course Patent examination cooperation"' in badge
    assert 'width="72" height="72"' in badge
    download = reverse(
        "certificates:certificate_badge", kwargs={"code": certificate.code}
    )
    assert f'href="{download}"' in html and "Download badge (PNG)" in html


def test_verification_page_shows_the_badge(client, certificate):
    url = reverse("certificates:verify_code", kwargs={"code": certificate.code})

    html = client.get(url).content.decode()

    badge = re.search(r'<img class="achievement-badge"[^>]*>', html).group(0)
    assert f'src="{_badge_url(certificate)}"' in badge
    assert 'alt="Badge of the course Patent examination cooperation"' in badge
    # Only the holder downloads the baked badge, from My learning.
    assert "Download badge (PNG)" not in html


def test_baking_again_replaces_the_credential_rather_than_adding_one():
    png = badge_draw(text="PE", colour="#1d5f8f")

    twice = png_bake(png_bake(png, '{"id": "old"}'), '{"id": "new"}')

    assert png_unbake(png) is None
    assert twice.count(b"openbadgecredential") == 1
    assert png_unbake(twice) == '{"id": "new"}'


def test_a_file_that_is_not_a_png_is_refused_clearly():
    with pytest.raises(PngError):
        png_unbake(b"GIF89a not a png")
