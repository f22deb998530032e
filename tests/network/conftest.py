import pytest

from tests.accounts.factories import UserFactory
from tests.certificates.factories import CompletedEnrolmentFactory


@pytest.fixture(autouse=True)
def _signing_keys(settings, tmp_path):
    """A throw-away platform key per test, for the certificates holders hold."""
    settings.SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.SIGNING_KEYS_AUTO_CREATE = True


@pytest.fixture
def holder(db):
    """A member holding one valid certificate of the platform."""
    from certificates.services import certificate_issue

    user = UserFactory()
    certificate_issue(enrolment=CompletedEnrolmentFactory(user=user))
    return user
