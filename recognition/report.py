"""The managers' one-page progress report: pillars, readiness for the recognition, actions and
the monitor's headline figures."""

from dataclasses import dataclass
from datetime import date

from monitor.charts import whole_percent
from monitor.results import METRICS, Summary
from monitor.snapshots import latest_summary_for
from pillars.selectors import PillarSummary, progress_for
from programme import selectors as programme_selectors
from programme.models import Action, Organisation
from programme.selectors import YearAtAGlance
from recognition.models import Recognition
from recognition.readiness import Readiness, readiness_for
from recognition.selectors import recognition_standing

# Each list shows this many actions with their dates; the rest are named after it in one line, so
# that every action is named and the report still fits a page for a plan of a usual size.
ACTIONS_PER_LIST = 6
HEADLINE_METRICS = ("carer-share", "discussed-with-manager", "knows-regulations", "culture-open")


@dataclass(frozen=True)
class Headline:
    label: str
    value: str


@dataclass(frozen=True)
class ProgressReport:
    organisation: Organisation
    today: date
    pillars: list[PillarSummary]
    glance: YearAtAGlance
    done: list[Action]
    done_rest: list[Action]  # named in one line after the list
    planned: list[Action]
    planned_rest: list[Action]
    monitor: Summary | None
    headlines: list[Headline]
    readiness: Readiness
    recognition: Recognition | None

    @property
    def items_done(self) -> int:
        return sum(p.done for p in self.pillars)

    @property
    def items_total(self) -> int:
        return sum(p.total for p in self.pillars)


def _split(actions, count: int) -> tuple[list[Action], list[Action]]:
    actions = list(actions)
    return actions[:count], actions[count:]


def progress_report(*, organisation: Organisation, today: date) -> ProgressReport:
    """What the report shows on `today`: this year's done actions, the open plan of this year and
    next, and the latest monitor's published figures (None below its minimum)."""
    year = today.year
    done, done_rest = _split(
        programme_selectors.actions_for_review(organisation=organisation, year=year).order_by(
            "-completed_date", "title"
        ),
        ACTIONS_PER_LIST,
    )
    open_now = list(programme_selectors.actions_for_outlook(organisation=organisation, year=year))
    next_year = list(
        programme_selectors.actions_for_outlook(organisation=organisation, year=year + 1)
    )
    planned, planned_rest = _split(open_now + next_year, ACTIONS_PER_LIST)
    summary = latest_summary_for(organisation=organisation, today=today)
    standing = recognition_standing(organisation=organisation, today=today)
    return ProgressReport(
        organisation=organisation,
        today=today,
        pillars=progress_for(organisation=organisation, today=today),
        glance=programme_selectors.year_at_a_glance(
            organisation=organisation, year=year, today=today
        ),
        done=done,
        done_rest=done_rest,
        planned=planned,
        planned_rest=planned_rest,
        monitor=summary,
        headlines=monitor_headlines(summary),
        readiness=readiness_for(organisation=organisation, today=today),
        # The recognition in force, not a renewal being prepared; else the latest record.
        recognition=standing.in_force or standing.latest,
    )


def monitor_headlines(summary: Summary | None) -> list[Headline]:
    """The monitor's headline figures as published; "–" where a figure is suppressed."""
    if summary is None or not summary.is_publishable:
        return []
    return [Headline(str(METRICS["response-rate"]), _percent(summary.response_rate))] + [
        Headline(str(METRICS[key]), _percent(summary.metrics.get(key))) for key in HEADLINE_METRICS
    ]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{whole_percent(value)}%"
