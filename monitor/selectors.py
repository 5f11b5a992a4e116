"""Reads of the monitor: the questions a campaign asks, the campaigns an organisation has, and
how far an open campaign is."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import get_language

from monitor import respondent_cache
from monitor.models import GROUP_SIZE, AnswerTally, Campaign, Department, Dimension, InboxEntry
from monitor.questionnaire import (
    Q_DEPARTMENT,
    VERSIONS,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
)
from programme.i18n import in_language
from programme.models import Organisation

SCALE_LABELS = VERSIONS["2026.1"].by_key("culture_open").options


def campaigns_for(*, organisation: Organisation) -> QuerySet[Campaign]:
    """The organisation's campaigns, newest first."""
    return Campaign.objects.filter(organisation=organisation)


def campaign_for_key(*, key: str) -> Campaign:
    """The campaign behind a public link, with its organisation; raises Campaign.DoesNotExist."""
    return Campaign.objects.select_related("organisation").get(key=key)


def respondent_campaign(*, key: str) -> Campaign:
    """campaign_for_key, kept for a few seconds per process (see monitor.respondent_cache)."""
    return respondent_cache.kept(("campaign", None, key), lambda: campaign_for_key(key=key))


@dataclass(frozen=True)
class OwnQuestion:
    """A question of the organisation's own as a snapshot keeps it (the wording at close)."""

    code: int
    kind: str
    text: str
    text_en: str
    option_labels: list[str]

    @classmethod
    def of(cls, question) -> "OwnQuestion":
        return cls(
            question.code, question.kind, question.text, question.text_en, question.option_labels
        )


def questionnaire_for(
    *,
    campaign: Campaign,
    own_questions: Iterable[OwnQuestion] | None = None,
    departments: dict[int, str] | None = None,
) -> Questionnaire:
    """The questions this campaign asks: its standard version, its departments, its own questions.

    The department question offers the organisation's active departments (and every department
    that already has answers is still labelled in results); without departments it is left out.
    Custom questions go in their own section, asked of everyone. A snapshot passes the own
    questions and the departments as they were at close, which spares both queries.
    """
    standard = VERSIONS[campaign.questionnaire_version]
    if departments is None:
        rows = Department.objects.filter(organisation_id=campaign.organisation_id)
        departments = {d.code: d.name for d in rows if d.is_active}
    department_options = tuple(
        Option(code, name) for code, name in sorted(departments.items(), key=lambda i: i[1])
    )
    if own_questions is None:
        own_questions = campaign.custom_questions.all()
    custom = []
    for own in own_questions:
        if own.kind == QuestionKind.SCALE:
            options = SCALE_LABELS
        else:
            options = tuple(Option(i, label) for i, label in enumerate(own.option_labels, start=1))
        custom.append(
            Question(
                own.code,
                f"custom_{own.code}",
                "custom",
                own.kind,
                in_language(own.text, own.text_en),
                options,
            )
        )
    questions = []
    for question in standard.questions:
        if question.code == Q_DEPARTMENT:
            if not department_options:
                continue
            question = replace(question, options=department_options)
        if question.section == "background" and custom:
            questions.extend(custom)
            custom = []
        questions.append(question)
    questions.extend(custom)
    sections = tuple(s for s in standard.sections if any(q.section == s.key for q in questions))
    return replace(standard, sections=sections, questions=tuple(questions))


def respondent_questionnaire(*, campaign: Campaign) -> Questionnaire:
    """questionnaire_for, kept for a short while per process and language (the own questions
    have two texts); see monitor.respondent_cache."""
    return respondent_cache.kept(
        ("questionnaire", campaign.organisation_id, campaign.key, get_language() or ""),
        lambda: questionnaire_for(campaign=campaign),
    )


def department_labels(*, organisation: Organisation) -> dict[int, str]:
    """Every department's name by code, active or not, for labelling results."""
    return dict(Department.objects.filter(organisation=organisation).values_list("code", "name"))


# While a campaign is open, how far it is shows in steps of this size only: a count that moves by
# one would tell a watcher when one colleague's form arrived.
PROGRESS_STEP = 10


@dataclass(frozen=True)
class Progress:
    """How far an open campaign is, in coarse steps: at least `at_least` responses (None:
    fewer than one step), and a response rate of at least `rate_at_least` percent."""

    at_least: int | None
    rate_at_least: int | None

    @property
    def step(self) -> int:
        return PROGRESS_STEP


def _step_down(value: float) -> int:
    return int(value // PROGRESS_STEP) * PROGRESS_STEP


def _progress(received: int, invited: int | None) -> Progress:
    received = _step_down(received)
    if received == 0:
        return Progress(None, None)
    rate = _step_down(100 * received / invited) if invited else None
    # "At least 0%" says nothing and looks odd: a rate below one step is left out.
    return Progress(received, rate or None)


def progress_of(*, campaigns: list[Campaign]) -> dict[int, Progress]:
    """The coarse progress of campaigns that have not closed, by id: sent forms, counted or
    waiting, in two queries whatever the number of campaigns."""
    ids = [c.pk for c in campaigns]
    received: dict[int, int] = dict.fromkeys(ids, 0)
    waiting = (
        InboxEntry.objects.filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counted = (
        AnswerTally.objects.filter(
            campaign_id__in=ids, dimension=Dimension.CARER, question=GROUP_SIZE
        )
        .values("campaign_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for rows in (waiting, counted):
        for row in rows:
            received[row["campaign_id"]] += row["n"] or 0
    return {c.pk: _progress(received[c.pk], c.invited_count) for c in campaigns}


def campaign_progress(*, campaign: Campaign) -> Progress:
    """The coarse progress of one campaign that has not closed."""
    return progress_of(campaigns=[campaign])[campaign.pk]
