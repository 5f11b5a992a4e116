"""The public monitor under /m/<key>/: employees answer without an account, on any device.

The answers so far travel with the form, not in a session: every page carries them in a signed
hidden field, so the server keeps nothing about a respondent until the final send, and no cookie
is set beyond the CSRF token (and the language, if the visitor chooses one). The signature (salted,
with the campaign key inside) stops anyone from editing the answers or moving them to another
campaign; the answers themselves are checked again by response_submit.
"""

import secrets
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from monitor import throttle
from monitor.closing import close_if_due
from monitor.models import Campaign, CampaignState
from monitor.questionnaire import Question, Questionnaire, Section, durations
from monitor.respond_forms import CodeForm, SectionForm
from monitor.results import MIN_TEXTS
from monitor.selectors import respondent_campaign, respondent_questionnaire
from monitor.services import MonitorError, applicable_questions, response_submit
from programme.images import logo_response
from programme.models import SupportOfferKind

STATE_SALT = "monitor.respond.state"


class BadState(Exception):
    """The hidden answers were changed, come from another campaign, or are missing."""


@dataclass
class FormState:
    """What the respondent has filled in so far, carried by the form from page to page."""

    key: str
    token: str
    # A code was spent to begin (single-use codes): the state never carries the code itself.
    admitted: bool = False
    answers: dict[int, list[int]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)

    @classmethod
    def new(cls, campaign: Campaign, *, admitted: bool = False) -> "FormState":
        # The random form token makes a double submit of this filled-in form store one response.
        return cls(key=campaign.key, token=secrets.token_urlsafe(24), admitted=admitted)

    def dumps(self) -> str:
        payload = {
            "k": self.key,
            "t": self.token,
            "c": self.admitted,
            "a": {str(code): options for code, options in self.answers.items()},
            "x": {str(code): text for code, text in self.texts.items()},
        }
        return signing.dumps(payload, salt=STATE_SALT, compress=True)

    @classmethod
    def loads(cls, value: str, *, campaign: Campaign) -> "FormState":
        try:
            payload = signing.loads(value, salt=STATE_SALT)
            state = cls(
                key=payload["k"],
                token=payload["t"],
                admitted=payload["c"] is True,
                answers={int(code): list(options) for code, options in payload["a"].items()},
                texts={int(code): str(text) for code, text in payload["x"].items()},
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError) as error:
            raise BadState from error
        if state.key != campaign.key or not state.token:
            raise BadState
        return state

    def merge(self, answers: dict[int, list[int]], texts: dict[int, str]) -> None:
        for code, options in answers.items():
            if options:
                self.answers[code] = options
            else:
                self.answers.pop(code, None)
        for code, text in texts.items():
            if text:
                self.texts[code] = text
            else:
                self.texts.pop(code, None)


