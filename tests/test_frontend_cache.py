"""The CDN is told what changed: a purge receiver on loopback (an HTTP cache
that accepts PURGE, as Varnish does) records what a publish and a revocation
ask it to drop."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from certificates.services import certificate_revoke
from certificates.services.certificates import certificate_issue
from tests.certificates.factories import CompletedEnrolmentFactory
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    catalogue,
    translate_page,
)
from training.settings.frontend_cache import frontend_cache_backends

pytestmark = pytest.mark.django_db


@pytest.fixture
def purges(settings):
    """Purges received on 127.0.0.1, as "host/path"; the CDN the settings name."""
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append(self.headers["Host"] + self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = frontend_cache_backends(
        purge_url=f"http://127.0.0.1:{server.server_port}"
    )
    yield received
    server.shutdown()
    server.server_close()


def test_publishing_a_lesson_purges_it_and_its_course_in_every_language(
    purges, django_capture_on_commit_callbacks
):
    course = CoursePageFactory(parent=catalogue(), title="Enforcement", slug="enf")
    lesson = LessonPageFactory(parent=course, title="Customs", slug="customs")
    french = translate_page(lesson, "fr", title="Douanes")
    purges.clear()

    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()

    host = lesson.get_site().hostname
    port = lesson.get_site().port
    origin = host if port == 80 else f"{host}:{port}"
    assert sorted(purges) == sorted(
        [
            f"{origin}{lesson.url}",
            f"{origin}{french.url}",
            f"{origin}{course.url}",
            f"{origin}{french.get_parent().url}",
        ]
    )
    assert french.url.startswith("/fr/")


def test_revoking_a_certificate_purges_its_public_urls(
    purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    assert purges == []  # a new certificate was never served

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Wrong attendance records.")

    code = certificate.code
    assert sorted(purges) == sorted(
        "testserver" + path
        for path in [
            f"/verify/{code}/",
            f"/api/v1/certificates/{code}",
            f"/certificates/{code}/credential.json",
            f"/certificates/{code}/credential.jwt",
            reverse(
                "certificates:status_list",
                kwargs={"slug": certificate.status_list.slug},
            ),
            "/.well-known/did.json",
        ]
    )


def test_without_a_cdn_nothing_is_purged(
    purges, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    certificate = certificate_issue(enrolment=CompletedEnrolmentFactory())
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Wrong attendance records.")
    assert purges == []


def test_frontend_cache_backends_follow_the_environment():
    assert frontend_cache_backends() == {}
    backends = frontend_cache_backends(
        cloudflare_zone_id="zone",
        cloudflare_token="token",
        cloudfront_distribution_id="dist",
        hostnames=["academy.example.org"],
    )
    assert backends["cloudflare"]["ZONEID"] == "zone"
    assert backends["cloudflare"]["BEARER_TOKEN"] == "token"
    assert backends["cloudfront"]["DISTRIBUTION_ID"] == "dist"
    assert {b["HOSTNAMES"][0] for b in backends.values()} == {"academy.example.org"}
