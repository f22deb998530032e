"""iCalendar rendering of sessions: pure, fed plain objects, no queries."""

from icalendar import Calendar, Event

PRODID = "-//Silk Road IP Academy//Sessions//EN"


def sessions_to_ical(sessions, *, name: str, site_url: str, domain: str) -> bytes:
    """An iCalendar file with one event per session (times in UTC)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{domain}")
        event.add("dtstamp", session.cohort.updated_at)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", f"{session.cohort.title}: {session.title}")
        details = [session.cohort.title]
        if session.online_url:
            event.add("url", session.online_url)
            details.append(session.online_url)
        if session.room:
            event.add("location", session.room)
        elif session.online_url:
            event.add("location", session.online_url)
        details.append(site_url)
        event.add("description", "\n".join(details))
        calendar.add_component(event)
    return calendar.to_ical()
