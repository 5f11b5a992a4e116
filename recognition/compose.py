"""What a new status letter says before the HR advisor edits it, drawn from the live programme.

Every text here is written in the letter's own language (the caller activates it). Monitor
figures come only from the snapshot of a campaign that closed by the letter's date (through
monitor.snapshots): a campaign still open, or a group below its minimum, never reaches a letter.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from monitor.charts import whole_percent
from monitor.models import Campaign
from monitor.results import METRICS, ComparisonRow, Summary, comparison_for, summary_for
from monitor.snapshots import campaign_closed_in, next_planned_campaign
from monitor.suggestions import suggestions_for
from pillars.selectors import progress_for
from programme import selectors as programme_selectors
from programme.models import Action, ActionStatus, Organisation, OrganisationKind, PillarKey
from recognition.letter_text import (
    as_sentences,
    bullets,
    joined,
    lower_first,
    paragraphs,
    sentence,
    upper_first,
)
from recognition.models import RecognitionStatus, SectionKind
from recognition.readiness import readiness_for
from recognition.selectors import recognition_standing

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


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _quoted(title: str) -> str:
    return f"“{' '.join(title.split())}”"


def _and(items: list[str]) -> str:
    return joined(items, _("and"))


# --- Introduction and the recognition ----------------------------------------------------------


def _readiness_sentence(organisation: Organisation, today: date) -> str:
    """Where the organisation stands toward applying, in words rather than counts."""
    readiness = readiness_for(organisation=organisation, today=today)
    if readiness.is_ready:
        return _("We now meet everything the recognition asks for and can apply for it.")
    if readiness.share >= 50:
        return _("We already meet most of what the recognition asks for.")
    if readiness.met:
        return _("We meet part of what the recognition asks for; there is still work to do.")
    return _("Most of what the recognition asks for is still to be done.")


def recognition_text(*, organisation: Organisation, today: date) -> str:
    """The recognition as the letter's date finds it: since when, until when and the renewal, or
    where the organisation stands toward applying."""
    standing = recognition_standing(organisation=organisation, today=today)
    in_force, in_progress = standing.in_force, standing.in_progress
    if in_force is not None:
        since = _("Since %(since)s we have been recognised as a caregiver-friendly employer") % {
            "since": _day(standing.recognised_since)
        }
        if in_progress is not None and in_progress.status == RecognitionStatus.APPLIED:
            renewal = _("we applied for its renewal on %(date)s") % {
                "date": _day(in_progress.applied_on)
            }
        elif in_progress is not None:
            renewal = _("we are preparing its renewal")
        elif in_force.renewal_due:
            renewal = _("we will apply for its renewal in %(month)s") % {
                "month": date_format(in_force.renewal_due, "F Y")
            }
        else:
            renewal = ""
        if in_force.valid_until:
            until = _("the recognition runs until %(date)s") % {"date": _day(in_force.valid_until)}
            rest = _("%(until)s and %(renewal)s") % {"until": until, "renewal": renewal}
            return f"{since}; {rest if renewal else until}."
        return f"{since}; {renewal}." if renewal else f"{since}."
    if standing.lapsed is not None:
        lapsed = _("Our recognition as a caregiver-friendly employer ran until %(date)s.") % {
            "date": _day(standing.lapsed.valid_until)
        }
    elif standing.is_renewal:
        lapsed = _("We were recognised as a caregiver-friendly employer before.")
    else:
        lapsed = ""
    if in_progress is not None and in_progress.status == RecognitionStatus.APPLIED:
        applied = _("On %(date)s we applied for the recognition as a caregiver-friendly employer.")
        return " ".join(filter(None, [lapsed, applied % {"date": _day(in_progress.applied_on)}]))
    if in_progress is not None:
        preparing = _("We are preparing our application for the recognition.")
    elif lapsed:
        preparing = ""
    else:
        preparing = _("We are not yet recognised as a caregiver-friendly employer.")
    return " ".join(filter(None, [lapsed, preparing, _readiness_sentence(organisation, today)]))


def intro_text(*, organisation: Organisation, year: int, today: date) -> str:
    """The opening: what the letter is about, and the recognition."""
    opening = _(
        "With this letter we inform you about what we did in %(year)s for employees who combine "
        "work and caregiving, and about our plans for %(next)s and beyond."
    ) % {"year": year, "next": year + 1}
    return paragraphs(opening, recognition_text(organisation=organisation, today=today))


# --- Terugblik ---------------------------------------------------------------------------------

# What each pillar is about, in a council member's words.
PILLAR_LEADS = {
    PillarKey.DISCUSS: gettext_lazy("%(pillar)s is about talking about work and caregiving."),
    PillarKey.DESCRIBE: gettext_lazy(
        "%(pillar)s is about the regulations and the information for carers."
    ),
    PillarKey.EQUIP: gettext_lazy(
        "%(pillar)s is about what managers and colleagues know and can do."
    ),
    PillarKey.EMBED: gettext_lazy(
        "%(pillar)s is about giving the theme a lasting place in the organisation."
    ),
    "": gettext_lazy("We also worked on the following."),
}


def _partner_sentence(action: Action, text: str, *, done: bool) -> str:
    """With whom, unless the description already names the partner."""
    partner = action.partner.strip()
    if not partner or partner.lower() in text.lower():
        return ""
    if done:
        return _("We did this together with %(partner)s.") % {"partner": partner}
    return _("We are doing this together with %(partner)s.") % {"partner": partner}


def _progress_sentence(action: Action, subject: str, today: date) -> str:
    """Work in progress or late, said as such."""
    due = action.planned_date
    values = {"subject": subject, "date": _day(due) if due else ""}
    late = due is not None and due < today
    if action.status == ActionStatus.IN_PROGRESS:
        if late:
            text = _(
                "%(subject)s has been delayed: it was planned for %(date)s and is still going."
            )
        elif due:
            text = _("%(subject)s is still going and is to be ready by %(date)s.")
        else:
            text = _("%(subject)s is still going.")
    elif late:
        text = _("%(subject)s has been delayed: it was planned for %(date)s and has not started.")
    elif due:
        text = _("%(subject)s is planned for %(date)s.")
    else:
        text = _("%(subject)s has not started yet.")
    return upper_first(text % values)


def _done_text(action: Action) -> str:
    return as_sentences(action.description) or _("Completed: %(title)s.") % {
        "title": action.title.strip()
    }


def action_sentences(action: Action, *, today: date) -> str:
    """One action in running text: its own description (what, for whom), its partner and, while
    it is not done, that it is still going or late."""
    description = as_sentences(action.description)
    done = action.status == ActionStatus.DONE
    if done:
        text = _done_text(action)
        return " ".join(filter(None, [text, _partner_sentence(action, text, done=True)]))
    if description:
        parts = [description, _partner_sentence(action, description, done=False)]
        parts.append(_progress_sentence(action, _("this work"), today))
    else:
        parts = [_progress_sentence(action, _quoted(action.title), today)]
        parts.append(_partner_sentence(action, action.title, done=False))
    return " ".join(filter(None, parts))


def review_paragraph(lead: str, actions: list[Action], *, today: date) -> str:
    """A paragraph of the review: the lead, the done work, and the partners of the done work named
    once at its end (a partner after every sentence reads like a list); work still going follows,
    each with its own partner and where it stands."""
    done = [a for a in actions if a.status == ActionStatus.DONE]
    going = [a for a in actions if a.status != ActionStatus.DONE]
    texts = [_done_text(a) for a in done]
    partners = []
    for action, text in zip(done, texts, strict=True):
        partner = action.partner.strip()
        if partner and partner.lower() not in text.lower() and partner not in partners:
            partners.append(partner)
    parts = [lead, *texts]
    if partners:
        parts.append(_("We did this together with %(partner)s.") % {"partner": _and(partners)})
    parts += [action_sentences(a, today=today) for a in going]
    return " ".join(parts)


def _carers_day_paragraph(actions: list[Action], *, year: int, today: date) -> str:
    day = date(year, *programme_selectors.CARERS_DAY)
    if today >= day:
        lead = _("Around the Day of the Carer on %(date)s we asked extra attention for carers.")
    else:
        lead = _("Around the Day of the Carer on %(date)s we ask extra attention for carers.")
    return review_paragraph(lead % {"date": _day(day)}, actions, today=today)


# How a pillar stands, from its share of checklist work done, in plain words.
def _standing_level(summary) -> str | None:
    if not summary.total:
        return None
    if summary.done == summary.total:
        return "all"
    if summary.done * 2 > summary.total:
        return "most"
    if summary.done:
        return "part"
    return "little"


STANDING_PHRASES = {
    "all": gettext_lazy("everything is in place for %(pillars)s"),
    "most": gettext_lazy("most is in place for %(pillars)s"),
    "part": gettext_lazy("part is in place for %(pillars)s"),
    "little": gettext_lazy("most is still to be done for %(pillars)s"),
}


def standing_text(*, organisation: Organisation, today: date) -> str:
    """Where the four pillars stand, in words a council member understands."""
    levels: dict[str, list[str]] = {}
    for summary in progress_for(organisation=organisation, today=today):
        level = _standing_level(summary)
        if level is not None:
            levels.setdefault(level, []).append(summary.pillar.name)
    if not levels:
        return ""
    clauses = [
        STANDING_PHRASES[level] % {"pillars": _and(levels[level])}
        for level in STANDING_PHRASES
        if level in levels
    ]
    return _("This is where the four pillars stand on %(date)s: %(clauses)s.") % {
        "date": _day(today),
        "clauses": "; ".join(clauses),
    }


def review_text(*, organisation: Organisation, year: int, today: date) -> str:
    """Terugblik: per pillar a paragraph from the actions' own descriptions, the Day of the Carer
    in a paragraph of its own, work still going or late said as such, then where the pillars
    stand."""
    actions = list(programme_selectors.actions_in_plan(organisation=organisation, year=year))
    day = date(year, *programme_selectors.CARERS_DAY)
    carers_day_ids = set(
        programme_selectors.actions_for_carers_day(organisation=organisation, day=day)
        .filter(year=year)
        .values_list("pk", flat=True)
    )
    carers_day = [a for a in actions if a.pk in carers_day_ids]
    others = [a for a in actions if a.pk not in carers_day_ids]
    if actions:
        opening = _(
            "In %(year)s we worked along the four pillars of the Werk&Mantelzorg method: "
            "%(pillars)s."
        ) % {"year": year, "pillars": _and([str(label) for _key, label in PillarKey.choices])}
    else:
        opening = _("No actions were completed in %(year)s.") % {"year": year}
    pillar_paragraphs = []
    for group in programme_selectors.group_by_pillar(others):
        # Done work first, then what is still going.
        pillar_paragraphs.append(
            review_paragraph(
                PILLAR_LEADS[group.pillar] % {"pillar": group.label}, group.actions, today=today
            )
        )
    return paragraphs(
        opening,
        *pillar_paragraphs,
        _carers_day_paragraph(carers_day, year=year, today=today) if carers_day else "",
        standing_text(organisation=organisation, today=today),
    )


# --- Vooruitblik -------------------------------------------------------------------------------

# Words in the organisation's own actions that say where the theme is anchored in its policy.
SUSTAINABLE_EMPLOYABILITY = ("duurzame inzetbaarheid", "sustainable employability")
LIFE_STAGE = ("levensfase", "life stage", "life-stage", "life phase")


def _mentions(actions: list[Action], words: tuple[str, ...]) -> bool:
    return any(word in f"{a.title} {a.description}".lower() for a in actions for word in words)


def framing_text(*, organisation: Organisation, year: int) -> str:
    """How the theme is anchored in policy, as far as the organisation's own actions and
    regulations say it; otherwise a prompt for the HR advisor to write it."""
    actions = list(programme_selectors.actions_in_plan(organisation=organisation, year=year))
    actions += list(programme_selectors.actions_in_plan(organisation=organisation, year=year + 1))
    parts = []
    if _mentions(actions, SUSTAINABLE_EMPLOYABILITY):
        parts.append(
            _(
                "Caregiving is part of our policy for sustainable employability: employees should "
                "be able to keep doing valuable work, healthy, skilled and with pleasure, now and "
                "in the future."
            )
        )
    if _mentions(actions, LIFE_STAGE):
        parts.append(
            _(
                "Caregiving also has its place in our life-stage policy, which looks at the "
                "events and phases of life that affect vitality and work."
            )
        )
    if not parts:
        parts.append(
            _(
                "[Describe here how caregiving is anchored in the organisation's policy, for "
                "example in the policy for sustainable employability or a life-stage policy.]"
            )
        )
    regulations = [
        lower_first(r.title.strip())
        for r in programme_selectors.regulations_of(organisation=organisation)
    ][:3]
    if regulations:
        parts.append(
            _(
                "Our regulations for carers, such as %(examples)s, remain the basis for the "
                "agreements we make with employees."
            )
            % {"examples": _and(regulations)}
        )
    return " ".join(parts)


def _who_sentence(action: Action) -> str:
    owner, partner = action.owner.strip(), action.partner.strip()
    if owner and partner:
        return _("Carried out by %(owner)s, together with %(partner)s.") % {
            "owner": owner,
            "partner": partner,
        }
    if owner:
        return _("Carried out by %(owner)s.") % {"owner": owner}
    if partner:
        return _("Together with %(partner)s.") % {"partner": partner}
    return ""


def planned_item(action: Action) -> str:
    """A planned action as a council reads it: what, when, its description, who and with whom."""
    title = action.title.strip()
    if action.planned_date:
        title = f"{title} ({date_format(action.planned_date, 'F Y')})"
    return " ".join(
        filter(None, [sentence(title), as_sentences(action.description), _who_sentence(action)])
    )


def _carried_item(action: Action, today: date) -> str:
    return " ".join(
        filter(
            None,
            [
                _progress_sentence(action, _quoted(action.title), today),
                _who_sentence(action),
            ],
        )
    )


def outlook_text(*, organisation: Organisation, year: int, today: date) -> str:
    """Vooruitblik "<year+1> e.v.": how the theme is anchored in policy, then the plan with each
    action's description, owner and partner, then this year's unfinished work that carries over."""
    outlook_year = year + 1
    planned = list(
        programme_selectors.actions_in_plan(organisation=organisation, year=outlook_year)
    )
    unfinished = list(
        programme_selectors.actions_for_outlook(organisation=organisation, year=year).filter(
            carried_to__isnull=True
        )
    )
    if planned:
        plan = paragraphs(
            _("These actions are planned for %(year)s:") % {"year": outlook_year},
            bullets([planned_item(a) for a in planned]),
        )
    else:
        plan = _("No actions have been planned for %(year)s yet.") % {"year": outlook_year}
    carried = ""
    if unfinished:
        carried = paragraphs(
            _("This work of %(year)s is not finished yet and carries over:") % {"year": year},
            bullets([_carried_item(a, today) for a in unfinished]),
        )
    return paragraphs(framing_text(organisation=organisation, year=year), plan, carried)


# --- Het monitor-deel --------------------------------------------------------------------------

# The findings a letter reports, in this order, the first three or four that were published.
FINDINGS = {
    "carer-share": gettext_lazy(
        "Of the employees who took part, %(value)s care for someone close to them."
    ),
    "discussed-with-manager": gettext_lazy(
        "Of the carers, %(value)s have talked with their manager about their situation."
    ),
    "good-solution-when-discussed": gettext_lazy(
        "Of those who did, %(value)s found a good solution together with their manager."
    ),
    "knows-regulations": gettext_lazy(
        "Of all who took part, %(value)s say they know our regulations well."
    ),
    "knows-municipal-support": gettext_lazy(
        "Of all who took part, %(value)s know the support the municipality offers."
    ),
    "culture-open": gettext_lazy(
        "Of all who took part, %(value)s find that caregiving can be discussed openly at work."
    ),
    "manager-understanding": gettext_lazy(
        "Of all who took part, %(value)s find that managers show understanding for carers."
    ),
}
MAX_FINDINGS = 4
# A monitor that closes in the six weeks before the Day of the Carer (or its week) was held "in
# the run-up to" it.
RUN_UP_DAYS = 42
MAX_CHANGES = 3
# What a figure measures, as the subject of a sentence about how it changed.
CHANGE_SUBJECTS = {
    "carer-share": gettext_lazy("The share of employees who care for someone"),
    "discussed-with-manager": gettext_lazy("The share of carers who talked with their manager"),
    "good-solution-when-discussed": gettext_lazy("The share of them who found a good solution"),
    "knows-regulations": gettext_lazy("The share who know our regulations well"),
    "knows-municipal-support": gettext_lazy("The share who know the municipality's support"),
    "culture-open": gettext_lazy("The share who find caregiving can be discussed openly"),
    "manager-understanding": gettext_lazy("The share who find that managers show understanding"),
}


def _reference_sentence(row: ComparisonRow) -> str:
    reference = row.reference
    if reference is None:
        return ""
    source = reference.source.strip().rstrip(".")
    values = {"value": _percent(float(reference.percentage)), "source": source}
    if reference.is_verified:
        return _("Nationally the figure is %(value)s (source: %(source)s).") % values
    return (
        _(
            "Nationally the figure is about %(value)s (source: %(source)s; not checked against "
            "the primary source)."
        )
        % values
    )


def _findings(rows: list[ComparisonRow]) -> list[str]:
    published = [row for row in rows if row.key in FINDINGS and row.this is not None]
    return [
        " ".join(
            filter(
                None,
                [FINDINGS[row.key] % {"value": _percent(row.this)}, _reference_sentence(row)],
            )
        )
        for row in published[:MAX_FINDINGS]
    ]


def _changes(rows: list[ComparisonRow]) -> str:
    """What changed since the previous campaign, frozen in this campaign's snapshot."""
    compared = [
        row
        for row in rows
        if row.key in CHANGE_SUBJECTS and row.this is not None and row.previous is not None
    ]
    if not compared:
        if any(row.previous_title for row in rows):
            return ""
        return _("There is no earlier monitor to compare these results with yet.")
    title = _quoted(compared[0].previous_title)

    def change(row):
        return whole_percent(row.this) - whole_percent(row.previous)

    moved = sorted((r for r in compared if change(r)), key=lambda r: -abs(change(r)))
    if not moved:
        return _("Compared with the previous monitor, %(title)s, the results stayed the same.") % {
            "title": title
        }
    sentences = [_("Compared with the previous monitor, %(title)s:") % {"title": title}]
    for row in moved[:MAX_CHANGES]:
        values = {
            "subject": CHANGE_SUBJECTS[row.key],
            "before": _percent(row.previous),
            "now": _percent(row.this),
        }
        if change(row) > 0:
            sentences.append(_("%(subject)s rose from %(before)s to %(now)s.") % values)
        else:
            sentences.append(_("%(subject)s fell from %(before)s to %(now)s.") % values)
    return " ".join(sentences)