def public_page(view):
    """A page of the public monitor: no login, never cached, never indexed, no referrer outside.

    The monitor key is in the URL, so the browser must not pass it on to other sites (or keep the
    page in a shared cache); an unknown key gets the same headers on its 404 page, a page of the
    monitor's own that says what to do, without the site's login link.

    Why "same-origin" and not "no-referrer": under no-referrer the browser sends "Origin: null"
    with the form's POST, and Django's CSRF check rightly refuses it. "same-origin" gives other
    sites nothing, and our own logs redact the key from the referrer (monitor/logging.py).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "monitor/respond_not_found.html", status=404)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return login_not_required(never_cache(wrapper))


def _campaign(key: str) -> Campaign:
    try:
        return respondent_campaign(key=key)
    except Campaign.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Step:
    section: Section
    questions: list[Question]


def _steps(questionnaire: Questionnaire, answers: dict[int, list[int]]) -> list[Step]:
    """The sections this respondent is asked, given the answers so far, in order."""
    asked = applicable_questions(questionnaire, answers)
    steps = []
    for section in questionnaire.sections:
        questions = [q for q in asked if q.section == section.key]
        if questions:
            steps.append(Step(section, questions))
    return steps


def _section_order(questionnaire: Questionnaire, key: str) -> int:
    for index, section in enumerate(questionnaire.sections):
        if section.key == key:
            return index
    raise Http404


def _unavailable(request: HttpRequest, campaign: Campaign, state: str) -> HttpResponse | None:
    if state == CampaignState.OPEN:
        return None
    return render(
        request,
        "monitor/respond_unavailable.html",
        {"campaign": campaign, "organisation": campaign.organisation, "state": state},
    )


def _start_page(
    request: HttpRequest, campaign: Campaign, *, form=None, restart: str = "", status: int = 200
) -> HttpResponse:
    if form is None and campaign.uses_codes:
        form = CodeForm(campaign=campaign)
    questionnaire = respondent_questionnaire(campaign=campaign)
    minutes, carer_minutes = durations(questionnaire)
    return render(
        request,
        "monitor/respond_start.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "form": form,
            "restart": restart,
            "text_min_responses": MIN_TEXTS,
            "minutes": minutes,
            "carer_minutes": carer_minutes,
            "parts": [
                (part, questionnaire.is_conditional(part)) for part in questionnaire.present_parts()
            ],
        },
        status=status,
    )


def _too_many(request: HttpRequest, campaign: Campaign, *, retry: dict | None = None):
    """429: this network sent too many forms just now; nothing was stored."""
    response = render(
        request,
        "monitor/respond_too_many.html",
        {"campaign": campaign, "organisation": campaign.organisation, "retry": retry},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def _step_page(
    request: HttpRequest,
    campaign: Campaign,
    questionnaire: Questionnaire,
    state: FormState,
    key: str,
    *,
    form: SectionForm | None = None,
) -> HttpResponse:
    steps = _steps(questionnaire, state.answers)
    keys = [step.section.key for step in steps]
    index = keys.index(key) if key in keys else 0
    step = steps[index]
    if form is None:
        form = SectionForm(
            questions=step.questions,
            initial=SectionForm.initial_from(step.questions, state.answers, state.texts),
        )
    return render(
        request,
        "monitor/respond_step.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "questionnaire": questionnaire,
            "section": step.section,
            "form": form,
            "state": state.dumps(),
            "is_first": index == 0,
            "is_last": index == len(steps) - 1,
        }
        | _part_progress(questionnaire, steps, step),
    )


def _part_progress(questionnaire: Questionnaire, steps: list[Step], step: Step) -> dict:
    """Which part (onderdeel) this page is in, out of a number that is the same for everyone
    from the first page on; and the carers' part, when this respondent has just skipped it."""
    parts = questionnaire.present_parts()
    part = questionnaire.part_of(step.section.key)
    index = parts.index(part)
    in_part = [s for s in steps if questionnaire.part_of(s.section.key) == part]
    skipped = None
    if index and in_part[0].section.key == step.section.key:
        before = parts[index - 1]
        if not any(questionnaire.part_of(s.section.key) == before for s in steps):
            skipped = (index, before)
    return {
        "part": part,
        "part_number": index + 1,
        "part_total": len(parts),
        "skipped_part": skipped,
    }


@public_page
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def start(request: HttpRequest, key: str) -> HttpResponse:
    """The start page: what the monitor is about and what is stored; the code if one is needed."""
    today = timezone.localdate()
    campaign = close_if_due(campaign=_campaign(key), today=today)
    unavailable = _unavailable(request, campaign, campaign.state_on(today))
    if unavailable:
        return unavailable
    if request.method == "GET":
        return _start_page(request, campaign)
    admitted = False
    if campaign.uses_codes:
        # Guessing codes is what the limit is for; an office entering its codes stays far below.
        if not throttle.allow(request):
            return _too_many(request, campaign)
        form = CodeForm(request.POST, campaign=campaign)
        if not form.is_valid():
            return _start_page(request, campaign, form=form)
        admitted = True
    questionnaire = respondent_questionnaire(campaign=campaign)
    state = FormState.new(campaign, admitted=admitted)
    first = _steps(questionnaire, state.answers)[0]
    return _step_page(request, campaign, questionnaire, state, first.section.key)


