"""The one way credentials write a moment: an XML Schema dateTime in UTC to the
second ("2026-08-03T09:30:00Z"), as the VC data model and its proofs expect."""

from datetime import UTC, datetime


def xsd_datetime(value: datetime | str) -> str:
    """`value` as "YYYY-MM-DDTHH:MM:SSZ"; a naive moment is taken as UTC and a
    string (already written) is returned unchanged."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