def _follow_up(*, organisation: Organisation, campaign: Campaign, summary: Summary) -> str:
    """What follows from the monitor: its suggestions that were taken up as actions (an adopted
    suggestion keeps its title; it may have been adopted in either language)."""
    titles = set()
    for language in ("nl", "en"):
        with translation.override(language):
            titles |= {s.title for s in suggestions_for(metrics=summary.metrics)}
    if not titles:
        return ""
    taken_up = (
        organisation.actions.filter(title__in=titles, year__gte=campaign.closes_on.year)
        .exclude(status=ActionStatus.CANCELLED)
        .order_by("year", "planned_date", "title", "pk")
    )
    names = [_quoted(a.title) for a in taken_up]
    if not names:
        return ""
    return ngettext(
        "Following the monitor, we took up this action: %(actions)s.",
        "Following the monitor, we took up these actions: %(actions)s.",
        len(names),
    ) % {"actions": _and(names)}


def _held_text(campaign: Campaign) -> str:
    """When and why the campaign was held, and who could take part."""
    opens, closes = campaign.opens_on, campaign.closes_on
    start = date_format(opens, "j F" if opens.year == closes.year else "j F Y")
    held = _("From %(opens)s to %(closes)s we held the monitor %(title)s.") % {
        "opens": start,
        "closes": _day(closes),
        "title": _quoted(campaign.title),
    }
    day = date(closes.year, *programme_selectors.CARERS_DAY)
    # Held in the weeks before (or around) the Day of the Carer: Arnhem's "in aanloop naar".
    margin = programme_selectors.CARERS_DAY_MARGIN
    if day - timedelta(days=RUN_UP_DAYS) <= closes <= day + margin:
        held += " " + _("We held it in the run-up to the Day of the Carer on 10 November.")
    return " ".join(
        [
            held,
            _(
                "All employees could take part, carers or not, and the answers are anonymous. "
                "The monitor shows how caregiving lives among our employees and at the same time "
                "raises awareness. What we learn about their experiences and needs gives us a "
                "basis for next steps."
            ),
        ]
    )


