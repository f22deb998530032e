import pytest


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
