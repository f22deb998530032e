"""Secret calendar feed tokens: one per person, replaceable."""

from cohorts.models import CalendarToken


def calendar_token_get(*, user) -> CalendarToken:
    """The user's calendar feed token, created on first use. Idempotent."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_reset(*, user) -> CalendarToken:
    """Replace the user's calendar token: links with the old token stop working."""
    from cohorts.models.attendance import _new_calendar_token

    token, _created = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": _new_calendar_token()}
    )
    return token
