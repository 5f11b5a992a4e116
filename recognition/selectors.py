"""Reads of the recognition app: letters, recognition records and public profiles."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from monitor.results import METRICS, summary_for
from programme.models import Action, ActionStatus, Organisation, SupportOffer
from recognition.models import (
    LetterState,
    PublicProfile,
    Recognition,
    RecognitionStatus,
    StatusLetter,
)


def letters_for(*, organisation: Organisation, include_drafts: bool) -> QuerySet[StatusLetter]:
    """The organisation's letters, newest year first, without their PDF bytes."""
    letters = organisation.status_letters.defer("pdf").select_related("issued_by")
    if not include_drafts:
        letters = letters.filter(state=LetterState.ISSUED)
    return letters.order_by("-year", "-created_at", "-pk")


def letter_of(*, organisation: Organisation, pk: int) -> StatusLetter:
    """One of the organisation's letters with its sections and signatories; 404 otherwise."""
    letter = (
        organisation.status_letters.defer("pdf")
        .select_related("organisation", "campaign", "issued_by", "copied_from")
        .prefetch_related("sections", "signatories")
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def issued_pdf_of(*, letter: StatusLetter) -> bytes:
    """The stored bytes of an issued letter's PDF."""
    return bytes(StatusLetter.objects.values_list("pdf", flat=True).get(pk=letter.pk))


def current_recognition(*, organisation: Organisation) -> Recognition | None:
    """The organisation's latest recognition record, if any."""
    return organisation.recognitions.order_by("-created_at", "-pk").first()


def recognition_history(*, organisation: Organisation) -> list[Recognition]:
    """Every recognition record, the current one first."""
    return list(organisation.recognitions.order_by("-created_at", "-pk"))


def profile_of(*, organisation: Organisation) -> PublicProfile:
    """The organisation's public profile; an unsaved, unpublished one when it has none yet."""
    profile = PublicProfile.objects.filter(organisation=organisation).first()
    return profile or PublicProfile(organisation=organisation)


def published_profiles() -> QuerySet[PublicProfile]:
    """Every published profile with its organisation, by name: the public directory."""
    return (
        PublicProfile.objects.filter(is_published=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def published_profile_for(*, slug: str) -> PublicProfile:
    """A published profile by its organisation's slug; 404 when there is none, published or not:
    the public must not learn that an unpublished one exists."""
    profile = published_profiles().filter(organisation__slug=slug).first()
    if profile is None:
        raise Http404
    return profile


@dataclass(frozen=True)
class ProfilePage:
    """What a profile page shows: only what the HR advisor chose to publish."""

    profile: PublicProfile
    organisation: Organisation
    recognised_since: date | None
    achieved: list[Action]
    next_steps: list[Action]
    partners: list[SupportOffer]
    monitor_figure: tuple[str, float, str] | None  # (label, percentage, campaign), if published


def profile_page(*, profile: PublicProfile) -> ProfilePage:
    """The public page's content; the monitor figure only when chosen and above the minimum."""
    organisation = profile.organisation
    current = current_recognition(organisation=organisation)
    recognised = current is not None and current.status == RecognitionStatus.RECOGNISED
    actions = list(profile.actions.order_by("-year", "planned_date", "title")) if profile.pk else []
    figure = None
    campaign = profile.monitor_campaign
    if profile.monitor_metric in METRICS and campaign is not None and campaign.is_closed:
        value = summary_for(campaign=campaign).metrics.get(profile.monitor_metric)
        if value is not None:
            figure = (str(METRICS[profile.monitor_metric]), value, campaign.title)
    return ProfilePage(
        profile=profile,
        organisation=organisation,
        recognised_since=current.granted_on if recognised else None,
        achieved=[a for a in actions if a.status == ActionStatus.DONE],
        next_steps=[a for a in actions if a.is_open],
        partners=list(profile.partners.order_by("name")) if profile.pk else [],
        monitor_figure=figure,
    )
