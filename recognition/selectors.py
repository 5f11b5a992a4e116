"""Reads of the recognition app: letters, recognition records and public profiles."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from monitor.results import METRICS, summary_for
from programme.models import ActionStatus, Organisation
from recognition.models import (
    GRANTED_STATUSES,
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


def drafts_of(*, organisation: Organisation) -> list[StatusLetter]:
    """The organisation's drafts, newest year first."""
    return list(
        letters_for(organisation=organisation, include_drafts=True).filter(state=LetterState.DRAFT)
    )


def other_drafts(
    *, organisation: Organisation, year: int, exclude: StatusLetter | None = None
) -> list[StatusLetter]:
    """The organisation's drafts about `year` (but `exclude`), newest first: a second draft for
    one year is allowed, but HR is warned of it."""
    drafts = organisation.status_letters.defer("pdf").filter(year=year, state=LetterState.DRAFT)
    if exclude is not None:
        drafts = drafts.exclude(pk=exclude.pk)
    return list(drafts.order_by("-created_at", "-pk"))


def previous_issued_letter(*, organisation: Organisation, year: int) -> StatusLetter | None:
    """The organisation's last issued letter about `year` or before: the one a new letter
    follows up on."""
    return (
        organisation.status_letters.defer("pdf")
        .filter(state=LetterState.ISSUED, year__lte=year)
        .order_by("-issued_at", "-pk")
        .first()
    )


def latest_letter(*, organisation: Organisation) -> StatusLetter | None:
    """The organisation's most recently made letter, issued or not."""
    return organisation.status_letters.defer("pdf").order_by("-created_at", "-pk").first()


def dutch_only_texts(*, letter: StatusLetter) -> list[str]:
    """What an English draft still says in Dutch: texts the organisation wrote, which the composer
    takes over as they are, in sections the HR advisor has not edited since."""
    if letter.language != "en" or letter.is_issued:
        return []
    organisation = letter.organisation
    unedited = {s.kind for s in letter.sections.all() if not s.is_edited and s.body.strip()}
    texts = []
    if "goal" in unedited and organisation.goal.strip() and not organisation.goal_en.strip():
        texts.append(
            _(
                "The goal: the organisation has it in Dutch only. Add it in English on the "
                "organisation's page (the next English letter takes it), or translate it here."
            )
        )
    has_actions = organisation.actions.filter(year__in=(letter.year, letter.year + 1)).exists()
    if unedited & {"review", "outlook"} and has_actions:
        texts.append(
            _("The actions' titles and descriptions and the partners' names, as they were entered.")
        )
    if "monitor" in unedited and letter.campaign_id:
        texts.append(_("The title of the monitor."))
    return texts


def current_recognition(*, organisation: Organisation) -> Recognition | None:
    """The organisation's latest recognition record, if any."""
    return organisation.recognitions.order_by("-created_at", "-pk").first()


def recognition_history(*, organisation: Organisation) -> list[Recognition]:
    """Every recognition record, the current one first."""
    return list(organisation.recognitions.order_by("-created_at", "-pk"))


IN_PROGRESS_STATUSES = (RecognitionStatus.PREPARING, RecognitionStatus.APPLIED)


@dataclass(frozen=True)
class RecognitionStanding:
    """Where the organisation stands with its recognition on a day.

    The latest record is the one HR works on; the recognition in force is another matter. While a
    renewal is prepared or applied for, the recognition granted earlier stays in force until its
    valid-until date passes or the renewal is granted, so "recognised since" does not disappear
    the moment a renewal starts.
    """

    records: list[Recognition]  # newest first
    in_force: Recognition | None
    recognised_since: date | None
    lapsed: Recognition | None  # the latest granted one, past its date, with none in force

    @property
    def latest(self) -> Recognition | None:
        return self.records[0] if self.records else None

    @property
    def in_progress(self) -> Recognition | None:
        """The record being prepared or applied for, if the latest one is."""
        latest = self.latest
        return latest if latest and latest.status in IN_PROGRESS_STATUSES else None

    @property
    def is_renewal(self) -> bool:
        """The organisation has been recognised before: what comes next is a renewal."""
        return any(r.granted_on and r.status in GRANTED_STATUSES for r in self.records)

    @property
    def can_start_next(self) -> bool:
        """A renewal can start once the latest record has been granted (or has expired)."""
        latest = self.latest
        return latest is not None and latest.status in GRANTED_STATUSES


def standing_from(records: list[Recognition], today: date) -> RecognitionStanding:
    """The standing on `today` from every record of one organisation (any order)."""
    records = sorted(records, key=lambda r: (r.created_at, r.pk), reverse=True)
    granted = sorted(
        (r for r in records if r.status in GRANTED_STATUSES and r.granted_on),
        key=lambda r: (r.granted_on, r.created_at, r.pk),
        reverse=True,
    )
    in_force = next(
        (
            r
            for r in granted
            if r.status == RecognitionStatus.RECOGNISED
            and r.granted_on <= today
            and (r.valid_until is None or r.valid_until >= today)
        ),
        None,
    )
    since = None
    if in_force is not None:
        # A renewal granted before the earlier recognition ran out continues it: the public
        # sees the date of the first recognition of an unbroken run, as on Werk&Mantelzorg.
        since = in_force.granted_on
        for earlier in granted[granted.index(in_force) + 1 :]:
            if earlier.valid_until is not None and earlier.valid_until < since:
                break
            since = earlier.granted_on
    lapsed = None
    if in_force is None:
        lapsed = next(
            (
                r
                for r in granted
                if r.status == RecognitionStatus.RECOGNISED
                and r.valid_until
                and r.valid_until < today
            ),
            None,
        )
    return RecognitionStanding(
        records=records, in_force=in_force, recognised_since=since, lapsed=lapsed
    )


