from django.db.models import QuerySet
from django.utils import timezone

from cohorts.models import Office, OfficeApiToken


def office_api_token_create(*, office: Office, name: str) -> tuple[OfficeApiToken, str]:
    """Create a token for `office`; returns the record and the token, shown only now."""
    token = OfficeApiToken.generate()
    record = OfficeApiToken(
        office=office,
        name=name,
        prefix=token[:8],
        token_hash=OfficeApiToken.hash(token),
    )
    record.full_clean()
    record.save()
    return record, token


def office_api_token_authenticate(token: str) -> OfficeApiToken | None:
    """The live token record matching `token`, with its office; records the use."""
    if not token:
        return None
    record = (
        OfficeApiToken.objects.select_related("office")
        .filter(token_hash=OfficeApiToken.hash(token), revoked_at__isnull=True)
        .first()
    )
    if record is not None:
        OfficeApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record


def office_api_token_revoke(*, token: OfficeApiToken) -> None:
    """Revoke a token (idempotent)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def office_api_token_list() -> QuerySet[OfficeApiToken]:
    return OfficeApiToken.objects.select_related("office")