@public_page
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
def step(request: HttpRequest, key: str, section: str) -> HttpResponse:
    """One section of questions; Next shows the following one, and the last one sends the form."""
    campaign = _campaign(key)
    today = timezone.localdate()
    unavailable = _unavailable(request, campaign, campaign.state_on(today))
    if unavailable:
        return unavailable
    if request.method == "GET":
        # The answers live in the form, not on the server: without them, begin at the start.
        return redirect("respond:start", key=campaign.key)
    try:
        state = FormState.loads(request.POST.get("state", ""), campaign=campaign)
    except BadState:
        message = _(
            "Something went wrong with your answers, so they were not kept. Please start again."
        )
        return _start_page(request, campaign, restart=message, status=400)
    questionnaire = respondent_questionnaire(campaign=campaign)
    order = _section_order(questionnaire, section)
    action = request.POST.get("action", "next")

    if action == "retry":
        # Sending again after the rate limit: the answers are all in the signed state already.
        return _send(request, campaign, questionnaire, state, section, today=today)

    questions = [
        q for q in applicable_questions(questionnaire, state.answers) if q.section == section
    ]
    form = SectionForm(request.POST, questions=questions)
    if action.startswith("language:"):
        return _switch_language(request, campaign, state, form, section, action.split(":")[1])
    if action == "back":
        state.merge(*form.answers_as_posted())
        earlier = [
            s
            for s in _steps(questionnaire, state.answers)
            if _section_order(questionnaire, s.section.key) < order
        ]
        if not earlier:
            return redirect("respond:start", key=campaign.key)
        return _step_page(request, campaign, questionnaire, state, earlier[-1].section.key)

    if not form.is_valid():
        return _step_page(request, campaign, questionnaire, state, section, form=form)
    state.merge(*form.answers())
    later = [
        s
        for s in _steps(questionnaire, state.answers)
        if _section_order(questionnaire, s.section.key) > order
    ]
    if later:
        return _step_page(request, campaign, questionnaire, state, later[0].section.key)
    return _send(request, campaign, questionnaire, state, section, today=today)


def _switch_language(request, campaign, state, form, section, language) -> HttpResponse:
    """Show the same page in the other language, keeping what was filled in.

    The switch in the page header cannot carry the answers (it is a form of its own), so the
    questions pages offer this one inside their form; it sets the same cookie as the header's.
    """
    state.merge(*form.answers_as_posted())
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    # Asked again in the new language: the questions of the organisation's own have two texts.
    questionnaire = respondent_questionnaire(campaign=campaign)
    response = _step_page(request, campaign, questionnaire, state, section)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _send(request, campaign, questionnaire, state, section, *, today) -> HttpResponse:
    if not throttle.allow(request):
        return _too_many(request, campaign, retry={"state": state.dumps(), "section": section})
    try:
        response_submit(
            campaign=campaign,
            answers=state.answers,
            texts=state.texts,
            token=state.token,
            admitted=state.admitted,
            today=today,
            questionnaire=questionnaire,
        )
    except MonitorError as error:
        # Nothing was stored: show the last page again, as filled in, with the reason on top.
        last = _steps(questionnaire, state.answers)[-1]
        initial = SectionForm.initial_from(last.questions, state.answers, state.texts)
        data = QueryDict(mutable=True)
        for name, value in initial.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        form = SectionForm(data, questions=last.questions)
        form.is_valid()
        form.add_error(None, str(error))
        return _step_page(request, campaign, questionnaire, state, last.section.key, form=form)
    # True, or False for a form that was sent before: either way it is stored once.
    return redirect("respond:thanks", key=campaign.key)


@public_page
@require_GET
def logo(request: HttpRequest, key: str) -> HttpResponse:
    """The employer's logo for the header of its monitor pages, from our own storage: the pages
    make no request to any other site. Only the PNG and JPEG that the upload accepts."""
    # Never cached, as every monitor page (public_page). A file gone from storage is a 404: the
    # header then shows the name alone.
    return logo_response(_campaign(key).organisation)


@public_page
@require_GET
def thanks(request: HttpRequest, key: str) -> HttpResponse:
    """Thanks, and where to find support: the same page for everyone, whatever they answered."""
    campaign = _campaign(key)
    organisation = campaign.organisation
    offers = list(organisation.support_offers.all())
    return render(
        request,
        "monitor/respond_thanks.html",
        {
            "campaign": campaign,
            "organisation": organisation,
            "internal_offers": [o for o in offers if o.kind == SupportOfferKind.INTERNAL],
            "external_offers": [o for o in offers if o.kind == SupportOfferKind.EXTERNAL],
            "contacts": list(organisation.contact_persons.all()),
        },
    )