def _no_campaign_text(*, organisation: Organisation, year: int, today: date) -> str:
    """No campaign closed in the year: say so, and when the next one is planned."""
    planned = next_planned_campaign(organisation=organisation, today=today)
    if planned is not None and planned.closes_on.year == year:
        return _(
            "No monitor closed in %(year)s yet. The monitor “%(title)s” runs until "
            "%(closes)s; its results follow after it closes."
        ) % {"year": year, "title": planned.title, "closes": _day(planned.closes_on)}
    none_held = _("No monitor was held in %(year)s.") % {"year": year}
    # A later campaign counts as "planned" for a letter written in its own year, or while it has
    # not opened yet; one already running when an old year's letter is written is not to come.
    if planned is not None and planned.closes_on.year > year:
        if planned.opens_on > today:
            return " ".join(
                [
                    none_held,
                    _("The next monitor is planned from %(opens)s to %(closes)s.")
                    % {"opens": _day(planned.opens_on), "closes": _day(planned.closes_on)},
                ]
            )
        if today.year == year:
            return " ".join(
                [
                    none_held,
                    _("The monitor %(title)s runs until %(closes)s; its results follow later.")
                    % {"title": _quoted(planned.title), "closes": _day(planned.closes_on)},
                ]
            )
    return " ".join([none_held, _("No next monitor has been planned yet.")])


