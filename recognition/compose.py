"""What a new status letter says before the HR advisor edits it, drawn from the live programme.

Every text here is written in the letter's own language (the caller activates it). Monitor
figures come only from the snapshot of a campaign that closed by the letter's date (through
monitor.snapshots): a campaign still open, or a group below its minimum, never reaches a letter.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from monitor.charts import whole_percent
from monitor.models import Campaign
from monitor.results import METRICS, Summary, summary_for
from monitor.snapshots import campaign_closed_in, next_planned_campaign
from pillars.selectors import progress_for
from programme import selectors as programme_selectors
from programme.models import Organisation, OrganisationKind
from recognition.letter_text import bullets, paragraphs
from recognition.models import SectionKind

# The figures the letter's chart shows, in this order: the monitor's headline metrics.
CHART_METRICS = (
    "carer-share",
    "discussed-with-manager",
    "good-solution-when-discussed",
    "knows-regulations",
    "knows-municipal-support",
    "culture-open",
    "manager-understanding",
)


@dataclass(frozen=True)
class SectionDraft:
    kind: str
    title: str
    body: str


@dataclass(frozen=True)
class LetterDraft:
    subject: str
    addressee: str
    salutation: str
    complimentary_close: str
    sender: str
    campaign: Campaign | None
    monitor_figures: list[dict]
    sections: list[SectionDraft]
    signatories: list[tuple[str, str]]  # (name, role)


def place_name(organisation: Organisation) -> str:
    """'Voorbeeldstad' for 'Gemeente Voorbeeldstad': how a council letter names its town."""
    name = organisation.name.strip()
    prefix = "gemeente "
    return name[len(prefix) :].strip() if name.lower().startswith(prefix) else name


def campaign_of_year(*, organisation: Organisation, year: int, today: date) -> Campaign | None:
    """The monitor campaign a letter about `year` reports: the last one that closed in that year,
    by the letter's date. An open campaign is never reported: its figures do not exist yet."""
    return campaign_closed_in(organisation=organisation, year=year, today=today)


def _percent(value: float) -> str:
    return f"{whole_percent(value)}%"


def _grouped_bullets(actions) -> str:
    """Actions as one bullet list per pillar, each list under the pillar's name."""
    parts = []
    for group in programme_selectors.group_by_pillar(actions):
        lines = [
            _("%(title)s (with %(partner)s)") % {"title": a.title, "partner": a.partner}
            if a.partner
            else a.title
            for a in group.actions
        ]
        parts.append(f"{group.label}:\n{bullets(lines)}")
    return "\n\n".join(parts)


def review_text(*, organisation: Organisation, year: int, today: date) -> str:
    """Terugblik: the year's done actions by pillar, then where each pillar stands."""
    done = list(programme_selectors.actions_for_review(organisation=organisation, year=year))
    if done:
        opening = _(
            "In %(year)s we completed %(count)s actions along the four pillars of the "
            "Werk&Mantelzorg method:"
        ) % {"year": year, "count": len(done)}
    else:
        opening = _("No actions were completed in %(year)s.") % {"year": year}
    pillar_lines = [
        _("%(pillar)s: %(done)s of %(total)s checklist items done")
        % {
            "pillar": summary.pillar.name,
            "done": summary.done,
            "total": summary.total,
        }
        for summary in progress_for(organisation=organisation, today=today)
    ]
    standing = _("This is where the four pillars stand on %(date)s:") % {
        "date": date_format(today, "j F Y")
    }
    return paragraphs(opening, _grouped_bullets(done), f"{standing}\n{bullets(pillar_lines)}")


def outlook_text(*, organisation: Organisation, year: int) -> str:
    """Vooruitblik: next year's plan by pillar."""
    planned = list(programme_selectors.actions_in_plan(organisation=organisation, year=year))
    if not planned:
        return _("No actions have been planned for %(year)s yet.") % {"year": year}
    opening = _("For %(year)s the following actions are planned:") % {"year": year}
    return paragraphs(opening, _grouped_bullets(planned))


def monitor_figures(summary: Summary | None) -> list[dict]:
    """The chart's bars: each headline metric's published share, None where it is suppressed."""
    if summary is None or not summary.is_publishable:
        return []
    return [
        {"key": key, "label": str(METRICS[key]), "percentage": summary.metrics.get(key)}
        for key in CHART_METRICS
    ]


