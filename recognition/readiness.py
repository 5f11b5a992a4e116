"""How ready the organisation is to apply for the Erkenning, and exactly what is still missing.

Readiness counts two kinds of requirement per pillar: the checklist items that count for the
recognition (a not-applicable item counts as neither done nor missing), and the conditions the
method names, which the data can check:

- Bespreken: a monitor held within the last two years that reached its minimum group size;
- Beschrijven: the regulations described, each checked within the last year;
- Borgen: someone made responsible for the theme (a contact person), and attention planned for
  the coming Day of the Carer.

Every missing requirement comes with the page where it is fixed. The three criteria of the
recognition are shown with the done items and met conditions that support them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitor.models import Campaign
from monitor.snapshots import publishable_campaign_since, publishable_campaigns_since
from pillars.selectors import ItemRow, PillarSummary, progress_for, progress_for_many
from programme import selectors as programme_selectors
from programme.models import Organisation, PillarKey, Regulation
from programme.selectors import regulation_check_cutoff, shift_years

MONITOR_YEARS = 2


@dataclass(frozen=True)
class Requirement:
    """One thing the recognition asks for: a checklist item or a condition."""

    label: str
    is_met: bool
    detail: str  # what the data shows, in a sentence
    fix_url: str  # the page where it is done or fixed
    is_condition: bool = False


@dataclass
class PillarReadiness:
    summary: PillarSummary
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def pillar(self):
        return self.summary.pillar

    @property
    def met(self) -> int:
        return sum(1 for r in self.requirements if r.is_met)

    @property
    def total(self) -> int:
        return len(self.requirements)

    @property
    def share(self) -> int:
        return round(100 * self.met / self.total) if self.total else 100

    @property
    def missing(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.is_met]


@dataclass(frozen=True)
class Criterion:
    title: str | Promise
    explanation: str | Promise
    evidence: list[Requirement]
    missing: list[Requirement] = field(default_factory=list)  # of the same pillars

    @property
    def is_met(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Readiness:
    today: date
    pillars: list[PillarReadiness]
    criteria: list[Criterion]

    @property
    def met(self) -> int:
        return sum(p.met for p in self.pillars)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pillars)

    @property
    def share(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def missing(self) -> list[Requirement]:
        return [r for p in self.pillars for r in p.missing]

    @property
    def is_ready(self) -> bool:
        return self.total > 0 and not self.missing


# The recognition's three criteria and the pillars whose evidence supports each.
CRITERIA = (
    (
        gettext_lazy("Combining work and care is known and can be discussed"),
        gettext_lazy("Employees and managers know the theme and talk about it."),
        (PillarKey.DISCUSS,),
    ),
    (
        gettext_lazy("The leave regulations are known and used"),
        gettext_lazy("The regulations are described, made known and checked."),
        (PillarKey.DESCRIBE,),
    ),
    (
        gettext_lazy("Managers and employees look for tailored solutions together"),
        gettext_lazy("Managers are equipped for the conversation, and the theme stays alive."),
        (PillarKey.EQUIP, PillarKey.EMBED),
    ),
)


def _item_requirement(organisation: Organisation, row: ItemRow) -> Requirement:
    progress = row.progress
    if row.is_done:
        parts = []
        if progress.completed_date:
            parts.append(
                _("done on %(date)s") % {"date": date_format(progress.completed_date, "j F Y")}
            )
        if progress.evidence_text:
            parts.append(progress.evidence_text)
        detail = " · ".join(parts) or _("done")
    elif row.is_due_again:
        detail = _("done before, due again")
    else:
        detail = row.status_label
    return Requirement(
        label=row.item.display_text,
        is_met=row.is_done,
        detail=detail,
        fix_url=reverse("pillars:item", kwargs={"slug": organisation.slug, "pk": row.item.pk}),
    )


def _monitor_condition(organisation: Organisation, campaign: Campaign | None) -> Requirement:
    if campaign:
        detail = _("“%(title)s” closed on %(date)s with enough responses to show results.") % {
            "title": campaign.title,
            "date": date_format(campaign.closes_on, "j F Y"),
        }
    else:
        detail = _("No monitor with enough responses closed in the last two years.")
    return Requirement(
        label=_("A monitor held within the last two years, with enough responses"),
        is_met=campaign is not None,
        detail=detail,
        fix_url=reverse("monitor:campaign_list", kwargs={"slug": organisation.slug}),
        is_condition=True,
    )


def _regulations_condition(
    organisation: Organisation, regulations: list[Regulation], today: date
) -> Requirement:
    cutoff = regulation_check_cutoff(today=today)
    unchecked = [r for r in regulations if not r.last_checked or r.last_checked < cutoff]
    if not regulations:
        detail = _("No regulation has been described yet.")
    elif unchecked:
        detail = _("Not checked in the last year: %(titles)s.") % {
            "titles": ", ".join(r.title for r in unchecked)
        }
    else:
        detail = _("%(count)s regulations described, each checked in the last year.") % {
            "count": len(regulations)
        }
    return Requirement(
        label=_("The regulations described and checked within the last year"),
        is_met=bool(regulations) and not unchecked,
        detail=detail,
        fix_url=reverse("programme:regulation_list", kwargs={"slug": organisation.slug}),
        is_condition=True,
    )


def _responsible_condition(organisation: Organisation, names: list[str]) -> Requirement:
    return Requirement(
        label=_("Someone made responsible for the theme"),
        is_met=bool(names),
        detail=(
            _("Contact persons: %(names)s.") % {"names": ", ".join(names)}
            if names
            else _("No contact person for the theme yet.")
        ),
        fix_url=reverse("programme:contact_list", kwargs={"slug": organisation.slug}),
        is_condition=True,
    )


def _carers_day_condition(organisation: Organisation, day: date, actions: list) -> Requirement:
    when = date_format(day, "j F Y")
    return Requirement(
        label=_("Attention planned for the coming Day of the Carer (%(date)s)") % {"date": when},
        is_met=bool(actions),
        detail=(
            ", ".join(a.title for a in actions)
            if actions
            else _("No action is planned in the week around %(date)s.") % {"date": when}
        ),
        fix_url=reverse("programme:action_create", kwargs={"slug": organisation.slug})
        + f"?year={day.year}",
        is_condition=True,
    )


@dataclass(frozen=True)
class _Facts:
    """What readiness reads of one organisation, fetched for one or for many at once."""

    summaries: list[PillarSummary]
    monitor: Campaign | None
    regulations: list[Regulation]
    contact_names: list[str]
    carers_day: date
    carers_day_actions: list


def _readiness(organisation: Organisation, today: date, facts: _Facts) -> Readiness:
    pillars = {
        summary.pillar.key: PillarReadiness(
            summary=summary,
            requirements=[_item_requirement(organisation, r) for r in summary.recognition_rows],
        )
        for summary in facts.summaries
    }
    pillars[PillarKey.DISCUSS].requirements.append(_monitor_condition(organisation, facts.monitor))
    pillars[PillarKey.DESCRIBE].requirements.append(
        _regulations_condition(organisation, facts.regulations, today)
    )
    pillars[PillarKey.EMBED].requirements.append(
        _responsible_condition(organisation, facts.contact_names)
    )
    pillars[PillarKey.EMBED].requirements.append(
        _carers_day_condition(organisation, facts.carers_day, facts.carers_day_actions)
    )
    criteria = [
        Criterion(
            title=title,
            explanation=explanation,
            evidence=[r for key in keys for r in pillars[key].requirements if r.is_met],
            missing=[r for key in keys for r in pillars[key].requirements if not r.is_met],
        )
        for title, explanation, keys in CRITERIA
    ]
    return Readiness(today=today, pillars=list(pillars.values()), criteria=criteria)


def readiness_for(*, organisation: Organisation, today: date) -> Readiness:
    """The organisation's readiness for the recognition on `today`; a fixed number of queries."""
    day = programme_selectors.next_carers_day(today=today)
    facts = _Facts(
        summaries=progress_for(organisation=organisation, today=today),
        monitor=publishable_campaign_since(
            organisation=organisation, since=shift_years(today, -MONITOR_YEARS), today=today
        ),
        regulations=list(programme_selectors.regulations_of(organisation=organisation)),
        contact_names=[c.name for c in organisation.contact_persons.all()],
        carers_day=day,
        carers_day_actions=list(
            programme_selectors.actions_for_carers_day(organisation=organisation, day=day)
        ),
    )
    return _readiness(organisation, today, facts)


def readiness_for_many(*, organisations: list[Organisation], today: date) -> dict[int, Readiness]:
    """readiness_for of each organisation, by its id, in 7 queries whatever their number (a
    support organisation's portfolio). It only reads: a monitor past its last day counts once
    its close has run (monitor.snapshots)."""
    day = programme_selectors.next_carers_day(today=today)
    summaries = progress_for_many(organisations=organisations, today=today)
    monitors = publishable_campaigns_since(
        organisations=organisations, since=shift_years(today, -MONITOR_YEARS), today=today
    )
    regulations = programme_selectors.regulations_by_organisation(organisations=organisations)
    contacts = programme_selectors.contact_persons_by_organisation(organisations=organisations)
    carers_day = programme_selectors.actions_for_carers_day_by_organisation(
        organisations=organisations, day=day
    )
    return {
        organisation.pk: _readiness(
            organisation,
            today,
            _Facts(
                summaries=summaries[organisation.pk],
                monitor=monitors.get(organisation.pk),
                regulations=regulations.get(organisation.pk, []),
                contact_names=[c.name for c in contacts.get(organisation.pk, [])],
                carers_day=day,
                carers_day_actions=carers_day.get(organisation.pk, []),
            ),
        )
        for organisation in organisations
    }