def monitor_text(
    *,
    organisation: Organisation,
    campaign: Campaign | None,
    summary: Summary | None,
    year: int,
    today: date,
) -> str:
    """The monitor part, only from a campaign that closed by the letter's date (its snapshot):
    when and why it was held, who could take part, the response, three or four findings, what
    changed and against the national figures, and what follows from it."""
    if campaign is None or summary is None:
        return _no_campaign_text(organisation=organisation, year=year, today=today)
    held = _held_text(campaign)
    if not summary.is_publishable:
        return paragraphs(
            held,
            _(
                "Fewer than %(minimum)s employees responded, so we show no results: with so few "
                "answers, nobody would remain anonymous."
            )
            % {"minimum": summary.min_group_size},
        )
    if summary.response_rate is not None and campaign.invited_count:
        response = _(
            "Of the %(invited)s employees invited, %(count)s took part: a response of %(rate)s."
        ) % {
            "invited": campaign.invited_count,
            "count": summary.response_count,
            "rate": _percent(summary.response_rate),
        }
    else:
        response = _("In all, %(count)s employees took part.") % {"count": summary.response_count}
    rows = comparison_for(campaign=campaign, summary=summary)
    findings = _findings(rows)
    chart_note = _(
        "The chart below shows the main results. Figures about fewer than %(minimum)s people are "
        "not shown."
    ) % {"minimum": summary.min_group_size}
    return paragraphs(
        held,
        " ".join([response, _("These are the main findings:") if findings else ""]).strip(),
        bullets(findings),
        _changes(rows),
        _follow_up(organisation=organisation, campaign=campaign, summary=summary),
        chart_note,
    )


def monitor_figures(summary: Summary | None) -> list[dict]:
    """The chart's bars: each headline metric's published share, None where it is suppressed."""
    if summary is None or not summary.is_publishable:
        return []
    return [
        {"key": key, "label": str(METRICS[key]), "percentage": summary.metrics.get(key)}
        for key in CHART_METRICS
    ]


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
            intro_text(organisation=organisation, year=year, today=today),
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
            monitor_text(
                organisation=organisation,
                campaign=campaign,
                summary=summary,
                year=year,
                today=today,
            ),
        ),
        SectionDraft(
            SectionKind.OUTLOOK,
            _("Outlook %(year)s and beyond") % {"year": outlook_year},
            outlook_text(organisation=organisation, year=year, today=today),
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
