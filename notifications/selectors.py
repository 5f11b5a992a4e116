"""Reads for the reminders and the calendars: what a member owns that is due, and the dates of an
organisation's programme (actions, checklist items, campaigns, the recognition's renewal)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from monitor.models import Campaign
from notifications.models import CalendarFeed
from notifications.tokens import feed_token
from pillars.models import ItemProgress, ProgressStatus
from pillars.selectors import ItemRow, items_for_member
from programme.models import OPEN_ACTION_STATUSES, Action, Membership, Organisation
from programme.scoping import OrgContext
from recognition.selectors import current_recognition

# The digest lists what is overdue and what falls due in the coming week.
DIGEST_HORIZON_DAYS = 7


@dataclass
class Digest:
    membership: Membership
    items: list[ItemRow]
    actions: list[Action]
    today: date

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.actions)


def _owned_actions(membership: Membership):
    """The actions a member owns: linked to a checklist item they are responsible for, or whose
    owner (a free text) is their name or e-mail address. An action owned by someone else's name
    is nobody's here: the text is not a link to an account."""
    user = membership.user
    names = {n.strip().lower() for n in (user.full_name, user.email) if n and n.strip()}
    by_name = Q()
    for name in names:
        by_name |= Q(owner__iexact=name)
    linked = Q(checklist_progress__responsible_member=membership)
    return Action.objects.filter(organisation_id=membership.organisation_id).filter(
        linked | by_name if names else linked
    )


def digest_for(membership: Membership, today: date) -> Digest:
    """What the member owns that is overdue or due within DIGEST_HORIZON_DAYS."""
    horizon = today + timedelta(days=DIGEST_HORIZON_DAYS)
    items = [
        row
        for row in items_for_member(
            organisation=membership.organisation, membership=membership, today=today
        )
        if row.due_date and row.due_date <= horizon and row.is_applicable and not row.is_done
    ]
    actions = list(
        _owned_actions(membership)
        .filter(status__in=OPEN_ACTION_STATUSES, planned_date__lte=horizon)
        .distinct()
        .order_by("planned_date", "title", "pk")
    )
    return Digest(membership=membership, items=items, actions=actions, today=today)


# --- Calendars ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable: the same object and date kind always has the same UID
    day: date
    summary: str
    description: str = ""
    url: str = ""


def _organisation_events(organisation: Organisation, *, owned_by: Membership | None):
    """The dates of one organisation: all of them, or (owned_by) only the member's own items and
    actions beside the organisation-wide dates (campaigns, renewal)."""
    slug = organisation.slug
    prefix = f"{organisation.name}: " if owned_by is not None else ""
    events = []
    actions = Action.objects.filter(organisation=organisation, planned_date__isnull=False)
    if owned_by is not None:
        actions = _owned_actions(owned_by).filter(planned_date__isnull=False)
    for action in actions.exclude(status="vervallen").distinct().order_by("planned_date", "pk"):
        events.append(
            CalendarEvent(
                uid=f"action-{action.pk}",
                day=action.planned_date,
                summary=prefix + _("Action: %(title)s") % {"title": action.title},
                description=action.get_status_display(),
                url=reverse("programme:action_detail", args=[slug, action.pk]),
            )
        )
    progress = (
        ItemProgress.objects.filter(organisation=organisation, due_date__isnull=False)
        .exclude(status=ProgressStatus.NOT_APPLICABLE)
        .select_related("item")
        .order_by("due_date", "pk")
    )
    if owned_by is not None:
        progress = progress.filter(responsible_member=owned_by)
    for row in progress:
        events.append(
            CalendarEvent(
                uid=f"item-{row.pk}",
                day=row.due_date,
                summary=prefix + _("Checklist: %(item)s") % {"item": row.item.display_text},
                description=row.get_status_display(),
                url=reverse("pillars:item", args=[slug, row.item_id]),
            )
        )
    for campaign in Campaign.objects.filter(organisation=organisation).order_by("opens_on", "pk"):
        url = reverse("monitor:campaign_detail", args=[slug, campaign.pk])
        events.append(
            CalendarEvent(
                uid=f"campaign-{campaign.pk}-opens",
                day=campaign.opens_on,
                summary=prefix + _("Monitor opens: %(title)s") % {"title": campaign.title},
                url=url,
            )
        )
        events.append(
            CalendarEvent(
                uid=f"campaign-{campaign.pk}-closes",
                day=campaign.closes_on,
                summary=prefix
                + _("Monitor closes (last day): %(title)s") % {"title": campaign.title},
                url=url,
            )
        )
    recognition = current_recognition(organisation=organisation)
    if recognition is not None and recognition.renewal_due:
        events.append(
            CalendarEvent(
                uid=f"recognition-{recognition.pk}-renewal",
                day=recognition.renewal_due,
                summary=prefix + _("Renew the recognition"),
                url=reverse("recognition:readiness", args=[slug]),
            )
        )
    return events


def organisation_events(organisation: Organisation) -> list[CalendarEvent]:
    return _organisation_events(organisation, owned_by=None)


def member_events(user) -> list[CalendarEvent]:
    """The user's own items and actions, and the campaigns and renewal, of every organisation
    they are a member of (and of no other)."""
    events = []
    memberships = Membership.objects.filter(user=user).select_related("organisation", "user")
    for membership in memberships:
        events.extend(_organisation_events(membership.organisation, owned_by=membership))
    return events


def feed_for_token(token: str) -> CalendarFeed | None:
    from notifications.tokens import token_hash

    return (
        CalendarFeed.objects.filter(token_hash=token_hash(token))
        .select_related("organisation", "user")
        .first()
    )


def feed_path(feed: CalendarFeed | None) -> str | None:
    if feed is None:
        return None
    return reverse("calendar:feed", args=[feed_token(feed.nonce)])


def organisation_feed(organisation: Organisation) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(organisation=organisation).first()


def user_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def organisation_feed_section(ctx: OrgContext, today: date) -> dict | None:
    """The organisation page's calendar section: for HR advisors only."""
    if not ctx.is_hr:
        return None
    return {"path": feed_path(organisation_feed(ctx.organisation)), "org": ctx.organisation}
