"""Creating and rotating signing keys, audited.

The keys themselves are files handled by `certificates.credentials.keys` (pure,
no ORM); these services add the audit entry. A key is logged on its office, or
for the platform's key on the default Wagtail Site.
"""

from wagtail.models import Site

from certificates.credentials import keys
from cohorts.models import Office
from training.audit import SIGNING_KEY_CREATE, SIGNING_KEY_ROTATE, audit_log


def _audit_subject(controller: str):
    if controller == "platform":
        return Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    code = controller.removeprefix("office-")
    return Office.objects.filter(short_code__iexact=code).first()


def _audit(action: str, controller: str, key, by) -> None:
    subject = _audit_subject(controller)
    if subject is not None:
        data = {"controller": controller, "key": key.key_id}
        audit_log(action, subject, by, data, title=controller)


def signing_key_create(*, controller: str = "platform", by=None) -> keys.SigningKey:
    """Create the first signing key of the platform or an office; one audit entry.

    Raises CredentialError if the controller already has a key. Not idempotent.
    """
    key = keys.signing_key_create(controller)
    _audit(SIGNING_KEY_CREATE, controller, key, by)
    return key


def signing_key_rotate(*, controller: str = "platform", by=None) -> keys.SigningKey:
    """Make a new current key for the platform or an office; one audit entry.

    Earlier public keys stay published, so credentials they signed still verify.
    """
    key = keys.signing_key_rotate(controller)
    _audit(SIGNING_KEY_ROTATE, controller, key, by)
    return key
