"""From results to action: the pillar actions a campaign's figures call for, and adopting one.

Each rule reads one published percentage (None when the aggregation suppressed it: a suppressed
figure never triggers anything, since acting on it would hint at what it hides). Several rules
can point at the same action (train managers); their reasons are then joined.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy

from monitor.charts import whole_percent
from programme.models import Action, ActionStatus, Organisation, PillarKey

# Fewer than half of the carers talked with their manager: nationally just over half do (SCP
# 2019), and the magazine's 40% who do not is the figure employers recognise.
DISCUSSED_WITH_MANAGER_BELOW = 50
# Of those who did talk, fewer than half found a good solution: nationally 80% do, so this is
# the conversation itself going wrong, a matter of equipping managers.
GOOD_SOLUTION_BELOW = 50
# Fewer than half know the organisation's own regulations: Beschrijven has not reached them.
KNOWS_REGULATIONS_BELOW = 50
# Nationally 27% of working carers do not know municipal support exists; below 60% knowing it,
# the organisation is clearly behind and can bring the municipality's consultant in.
KNOWS_MUNICIPAL_SUPPORT_BELOW = 60
# Fewer than half of all employees agree that caregiving can be discussed openly.
CULTURE_OPEN_BELOW = 50
# Fewer than half know the organisation pays attention to work and caregiving.
AWARENESS_BELOW = 50
# Fewer than half agree that managers show understanding for carers.
MANAGER_UNDERSTANDING_BELOW = 50
# A need named by two in five carers or more is common enough to answer for everyone.
NEED_AT_LEAST = 40
# Below 30% the figures say little about the whole staff: ask again, with more attention.
RESPONSE_RATE_BELOW = 30
# Nationally about 1 in 4 employees is a carer (IZZ 2024); below 15% many carers most likely do
# not recognise themselves as one.
CARER_SHARE_BELOW = 15


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable slug, e.g. "train-managers"
    pillar: str  # a PillarKey value
    title: str  # becomes the Action title
    description: str  # becomes the Action description
    reason: str  # why, citing the figure

    @property
    def pillar_label(self) -> str:
        return str(PillarKey(self.pillar).label)


@dataclass(frozen=True)
class _Idea:
    pillar: str
    title: str
    description: str


IDEAS: dict[str, _Idea] = {
    "discuss-in-team": _Idea(
        PillarKey.DISCUSS,
        gettext_lazy("Make caregiving a normal topic in conversations"),
        gettext_lazy(
            "Put work and caregiving on the agenda of team meetings and make it a fixed question "
            "in the annual review, so that carers do not have to bring it up themselves."
        ),
    ),
    "train-managers": _Idea(
        PillarKey.EQUIP,
        gettext_lazy("Train managers for the conversation with carers"),
        gettext_lazy(
            "Offer managers a short training on recognising carers, starting the conversation "
            "and finding tailored agreements, including the regulations and local support."
        ),
    ),
    "publish-regulations": _Idea(
        PillarKey.DESCRIBE,
        gettext_lazy("Describe the regulations for carers on the intranet"),
        gettext_lazy(
            "Describe the statutory and own regulations (care leave, emergency leave, flexible "
            "work) in plain language on one intranet page and point to it in the newsletter."
        ),
    ),
    "invite-municipal-consultant": _Idea(
        PillarKey.DISCUSS,
        gettext_lazy("Invite the municipality's carers' consultant"),
        gettext_lazy(
            "Ask the municipality's carers' consultant or the local carers' support centre to "
            "explain their support in a team meeting or a lunch session, and add the contact "
            "details to the intranet."
        ),
    ),
    "open-culture": _Idea(
        PillarKey.DISCUSS,
        gettext_lazy("Make it easy to talk about caregiving"),
        gettext_lazy(
            "Let the management set the example and share carers' experiences (with their "
            "consent), for example around the Day of the Carer on 10 November."
        ),
    ),
    "inform-everyone": _Idea(
        PillarKey.EMBED,
        gettext_lazy("Tell every employee about the attention for carers"),
        gettext_lazy(
            "Mention the policy for carers in the onboarding of new employees and give the "
            "theme attention every year, so that every employee knows where to go."
        ),
    ),
    "flexible-work-agreements": _Idea(
        PillarKey.DESCRIBE,
        gettext_lazy("Describe how carers can work flexibly"),
        gettext_lazy(
            "Describe which agreements on working hours, times and place are possible for "
            "carers and how to ask for them."
        ),
    ),
    "explain-leave": _Idea(
        PillarKey.DESCRIBE,
        gettext_lazy("Explain the leave options for carers"),
        gettext_lazy(
            "Explain short-term and long-term care leave and emergency leave: what they are, "
            "what they pay and how to apply."
        ),
    ),
    "carer-information": _Idea(
        PillarKey.DESCRIBE,
        gettext_lazy("Gather the information for carers in one place"),
        gettext_lazy(
            "Make one page with everything a carer needs: the regulations, who to talk to in "
            "the organisation and the support of the municipality."
        ),
    ),
    "explain-caregiving": _Idea(
        PillarKey.DISCUSS,
        gettext_lazy("Explain what caregiving is"),
        gettext_lazy(
            "Many carers do not see themselves as one. Explain with examples what caregiving is, "
            "for example in the newsletter and in team meetings."
        ),
    ),
    "repeat-monitor": _Idea(
        PillarKey.EMBED,
        gettext_lazy("Run the monitor again and announce it better"),
        gettext_lazy(
            "Run the monitor again next year and announce it well: through managers, posters "
            "with the QR code at every location and a reminder halfway."
        ),
    ),
}


@dataclass(frozen=True)
class _Rule:
    metric: str
    fires: Callable[[float], bool]
    keys: tuple[str, ...]
    reason: str  # a lazy msgid with %(value)s


def _below(threshold: float) -> Callable[[float], bool]:
    return lambda value: value < threshold


def _at_least(threshold: float) -> Callable[[float], bool]:
    return lambda value: value >= threshold


RULES: tuple[_Rule, ...] = (
    _Rule(
        "discussed-with-manager",
        _below(DISCUSSED_WITH_MANAGER_BELOW),
        ("discuss-in-team", "train-managers"),
        gettext_lazy("Only %(value)s%% of carers talked with their manager about it."),
    ),
    _Rule(
        "good-solution-when-discussed",
        _below(GOOD_SOLUTION_BELOW),
        ("train-managers",),
        gettext_lazy(
            "Only %(value)s%% of carers who talked with their manager found a good solution."
        ),
    ),
    _Rule(
        "manager-understanding",
        _below(MANAGER_UNDERSTANDING_BELOW),
        ("train-managers",),
        gettext_lazy("Only %(value)s%% agree that managers show understanding for carers."),
    ),
    _Rule(
        "knows-regulations",
        _below(KNOWS_REGULATIONS_BELOW),
        ("publish-regulations",),
        gettext_lazy("Only %(value)s%% of carers know the organisation's regulations."),
    ),
    _Rule(
        "knows-municipal-support",
        _below(KNOWS_MUNICIPAL_SUPPORT_BELOW),
        ("invite-municipal-consultant",),
        gettext_lazy("Only %(value)s%% of carers know the municipality's support."),
    ),
    _Rule(
        "culture-open",
        _below(CULTURE_OPEN_BELOW),
        ("open-culture",),
        gettext_lazy("Only %(value)s%% agree that caregiving can be discussed openly here."),
    ),
    _Rule(
        "awareness",
        _below(AWARENESS_BELOW),
        ("inform-everyone",),
        gettext_lazy(
            "Only %(value)s%% know that the organisation pays attention to work and caregiving."
        ),
    ),
    _Rule(
        "needs-flexibility",
        _at_least(NEED_AT_LEAST),
        ("flexible-work-agreements",),
        gettext_lazy("%(value)s%% of carers say flexibility would help them."),
    ),
    _Rule(
        "needs-leave",
        _at_least(NEED_AT_LEAST),
        ("explain-leave",),
        gettext_lazy("%(value)s%% of carers say leave would help them."),
    ),
    _Rule(
        "needs-information",
        _at_least(NEED_AT_LEAST),
        ("carer-information",),
        gettext_lazy("%(value)s%% of carers say information would help them."),
    ),
    _Rule(
        "carer-share",
        _below(CARER_SHARE_BELOW),
        ("explain-caregiving",),
        gettext_lazy("Only %(value)s%% of respondents care for someone; nationally about 1 in 4."),
    ),
    _Rule(
        "response-rate",
        _below(RESPONSE_RATE_BELOW),
        ("repeat-monitor",),
        gettext_lazy("Only %(value)s%% of the invited employees responded."),
    ),
)

_PILLAR_ORDER = {pillar.value: index for index, pillar in enumerate(PillarKey)}


def suggestions_for(*, metrics: Mapping[str, float | None]) -> list[Suggestion]:
    """The suggested actions for a campaign's published percentages, in pillar order."""
    reasons: dict[str, list[str]] = {}
    for rule in RULES:
        value = metrics.get(rule.metric)
        if value is None or not rule.fires(value):
            continue
        for key in rule.keys:
            reasons.setdefault(key, []).append(rule.reason % {"value": whole_percent(value)})
    keys = sorted(
        reasons, key=lambda key: (_PILLAR_ORDER[IDEAS[key].pillar], list(IDEAS).index(key))
    )
    return [
        Suggestion(
            key=key,
            pillar=str(IDEAS[key].pillar),
            title=str(IDEAS[key].title),
            description=str(IDEAS[key].description),
            reason=" ".join(reasons[key]),
        )
        for key in keys
    ]


def suggestion_adopt(
    *, organisation: Organisation, suggestion: Suggestion, today: date
) -> tuple[Action, bool]:
    """Put a suggestion in this year's plan as a planned action; (action, created).

    An action with the same title in that year means it is already in the plan: it is returned
    and nothing is added, so a second click (or a second HR advisor) makes no duplicate.
    """
    with transaction.atomic():
        # Lock the organisation so two clicks at once cannot both find no action and add one.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        existing = organisation.actions.filter(title=suggestion.title, year=today.year).first()
        if existing is not None:
            return existing, False
        action = Action.objects.create(
            organisation=organisation,
            title=suggestion.title,
            description=suggestion.description,
            pillar=suggestion.pillar,
            year=today.year,
            status=ActionStatus.PLANNED,
        )
    return action, True
