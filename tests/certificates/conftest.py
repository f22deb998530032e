import pytest

from tests.cohorts.factories import CohortOfficeFactory, OfficeFactory, coordinator_of


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _signing_keys(settings, tmp_path):
    """A throw-away platform key per test (the crypto package creates it on demand)."""
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True


@pytest.fixture(autouse=True)
def _fast_pdf(request, monkeypatch):
    """Most tests need a PDF, not a real rendering; `real_pdf` tests render with WeasyPrint."""
    if "real_pdf" in request.keywords:
        return
    from certificates import pdf

    monkeypatch.setattr(
        pdf, "certificate_pdf_render", lambda data: f"%PDF-1.7 {data['code']}".encode()
    )


@pytest.fixture
def joint(django_capture_on_commit_callbacks):
    from certificates.services import certificate_issue

    from .factories import CompletedCohortFactory, CompletedEnrolmentFactory

    """A completed cohort led by CNIPA with IPOS and the GCC Patent Office, two
    certificates issued, and a coordinator per office."""
    offices = {
        code: OfficeFactory(short_code=code, name=name)
        for code, name in [
            ("cnipa", "China National Intellectual Property Administration"),
            ("ipos", "Intellectual Property Office of Singapore"),
            ("gccpo", "GCC Patent Office"),
        ]
    }
    cohort = CompletedCohortFactory(lead_office=offices["cnipa"])
    for code in ("ipos", "gccpo"):
        CohortOfficeFactory(cohort=cohort, office=offices[code])
    coordinators = {
        code: coordinator_of(office, title=f"Director, {code.upper()} Academy")
        for code, office in offices.items()
    }
    with django_capture_on_commit_callbacks(execute=True):
        certificates = [
            certificate_issue(enrolment=CompletedEnrolmentFactory(cohort=cohort))
            for _ in range(2)
        ]
    return cohort, offices, coordinators, certificates


@pytest.fixture
def office_held_key(tmp_path, joint):
    from certificates.credentials.keys import office_controller

    """IPOS keeps its private key and registered only the public key."""
    from certificates.credentials.keys import public_key_register
    from certificates.credentials.offline_sign import keygen, load_private_key

    path = tmp_path / "ipos-key.pem"
    public = keygen(path)
    public_key_register(office_controller("ipos"), public)
    return load_private_key(path)
