"""Creating, rotating and withdrawing signing keys, audited; an office's own DID.

The keys themselves are files handled by `certificates.credentials.keys` (pure,
no ORM); these services add authorisation and the audit entry. A key is logged on
its office, or for the platform's key on the default Wagtail Site.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from accounts.permissions import is_platform_admin
from certificates.credentials import keys
from certificates.exceptions import OfficeKeysPermissionError, OfficeOwnDidError
from cohorts.models import Office
from cohorts.selectors.scoping import office_ids_for_user
from training.audit import (
    OFFICE_DID_SET,
    SIGNING_KEY_CREATE,
    SIGNING_KEY_ROTATE,
    SIGNING_KEY_WITHDRAW,
    audit_log,
)


def _audit_subject(controller: str):
    if controller == "platform":
        return Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    code = controller.removeprefix("office-")
    return Office.objects.filter(short_code__iexact=code).first()


def _audit(action: str, controller: str, key, by, **extra) -> None:
    subject = _audit_subject(controller)
    if subject is not None:
        data = {"controller": controller, "key": key.key_id, **extra}
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


def user_may_manage_office_keys(user, office: Office) -> bool:
    """Platform admins for every office; coordinators for their own offices."""
    return is_platform_admin(user) or office.pk in office_ids_for_user(user)


def signing_key_withdraw(
    *, controller: str, fragment: str, on: datetime.date, reason: str, by=None
) -> keys.PublicKey:
    """Withdraw a key of the platform or an office from the start of ``on`` (UTC),
    e.g. when it was compromised. Its DID document marks it ``revoked`` from then:
    signatures made that day or later fail verification, earlier ones still
    verify. When it was the current key held by the platform, a new key is made
    at once so signing goes on (signing refuses the withdrawn key). Audit-logged.

    Raises ValidationError for a missing reason or a future date, CredentialError
    for an unknown key. Idempotent: a withdrawn key keeps its first date and
    reason (and no second entry is logged). No authorisation: see
    office_key_withdraw for the admin.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    if on > timezone.now().date():
        raise ValidationError(
            {"on": _("A key is withdrawn from today or an earlier day, not later.")}
        )
    before = {k.fragment: k for k in keys.public_keys_list(controller)}
    if before.get(fragment) and before[fragment].withdrawn_on:
        return before[fragment]
    moment = datetime.datetime.combine(on, datetime.time.min, tzinfo=datetime.UTC)
    key = keys.public_key_withdraw(
        controller, fragment, on=moment, reason=reason.strip()
    )
    _audit(
        SIGNING_KEY_WITHDRAW,
        controller,
        key,
        by,
        withdrawn_on=on.isoformat(),
        reason=key.withdrawal_reason,
    )
    if not key.retired and not key.held_by_controller:
        signing_key_rotate(controller=controller, by=by)
    return key


def office_key_withdraw(
    *, office: Office, fragment: str, on: datetime.date, reason: str, by
) -> keys.PublicKey:
    """signing_key_withdraw for one of an office's keys, by its coordinators or a
    platform admin; raises OfficeKeysPermissionError for anyone else."""
    if not user_may_manage_office_keys(by, office):
        raise OfficeKeysPermissionError()
    return signing_key_withdraw(
        controller=keys.office_controller(office.short_code),
        fragment=fragment,
        on=on,
        reason=reason,
        by=by,
    )


def office_own_did_set(*, office: Office, host: str, by) -> str:
    """Make an office sign under ``did:web:<host>`` (its own domain), or under the
    platform-hosted DID again for an empty ``host``. The office then hosts the
    document (``office_did_document``) at ``https://<host>/.well-known/did.json``.

    Refused (OfficeOwnDidError) once the office has signed anything (its
    endorsements and status lists name its DID; a new one would orphan them):
    such an office links its domain with a DID Configuration instead. Raises
    OfficeKeysPermissionError for anyone but platform admins, DidResolutionError
    for a host that is not a host name. Audit-logged; idempotent.
    """
    from certificates.credentials.did import (
        default_controller_did,
        own_did_for_host,
        platform_did,
    )
    from certificates.models import CertificateEndorsement, StatusList

    if not is_platform_admin(by):
        raise OfficeKeysPermissionError()
    controller = keys.office_controller(office.short_code)
    did = own_did_for_host(host) if host.strip() else None
    if keys.controller_own_did(controller) == did:
        return did or default_controller_did(controller)
    if did is not None and (
        did == platform_did() or keys.controller_for_own_did(did) is not None
    ):
        raise OfficeOwnDidError(
            _("%(did)s is already the DID of the platform or of another office.")
            % {"did": did}
        )
    signed = (
        CertificateEndorsement.objects.filter(office=office)
        .exclude(signed_at=None)
        .exists()
        or StatusList.objects.filter(office=office).exists()
    )
    if signed:
        raise OfficeOwnDidError(
            _(
                "%(office)s has already signed under its current DID. Link your "
                "domain to it with a DID Configuration instead."
            )
            % {"office": office.name}
        )
    keys.controller_own_did_set(controller, did)
    subject = _audit_subject(controller)
    audit_log(OFFICE_DID_SET, subject, by, {"did": did or ""}, title=office.short_code)
    return did or default_controller_did(controller)


def office_did_configuration(*, office: Office, host: str, by) -> dict:
    """The DID Configuration (``.well-known/did-configuration.json``) by which the
    office's domain ``host`` is linked to the DID the office signs under: one
    Domain Linkage Credential (JWT, ES256) signed now with the office's key, valid
    for a year. Writes nothing; generate it again to renew.

    Raises OfficeKeysPermissionError for anyone but the office's coordinators and
    platform admins, DidResolutionError for a bad host, SigningKeyNotHeldError
    when the office keeps its own key (it cannot be signed here),
    SigningKeyWithdrawnError when its current key was withdrawn.
    """
    from certificates.credentials.did import own_did_for_host
    from certificates.credentials.domainlinkage import (
        did_configuration_build,
        domain_linkage_jwt,
    )

    if not user_may_manage_office_keys(by, office):
        raise OfficeKeysPermissionError()
    host = host.strip().lower()
    own_did_for_host(host)
    key = keys.signing_key_get(keys.office_controller(office.short_code))
    now = timezone.now().replace(microsecond=0)
    token = domain_linkage_jwt(
        key,
        f"https://{host}",
        valid_from=now,
        valid_until=now + datetime.timedelta(days=365),
    )
    return did_configuration_build([token])


@transaction.atomic
def office_credential_settings_update(
    *, office: Office, linkedin_organization_id: str, by
):
    """Set how the office's certificates present it (its LinkedIn organization
    id). Platform admins only (OfficeKeysPermissionError). Idempotent."""
    from certificates.models import OfficeCredentialSettings

    if not is_platform_admin(by):
        raise OfficeKeysPermissionError()
    row, _created = OfficeCredentialSettings.objects.get_or_create(office=office)
    row.linkedin_organization_id = linkedin_organization_id.strip()
    row.full_clean()
    row.save()
    return row