def monitor_text(
    *,
    campaign: Campaign | None,
    summary: Summary | None,
    year: int,
    planned: Campaign | None = None,
) -> str:
    """The monitor's results in a few sentences, only from a closed campaign's snapshot."""
    if campaign is None or summary is None:
        if planned is not None:
            return _(
                "No monitor closed in %(year)s yet. The monitor “%(title)s” runs until "
                "%(closes)s; its results follow after it closes."
            ) % {
                "year": year,
                "title": planned.title,
                "closes": date_format(planned.closes_on, "j F Y"),
            }
        return _(
            "No monitor was held in %(year)s. The next monitor will show how work and care go "
            "together in the organisation."
        ) % {"year": year}
    held = _(
        "In %(month)s we held the anonymous monitor “%(title)s” among all employees, carers or "
        "not. It shows how the theme lives in the organisation and at the same time raises "
        "awareness."
    ) % {"month": date_format(campaign.opens_on, "F Y"), "title": campaign.title}
    if not summary.is_publishable:
        return paragraphs(
            held,
            _(
                "Fewer than %(minimum)s employees responded, so we show no results: with so few "
                "answers, nobody would remain anonymous."
            )
            % {"minimum": summary.min_group_size},
        )
    metrics = summary.metrics
    sentences = []
    if summary.response_rate is not None:
        sentences.append(
            _("%(count)s employees responded (%(rate)s of those invited).")
            % {"count": summary.response_count, "rate": _percent(summary.response_rate)}
        )
    else:
        sentences.append(_("%(count)s employees responded.") % {"count": summary.response_count})
    phrases = {
        "carer-share": _("%(value)s of them care for someone close to them."),
        "discussed-with-manager": _(
            "%(value)s of the carers have talked with their manager about their situation."
        ),
        "good-solution-when-discussed": _(
            "Of those who did, %(value)s found a good solution together."
        ),
        "knows-regulations": _("%(value)s know the organisation's regulations well."),
        "knows-municipal-support": _("%(value)s know the support the municipality offers."),
        "culture-open": _("%(value)s find that caregiving can be discussed openly at work."),
    }
    for key, phrase in phrases.items():
        if metrics.get(key) is not None:
            sentences.append(phrase % {"value": _percent(metrics[key])})
    chart_note = _(
        "The chart below shows the main results. Figures about fewer than %(minimum)s people are "
        "not shown."
    ) % {"minimum": summary.min_group_size}
    return paragraphs(held, " ".join(sentences), chart_note)


def _signatories(organisation: Organisation) -> list[tuple[str, str]]:
    """The signatories of the organisation's latest letter, else the usual two roles, unnamed."""
    latest = organisation.status_letters.order_by("-year", "-created_at", "-pk").first()
    if latest is not None:
        earlier = [(s.name, s.role) for s in latest.signatories.all()]
        if earlier:
            return earlier
    if organisation.kind == OrganisationKind.MUNICIPALITY:
        return [("", _("the secretary")), ("", _("the mayor"))]
    return [("", _("the director")), ("", _("the HR advisor"))]


def letter_draft(*, organisation: Organisation, year: int, today: date) -> LetterDraft:
    """Everything a new letter about `year` says, pre-filled from the programme's data."""
    campaign = campaign_of_year(organisation=organisation, year=year, today=today)
    summary = summary_for(campaign=campaign) if campaign else None
    # Only a campaign that is to close in the letter's own year is "still to come" for it.
    planned = (
        None
        if campaign
        else next_planned_campaign(organisation=organisation, today=today, year=year)
    )
    outlook_year = year + 1
    is_municipality = organisation.kind == OrganisationKind.MUNICIPALITY
    place = place_name(organisation)
    if is_municipality:
        addressee = _("To the members of the municipal council of %(place)s") % {"place": place}
        salutation = _("Dear chair and members,")
        sender = _("the mayor and aldermen of %(place)s,") % {"place": place}
    else:
        addressee = _("To the board of %(name)s") % {"name": organisation.name}
        salutation = _("Dear members of the board,")
        sender = _("on behalf of %(name)s,") % {"name": organisation.name}
    goal = organisation.goal_in(get_language()) or _(
        "[Describe here why the organisation wants to be caregiver-friendly. The organisation's "
        "page keeps this goal for every next letter.]"
    )
    sections = [
        SectionDraft(
            SectionKind.INTRO,
            "",
            _(
                "With this letter we inform you about the steps %(name)s took in %(year)s to "
                "become a caregiver-friendly employer, and about what we plan for %(next)s."
            )
            % {"name": organisation.name, "year": year, "next": outlook_year},
        ),
        SectionDraft(SectionKind.GOAL, _("The goal"), goal),
        SectionDraft(
            SectionKind.REVIEW,
            _("Review %(year)s") % {"year": year},
            review_text(organisation=organisation, year=year, today=today),
        ),
        SectionDraft(
            SectionKind.MONITOR,
            _("Results of the monitor"),
            monitor_text(campaign=campaign, summary=summary, year=year, planned=planned),
        ),
        SectionDraft(
            SectionKind.OUTLOOK,
            _("Outlook %(year)s") % {"year": outlook_year},
            outlook_text(organisation=organisation, year=outlook_year),
        ),
        SectionDraft(
            SectionKind.CLOSING,
            "",
            _(
                "In this way we keep caregiving on the agenda, year after year. We will gladly "
                "answer any questions you have about this letter."
            ),
        ),
    ]
    return LetterDraft(
        subject=_("State of affairs: caregiver-friendly organisation %(year)s") % {"year": year},
        addressee=addressee,
        salutation=salutation,
        complimentary_close=_("Yours faithfully,"),
        sender=sender,
        campaign=campaign,
        monitor_figures=monitor_figures(summary),
        sections=sections,
        signatories=_signatories(organisation),
    )
