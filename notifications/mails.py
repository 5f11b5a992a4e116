"""The reminders' mails, rendered by the worker (programme.tasks' renderers: ids in, Mail out).

Each is called in the member's language (`translation.override`, by send_mail_task) and reads the
data as it is when sent; it returns None when there is nothing to send any more (the member left,
turned digests off, or the digest has emptied meanwhile)."""

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from monitor.models import Campaign
from notifications.selectors import digest_for
from programme.models import Membership, Role
from programme.tasks import Mail, mail_renderer
from recognition.models import Recognition


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _membership(membership_id: int, *, hr: bool = False) -> Membership | None:
    found = Membership.objects.filter(pk=membership_id, user__is_active=True)
    if hr:
        found = found.filter(role=Role.HR)
    return found.select_related("user", "organisation").first()


def _mail(membership: Membership, template: str, context: dict) -> Mail:
    context = {
        **context,
        "user": membership.user,
        "organisation": membership.organisation,
        "settings_url": _site_url(reverse("notifications:settings")),
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return Mail(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        to=[membership.user.email],
    )


@mail_renderer
def digest_mail(*, membership_id: int, today: str) -> Mail | None:
    membership = _membership(membership_id)
    if membership is None or not membership.user.weekly_digest:
        return None
    digest = digest_for(membership, date.fromisoformat(today))
    if digest.is_empty:
        return None
    slug = membership.organisation.slug
    return _mail(
        membership,
        "notifications/email/digest",
        {
            "digest": digest,
            "mine_url": _site_url(reverse("pillars:mine", args=[slug])),
            "actions_url": _site_url(reverse("programme:actions", args=[slug])),
        },
    )


@mail_renderer
def carer_day_mail(*, membership_id: int, day: str) -> Mail | None:
    membership = _membership(membership_id, hr=True)
    if membership is None:
        return None
    url = _site_url(reverse("programme:actions", args=[membership.organisation.slug]))
    return _mail(
        membership, "notifications/email/carer_day", {"day": date.fromisoformat(day), "url": url}
    )


@mail_renderer
def renewal_mail(*, membership_id: int, recognition_id: int) -> Mail | None:
    membership = _membership(membership_id, hr=True)
    if membership is None:
        return None
    recognition = Recognition.objects.filter(
        pk=recognition_id, organisation=membership.organisation, renewal_due__isnull=False
    ).first()
    if recognition is None:
        return None
    url = _site_url(reverse("recognition:readiness", args=[membership.organisation.slug]))
    return _mail(
        membership, "notifications/email/renewal", {"due": recognition.renewal_due, "url": url}
    )


@mail_renderer
def campaign_closing_mail(*, membership_id: int, campaign_id: int) -> Mail | None:
    membership = _membership(membership_id, hr=True)
    if membership is None:
        return None
    campaign = Campaign.objects.filter(
        pk=campaign_id, organisation=membership.organisation, closed_on__isnull=True
    ).first()
    if campaign is None:
        return None
    url = _site_url(
        reverse("monitor:campaign_detail", args=[membership.organisation.slug, campaign.pk])
    )
    return _mail(
        membership, "notifications/email/campaign_closing", {"campaign": campaign, "url": url}
    )
