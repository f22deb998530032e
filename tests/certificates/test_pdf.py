import datetime

import pytest

from certificates import pdf

DATA = {
    "code": "SRIP-7K3M-Q9WD-X2HT-AB41",
    "course_title": "Patent search and examination",
    "cohort_title": "Spring 2026",
    "start_date": datetime.date(2026, 3, 2),
    "end_date": datetime.date(2026, 3, 13),
    "hours": 24,
    "lead_office_name": "China National Intellectual Property Administration",
    "co_offices": ["GCC Patent Office", "Eurasian Patent Office"],
    "issued_on": datetime.date(2026, 3, 20),
    "valid_until": None,
    "verify_url": "http://testserver/verify/SRIP-7K3M-Q9WD-X2HT-AB41/",
}


def test_qr_code_is_inline_svg():
    svg = pdf.qr_svg(DATA["verify_url"])
    assert svg.startswith("<svg") and "path" in svg


@pytest.mark.real_pdf
@pytest.mark.parametrize(
    ("name", "native"),
    [
        ("Wang Fang", "王芳"),
        ("Fatima Al-Sayed", "فاطمة السيد"),
        ("Aigerim Nurlanovna", "Айгерим Нурлановна"),
    ],
)
def test_pdf_renders_names_in_their_own_script(name, native):
    content = pdf.certificate_pdf_render(
        {**DATA, "holder_name": name, "holder_native_name": native}
    )
    assert content.startswith(b"%PDF")


def test_html_has_the_names_and_code():
    html = pdf.certificate_html(
        {**DATA, "holder_name": "Wang Fang", "holder_native_name": "王芳"}
    )
    assert "王芳" in html and DATA["code"] in html and "<svg" in html


@pytest.mark.real_pdf
@pytest.mark.parametrize(("language", "direction"), [("zh-hans", "ltr"), ("ar", "rtl")])
def test_two_languages_and_three_cosigners_fit_on_one_page(language, direction):
    import weasyprint

    signer = {
        "signatory_name": "Min Zhou",
        "signatory_title": "Training coordinator",
        "name": "Intellectual Property Office of Singapore (IPOS)",
    }
    html = pdf.certificate_html(
        {
            **DATA,
            "holder_name": "Wang Fang",
            "holder_native_name": "王芳",
            "second_language": language,
            "second_dir": direction,
            "course_title_second": "专利检索与审查",
            "cosigners": [signer, signer, signer],
        }
    )
    assert len(weasyprint.HTML(string=html).render().pages) == 1
