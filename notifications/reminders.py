"""Send what is due today: the weekly digest to each member, the yearly moments to HR advisors.

Each mail is recorded (`SentReminder`, unique per user, organisation, kind and occasion) in the
same transaction that queues it (programme.tasks.enqueue_mail), so a second run, or two at once,
sends nothing twice. The worker renders it (notifications.mails) in the language the member chose
(`User.language`)."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from monitor.models import Campaign
from notifications.models import ReminderKind, SentReminder
from notifications.selectors import digest_for
from programme.models import Membership, Organisation, Role
from programme.tasks import enqueue_mail
from recognition.selectors import current_recognition

# The Day of the Carer (Dag van de Mantelzorg) is on 10 November; HR hears of it 4 weeks ahead.
CARER_DAY = (11, 10)
CARER_DAY_LEAD_DAYS = 28
RENEWAL_LEAD_DAYS = 30
CAMPAIGN_CLOSING_LEAD_DAYS = 3


def _send_once(*, membership: Membership, kind: str, key: str, renderer: str, **kwargs) -> bool:
    """Record the occasion and queue its mail (rendered by the worker, in the member's language);
    False when it was sent before."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                user=membership.user, organisation=membership.organisation, kind=kind, key=key
            )
            enqueue_mail(
                f"notifications.mails.{renderer}",
                language=membership.user.language,
                membership_id=membership.pk,
                **kwargs,
            )
    except IntegrityError:
        return False
    return True


def _members():
    return Membership.objects.filter(user__is_active=True).select_related("user", "organisation")


def send_weekly_digests(today: date) -> int:
    """This ISO week's digest to every member who wants one and owns something due."""
    year, week, _weekday = today.isocalendar()
    key = f"{year}-W{week:02d}"
    sent = 0
    done = set(
        SentReminder.objects.filter(kind=ReminderKind.WEEKLY_DIGEST, key=key).values_list(
            "user_id", "organisation_id"
        )
    )
    for membership in _members().filter(user__weekly_digest=True):
        if (membership.user_id, membership.organisation_id) in done:
            continue
        if digest_for(membership, today).is_empty:
            continue
        sent += _send_once(
            membership=membership,
            kind=ReminderKind.WEEKLY_DIGEST,
            key=key,
            renderer="digest_mail",
            today=today.isoformat(),
        )
    return sent


def _hr_of(organisation: Organisation):
    return _members().filter(organisation=organisation, role=Role.HR)


def _carer_day(today: date) -> date | None:
    """This year's Day of the Carer when today is within its lead time, else None."""
    day = date(today.year, *CARER_DAY)
    return day if day - timedelta(days=CARER_DAY_LEAD_DAYS) <= today <= day else None


def send_yearly_reminders(today: date) -> int:
    """The Day of the Carer, the recognition's renewal and a monitor about to close, to every HR
    advisor of the organisation, each once (a run missed on the first day catches up later
    within the lead time)."""
    sent = 0
    carer_day = _carer_day(today)
    closing = Campaign.objects.filter(
        closed_on__isnull=True,
        opens_on__lte=today,
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=CAMPAIGN_CLOSING_LEAD_DAYS),
    ).select_related("organisation")
    closing_by_org: dict[int, list[Campaign]] = {}
    for campaign in closing:
        closing_by_org.setdefault(campaign.organisation_id, []).append(campaign)

    for organisation in Organisation.objects.filter(memberships__role=Role.HR).distinct():
        occasions = []  # (kind, key, renderer, its arguments)
        if carer_day is not None:
            occasions.append(
                (
                    ReminderKind.CARER_DAY,
                    str(carer_day.year),
                    "carer_day_mail",
                    {"day": carer_day.isoformat()},
                )
            )
        recognition = current_recognition(organisation=organisation)
        due = recognition.renewal_due if recognition else None
        if due and due - timedelta(days=RENEWAL_LEAD_DAYS) <= today <= due:
            occasions.append(
                (
                    ReminderKind.RENEWAL,
                    f"{recognition.pk}:{due.isoformat()}",
                    "renewal_mail",
                    {"recognition_id": recognition.pk},
                )
            )
        for campaign in closing_by_org.get(organisation.pk, []):
            occasions.append(
                (
                    ReminderKind.CAMPAIGN_CLOSING,
                    f"{campaign.pk}:{campaign.closes_on.isoformat()}",
                    "campaign_closing_mail",
                    {"campaign_id": campaign.pk},
                )
            )
        if not occasions:
            continue
        for membership in _hr_of(organisation):
            for kind, key, renderer, arguments in occasions:
                sent += _send_once(
                    membership=membership, kind=kind, key=key, renderer=renderer, **arguments
                )
    return sent