def recognition_standing(*, organisation: Organisation, today: date) -> RecognitionStanding:
    """The organisation's recognition standing on `today`; one query."""
    return standing_from(list(organisation.recognitions.all()), today)


def recognition_standings(*, organisations, today: date) -> dict[int, RecognitionStanding]:
    """recognition_standing of each organisation, by its id; one query."""
    records: dict[int, list[Recognition]] = {organisation.pk: [] for organisation in organisations}
    for record in Recognition.objects.filter(organisation__in=organisations):
        records[record.organisation_id].append(record)
    return {pk: standing_from(found, today) for pk, found in records.items()}


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
class DirectoryEntry:
    organisation: Organisation
    recognised_since: date | None
    place: str


def directory_entries(*, today: date) -> list[DirectoryEntry]:
    """The public directory: every published profile with its recognition date; two queries."""
    profiles = published_profiles().prefetch_related("organisation__recognitions")
    return [
        DirectoryEntry(
            organisation=p.organisation,
            recognised_since=standing_from(
                list(p.organisation.recognitions.all()), today
            ).recognised_since,
            place=p.published_content.get("place", ""),
        )
        for p in profiles
    ]


# The profile's own texts and links, copied as they are into the published version.
PROFILE_TEXT_FIELDS = (
    "place",
    "introduction",
    "awareness",
    "achievements",
    "next_steps",
    "guided_by",
    "guided_by_url",
    "website",
    "news_url",
    "video_url",
)


EMPTY_CONTENT = {
    **dict.fromkeys(PROFILE_TEXT_FIELDS, ""),
    "achieved": [],
    "planned": [],
    "partners": [],
    "monitor": None,
}


def content_of(profile: PublicProfile) -> dict:
    """The draft as the public would see it, as plain data: what publishing freezes.

    The chosen actions are split into done and open ones by their status now, and kept by title,
    so that a later change to an action does not reach the public page until it is published.
    """
    content = {name: getattr(profile, name) for name in PROFILE_TEXT_FIELDS}
    actions = list(profile.actions.order_by("-year", "planned_date", "title")) if profile.pk else []
    content["achieved"] = [a.title for a in actions if a.status == ActionStatus.DONE]
    content["planned"] = [[a.title, a.year] for a in actions if a.is_open]
    partners = list(profile.partners.order_by("name")) if profile.pk else []
    content["partners"] = [[p.name, p.url] for p in partners]
    content["monitor"] = (
        {"metric": profile.monitor_metric, "campaign": profile.monitor_campaign_id}
        if profile.monitor_metric and profile.monitor_campaign_id
        else None
    )
    return content


def has_unpublished_changes(profile: PublicProfile) -> bool:
    """The draft differs from what the public sees."""
    return profile.is_published and content_of(profile) != profile.published_content


@dataclass(frozen=True)
class ProfilePage:
    """What a profile page shows: only what the HR advisor chose to publish."""

    organisation: Organisation
    recognised_since: date | None
    content: dict  # see content_of
    links: list[tuple[str, str]]  # (label, https address): website, news, video
    monitor_figure: tuple[str, float, str] | None  # (label, percentage, campaign), if published

    @property
    def description(self) -> str:
        """One or two sentences for search engines and link previews: the introduction's start,
        or else a sentence of what the page is."""
        text = " ".join((self.content.get("introduction") or "").split())
        if len(text) > 200:
            text = text[:199].rsplit(" ", 1)[0] + "…"
        if text:
            return text
        name = self.organisation.name
        if self.recognised_since:
            return _(
                "%(name)s has been recognised as a caregiver-friendly employer since %(date)s."
            ) % {
                "name": name,
                "date": date_format(self.recognised_since, "j F Y"),
            }
        return _("How %(name)s works on being a caregiver-friendly employer.") % {"name": name}


def _monitor_figure(organisation: Organisation, chosen: dict | None):
    if not chosen or chosen.get("metric") not in METRICS:
        return None
    campaign = organisation.campaigns.filter(pk=chosen.get("campaign")).first()
    if campaign is None or not campaign.is_closed:
        return None
    value = summary_for(campaign=campaign).metrics.get(chosen["metric"])
    if value is None:
        return None
    return (str(METRICS[chosen["metric"]]), value, campaign.title)


def profile_page(*, profile: PublicProfile, today: date, published: bool) -> ProfilePage:
    """The page's content: the published version for the public, the draft for the preview.

    The monitor figure appears only when chosen and above the minimum; "recognised since" comes
    from the recognition in force, which a renewal in progress does not end."""
    organisation = profile.organisation
    draft = not published
    content = content_of(profile) if draft else {**EMPTY_CONTENT, **profile.published_content}
    standing = recognition_standing(organisation=organisation, today=today)
    links = [
        (label, content.get(key))
        for key, label in (
            ("website", _("Website of %(name)s") % {"name": organisation.name}),
            ("news_url", _("News item")),
            ("video_url", _("Video")),
        )
        if content.get(key)
    ]
    return ProfilePage(
        organisation=organisation,
        recognised_since=standing.recognised_since,
        content=content,
        links=links,
        monitor_figure=_monitor_figure(organisation, content.get("monitor")),
    )
