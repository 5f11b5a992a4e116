"""The iCalendar text of a feed (RFC 5545, read by Outlook and Google Calendar), through the
`icalendar` package: all-day events (VALUE=DATE), a UID that stays the same per event."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from notifications.selectors import CalendarEvent

PRODID = "-//Mantelzorgvriendelijk werkgeverschap//Agenda//NL"
UID_DOMAIN = "mantelzorgvriendelijk.invalid"


def ics_for(events: list[CalendarEvent], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    base = settings.SITE_URL.rstrip("/")
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", base + item.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
