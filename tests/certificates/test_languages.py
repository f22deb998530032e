"""Certificates in English plus the lead office's language; the holder's name in
their own script (PDF and signed credential)."""

import datetime
import json

import jsonschema
import pytest

from certificates import pdf
from certificates.selectors import certificate_pdf_data
from certificates.services import certificate_issue
from tests.courses.factories import translate_page

from .factories import CompletedEnrolmentFactory
from .test_credentials import SCHEMA, _fetch_with

pytestmark = pytest.mark.django_db

RUSSIAN_MONTHS_GENITIVE = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()


@pytest.fixture
def russian_led_certificate():
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="ru",
        user__native_name="Айгерим Нурлановна",
    )
    translate_page(enrolment.cohort.course, "ru", title="Патентный поиск")
    return certificate_issue(enrolment=enrolment)


def test_second_language_and_translated_title_are_frozen_at_issue(
    russian_led_certificate,
):
    assert russian_led_certificate.second_language == "ru"
    assert russian_led_certificate.course_title_second == "Патентный поиск"


def test_english_lead_office_prints_english_only():
    enrolment = CompletedEnrolmentFactory(cohort__lead_office__language="en")
    certificate = certificate_issue(enrolment=enrolment)
    assert certificate.second_language == ""
    html = pdf.certificate_html(certificate_pdf_data(certificate))
    assert 'class="lead second"' not in html


def test_pdf_text_is_in_english_and_the_lead_office_language(
    russian_led_certificate,
):
    html = pdf.certificate_html(certificate_pdf_data(russian_led_certificate))
    assert '<html lang="en">' in html
    assert "Certificate of completion" in html
    assert "Айгерим Нурлановна" in html  # the holder's own script
    assert 'lang="ru" dir="ltr">Патентный поиск</p>' in html
    # Printed wording that suits any holder: no "завершил(а)".
    assert "Настоящий сертификат выдан" in html
    assert "за успешное завершение курса" in html
    assert "(а)" not in html
    # The Russian lines are rendered under translation.override("ru"), dates
    # in the Russian long form ("22 октября 2026 г.", month in the genitive).
    start = russian_led_certificate.start_date
    genitive = RUSSIAN_MONTHS_GENITIVE[start.month - 1]
    assert f"{start.day} {genitive} {start.year}\u202fг." in html


def _pdf_text(html: str) -> str:
    """The text laid out on the pages of the PDF WeasyPrint renders from `html`."""
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    document = weasyprint.HTML(string=html).render()
    return " ".join(
        box.text
        for page in document.pages
        for box in page._page_box.descendants(placeholders=True)
        if isinstance(box, TextBox)
    )


@pytest.mark.real_pdf
def test_chinese_certificate_pdf_writes_dates_as_chinese_readers_expect():
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="zh-hans",
        cohort__start_date=datetime.date(2026, 7, 20),
        cohort__end_date=datetime.date(2026, 8, 3),
        user__native_name="王芳",
    )
    data = certificate_pdf_data(certificate_issue(enrolment=enrolment))
    text = _pdf_text(pdf.certificate_html(data))
    assert "2026年7月20日 – 2026年8月3日" in text
    assert "八月" not in text  # not "3 八月 2026"
    assert "20 July 2026 – 3 August 2026" in text  # the English side


def test_arabic_second_language_is_right_to_left():
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="ar", user__native_name="فاطمة السيد"
    )
    html = pdf.certificate_html(
        certificate_pdf_data(certificate_issue(enrolment=enrolment))
    )
    assert 'lang="ar" dir="rtl"' in html
    assert "فاطمة السيد" in html


def test_credential_carries_both_languages_and_stays_valid(
    client, russian_led_certificate
):
    credential = russian_led_certificate.credential
    jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text())).validate(credential)
    names = [
        identity["identityHash"]
        for identity in credential["credentialSubject"]["identifier"]
        if identity["identityType"] == "name"
    ]
    assert "Айгерим Нурлановна" in names
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "en"
    (related,) = achievement["related"]
    assert related["inLanguage"] == "ru"
    assert related["name"] == "Патентный поиск"
    assert "Related" in related["type"]

    verify = pytest.importorskip("certificates.credentials.verify")
    report = verify.credential_verify(credential, fetch_status=_fetch_with(client))
    assert report.valid, report.as_dict()


def test_bcp47_tags():
    from certificates.services.credentials import bcp47

    assert bcp47("zh-hans") == "zh-Hans"
    assert bcp47("ar") == "ar"
    assert bcp47("en-gb") == "en-GB"


def test_chinese_side_of_the_pdf_writes_dates_the_chinese_way():
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="zh-hans",
        cohort__start_date=datetime.date(2026, 8, 3),
        cohort__end_date=datetime.date(2026, 8, 7),
    )
    html = pdf.certificate_html(
        certificate_pdf_data(certificate_issue(enrolment=enrolment))
    )
    assert "2026年8月3日 – 2026年8月7日" in html
    assert "八月" not in html
    assert "3 August 2026 – 7 August 2026" in html  # the English side


def test_second_language_follows_the_holders_preference():
    enrolment = CompletedEnrolmentFactory(
        cohort__lead_office__language="ru", user__language="zh-hans"
    )
    certificate = certificate_issue(enrolment=enrolment)
    assert certificate.second_language == "zh-hans"
    html = pdf.certificate_html(certificate_pdf_data(certificate))
    assert 'lang="zh-hans"' in html and 'lang="ru"' not in html
