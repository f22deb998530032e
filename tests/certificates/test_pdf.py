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
