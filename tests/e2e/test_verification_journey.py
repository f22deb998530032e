"""Journey 5: a verifier checks a demo certificate typed carelessly, then a revoked one."""

import pytest

from certificates.models import Certificate

from .conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]


def carelessly(code: str) -> str:
    """SRIP-1NGW-6YEM-YRNW-BENH -> ' srip 1ngw6yem-YRNW  benh ' (as people type)."""
    prefix, a, b, c, d = code.split("-")
    return f" {prefix.lower()} {a.lower()}{b.lower()}-{c}  {d.lower()} "


def test_verifier_sees_a_valid_and_a_revoked_certificate(demo, page, shot):
    demo_certificates = list(Certificate.objects.order_by("issued_at"))
    valid = next(c for c in demo_certificates if c.status == "valid")
    revoked = next(c for c in demo_certificates if c.status == "revoked")

    page.goto(f"{demo}/")
    page.get_by_role("link", name="Verify a certificate").first.click()
    page.wait_for_load_state()
    shot(page, "verification form")
    page.get_by_label("Verification code").fill(carelessly(valid.code))
    shot(page, "code typed carelessly")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
    shot(page, "valid certificate")
    assert page.url.endswith(f"/verify/{valid.code}/")
    status = page.get_by_role("heading", name="Status:")
    assert status.inner_text().endswith("Valid")
    main = page.locator("main").inner_text()
    assert "is valid" in main
    assert valid.holder_name in main

    page.get_by_role("link", name="Verify a certificate").first.click()
    page.wait_for_load_state()
    page.get_by_label("Verification code").fill(carelessly(revoked.code))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
    shot(page, "revoked certificate")
    assert page.url.endswith(f"/verify/{revoked.code}/")
    assert page.get_by_role("heading", name="Status:").inner_text().endswith("Revoked")
    main = page.locator("main").inner_text()
    assert "This certificate was revoked on" in main
    assert revoked.revocation_reason in main
    assert "is valid" not in main

    # Something that cannot be a code is told so, with what was typed kept.
    page.get_by_role("link", name="Verify a certificate").first.click()
    page.wait_for_load_state()
    page.get_by_label("Verification code").fill("hello world")
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
    shot(page, "not a code")
    assert page.get_by_role("heading", level=1).inner_text() == "Not a certificate code"
    assert "cannot be a certificate code" in page.locator("main").inner_text()
    assert page.get_by_label("Verification code").input_value() == "hello world"


def test_verifier_uploading_a_changed_pdf_hears_the_mismatch_first(demo, page, shot):
    certificate = next(
        c
        for c in Certificate.objects.order_by("issued_at")
        if c.status == "valid" and c.pdf
    )
    tampered = certificate.pdf.open("rb").read().replace(b"%%EOF", b"%%EOF\n% x", 1)

    page.goto(f"{demo}/verify/{certificate.code}/")
    page.get_by_label("Certificate PDF").set_input_files(
        files=[
            {
                "name": "certificate.pdf",
                "mimeType": "application/pdf",
                "buffer": tampered,
            }
        ]
    )
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    shot(page, "changed pdf result")

    focused = page.evaluate(
        "() => ({id: document.activeElement.id,"
        " text: document.activeElement.innerText,"
        " role: document.activeElement.getAttribute('role')})"
    )
    assert focused["id"] == "pdf-result", focused
    assert focused["role"] == "alert"
    assert "not the file issued" in focused["text"]
    result_top = page.locator("#pdf-result").bounding_box()["y"]
    status_top = page.get_by_role("heading", name="Status:").bounding_box()["y"]
    assert result_top < status_top
    # Within the first screen, without scrolling.
    assert result_top < 800
    assert page.evaluate("window.scrollY") < result_top
