"""Screens whose wording an office reads first: the revoke form in Arabic and
the certificate in Russian (screenshots under artifacts/screenshots/)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from certificates import pdf
from certificates.models import Certificate
from certificates.selectors import certificate_pdf_data
from certificates.services import certificate_issue
from tests.certificates.factories import CompletedEnrolmentFactory
from training import dates

from .conftest import BROWSER_DB, login

pytestmark = [pytest.mark.browser, BROWSER_DB]

# The completed demo cohort is led by CNIPA.
LEAD = "coordinator.cnipa@example.org"
A4_LANDSCAPE = {"width": 1123, "height": 794}


def test_revoke_form_in_arabic_tells_revoke_from_cancel(demo, page, shot):
    certificate = next(
        c for c in Certificate.objects.order_by("issued_at") if c.status == "valid"
    )
    get_user_model().objects.filter(email=LEAD).update(language="ar")
    login(page, demo, LEAD)
    page.goto(f"{demo}/admin/certificates/revoke/{certificate.pk}/")
    form = page.locator("#main form, main form").first
    expect(page.get_by_label("سبب الإبطال")).to_be_visible()
    page.get_by_label("سبب الإبطال").fill("صدرت عن طريق الخطأ.")
    shot(page, "revoke form in Arabic")
    # The action and the way out are two different words: إبطال, إلغاء.
    expect(form.get_by_role("button", name="إبطال الشهادة")).to_be_visible()
    expect(form.get_by_role("link", name="إلغاء", exact=True)).to_be_visible()
    assert "إلغاء الشهادة" not in page.content()

    form.get_by_role("button", name="إبطال الشهادة").click()
    expect(page.get_by_text(f"أُبطلت الشهادة {certificate.code}.")).to_be_visible()
    shot(page, "certificate revoked in Arabic")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED


def test_certificate_of_a_russian_led_cohort_has_no_gender_slashes(page, shot):
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="ru",
        user__first_name="Aigerim",
        user__last_name="Nurlanovna",
        user__native_name="Айгерим Нурлановна",
    )
    certificate = certificate_issue(enrolment=enrolment)
    html = pdf.certificate_html(certificate_pdf_data(certificate))
    # The page WeasyPrint prints, shown in Chromium for the screenshot.
    page.set_viewport_size(A4_LANDSCAPE)
    page.set_content(html)
    shot(page, "certificate in Russian")
    russian = " ".join(page.locator('[lang="ru"]').all_inner_texts())
    assert "Настоящий сертификат выдан" in russian
    assert "за успешное завершение курса" in russian
    assert "(а)" not in page.inner_text("body")
    with translation.override("ru"):  # "22 октября 2026 г.", not "22 Октябрь"
        assert dates.format_day(certificate.start_date) in russian
    assert pdf.certificate_pdf_render(certificate_pdf_data(certificate)).startswith(
        b"%PDF"
    )
