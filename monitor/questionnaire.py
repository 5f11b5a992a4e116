"""The standard monitor questionnaire, versioned in code.

A version never changes once a campaign has used it: answers are stored as small integer codes
(question, option), so the meaning of a code must stay fixed. A new wording is a new version.

No question asks about anyone's health or diagnosis: the Dutch data protection authority does not
allow an employer to collect health data about employees, not even with consent.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTI = "multi", _("multiple choice")
    SCALE = "scale", _("5-point scale")
    TEXT = "text", _("free text")


@dataclass(frozen=True)
class Option:
    code: int
    label: str | Promise


@dataclass(frozen=True)
class Condition:
    """A question (or section) is asked only when question `question` was answered with `option`."""

    question: int
    option: int


@dataclass(frozen=True)
class Question:
    code: int
    key: str
    section: str
    kind: str
    text: str | Promise
    options: tuple[Option, ...] = ()
    help_text: str | Promise = ""
    condition: Condition | None = None
    is_background: bool = False
    # Options of a multiple-choice question that rule out every other option ("Nothing in
    # particular" next to "I work fewer hours" says two opposite things).
    exclusive: frozenset[int] = frozenset()

    @property
    def option_codes(self) -> frozenset[int]:
        return frozenset(option.code for option in self.options)

    def conflict(self, options: Iterable[int]) -> str | None:
        """Why these options cannot be chosen together, or None when they can."""
        chosen = set(options)
        for code in sorted(self.exclusive & chosen):
            if len(chosen) > 1:
                return _(
                    "“%(option)s” does not go together with another answer. "
                    "Choose “%(option)s”, or choose the other answers."
                ) % {"option": self.label_for(code)}
        return None

    def label_for(self, code: int) -> str:
        option = self._options_by_code.get(code)
        return str(code) if option is None else str(option.label)

    @cached_property
    def _options_by_code(self) -> dict[int, Option]:
        # A breakdown labels every cell of every group: a dict, not a search per cell.
        return {option.code: option for option in self.options}


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    intro: str | Promise = ""


@dataclass(frozen=True)
class Part:
    """A part (onderdeel) of the questionnaire: one or more sections, numbered from the first page.

    The parts are the same for every respondent, so the count ("Part 2 of 5") never changes
    while answering; a part only some are asked (the carers' questions) says so from the start.
    """

    key: str
    title: str | Promise
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    version: str
    title: str | Promise
    sections: tuple[Section, ...]
    questions: tuple[Question, ...] = field(default=())
    parts: tuple[Part, ...] = field(default=())

    def question(self, code: int) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)

    def by_key(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def in_section(self, key: str) -> list[Question]:
        return [q for q in self.questions if q.section == key]

    def present_parts(self) -> list[Part]:
        """The parts that hold at least one of this campaign's sections, in order. They depend on
        the campaign (its own questions, its departments), never on anyone's answers."""
        present = {section.key for section in self.sections}
        return [part for part in self.parts if present.intersection(part.sections)]

    def part_of(self, section: str) -> Part:
        for part in self.parts:
            if section in part.sections:
                return part
        raise KeyError(section)

    def is_conditional(self, part: Part) -> bool:
        """Whether only some respondents are asked this part: each of its questions has a
        condition."""
        questions = [q for q in self.questions if q.section in part.sections]
        return bool(questions) and all(q.condition is not None for q in questions)


def asked(questionnaire: Questionnaire, answers: Mapping[int, Sequence[int]]) -> list[Question]:
    """The questions asked given the answers so far: a question whose condition fails is skipped.

    Conditions chain: a question that depends on a skipped question is skipped too.
    """
    questions: list[Question] = []
    codes: set[int] = set()
    for question in questionnaire.questions:
        condition = question.condition
        if condition is None or (
            condition.question in codes and condition.option in answers.get(condition.question, ())
        ):
            questions.append(question)
            codes.add(question.code)
    return questions


# --- How long it takes ----------------------------------------------------------------------

# A slow, careful reader (language level B1, on a phone): words a minute, and the seconds to
# choose an answer or to write a few lines (the written answers are optional, but who writes one
# takes this long).
READING_WORDS_PER_MINUTE = 130
SECONDS_TO_CHOOSE = 4
SECONDS_TO_WRITE = 60
SECONDS_PER_PAGE = 5


def _words(text) -> int:
    return len(str(text).split())


def _seconds(questions: Iterable[Question], sections: Iterable[Section]) -> float:
    words = sum(_words(s.title) + _words(s.intro) for s in sections)
    seconds = SECONDS_PER_PAGE * len(list(sections))
    for question in questions:
        words += _words(question.text) + _words(question.help_text)
        words += sum(_words(option.label) for option in question.options)
        seconds += SECONDS_TO_WRITE if question.kind == QuestionKind.TEXT else SECONDS_TO_CHOOSE
    return seconds + 60 * words / READING_WORDS_PER_MINUTE


def path_minutes(questionnaire: Questionnaire, answers: Mapping[int, Sequence[int]]) -> int:
    """About how many whole minutes the questionnaire takes someone who answers this way: the
    reading of every question and option they are asked, and the answering."""
    questions = asked(questionnaire, answers)
    keys = {q.section for q in questions}
    sections = [s for s in questionnaire.sections if s.key in keys]
    return max(1, math.ceil(_seconds(questions, sections) / 60))


def durations(questionnaire: Questionnaire) -> tuple[int, int]:
    """(minutes for someone who cares for nobody, minutes for a carer who is asked everything)."""
    everything = {
        q.condition.question: [q.condition.option] for q in questionnaire.questions if q.condition
    }
    not_carer = {
        Q_CARER: [
            option.code
            for option in questionnaire.question(Q_CARER).options
            if option.code != CARER_YES
        ][:1]
    }
    return path_minutes(questionnaire, not_carer), path_minutes(questionnaire, everything)


# Codes of the standard questions that other parts of the app read by meaning. They are the same in
# every version so far; a version that changes one must say so here.
Q_CARER = 1
CARER_YES = 1
Q_AGE_BAND = 16
Q_DEPARTMENT = 17
# Custom questions of a campaign are numbered from here; standard codes stay below.
CUSTOM_QUESTION_BASE = 100
NO_ANSWER = 0

_FOR_CARERS = Condition(Q_CARER, CARER_YES)

_AGREE_SCALE = (
    Option(1, _("Strongly disagree")),
    Option(2, _("Disagree")),
    Option(3, _("Neither agree nor disagree")),
    Option(4, _("Agree")),
    Option(5, _("Strongly agree")),
)

STANDARD_2026 = Questionnaire(
    version="2026.1",
    title=_("Work and caregiving monitor"),
    sections=(
        Section(
            "caregiving",
            _("Caregiving"),
            _(
                "Caregiving (mantelzorg) is unpaid care for someone close to you who needs help: "
                "a partner, parent, child, other relative, friend or neighbour. It goes beyond the "
                "usual help within a family, for example more than 8 hours a week or for longer "
                "than 3 months. Many people who do this do not call themselves a carer."
            ),
        ),
        Section("situation", _("Your care situation")),
        Section("manager", _("Talking with your manager")),
        Section("conversation", _("How the conversation went")),
        Section("knowledge", _("Regulations and support")),
        Section("needs", _("What would help you")),
        Section("organisation", _("Caregiving in our organisation")),
        Section("custom", _("Questions from your organisation")),
        Section(
            "background",
            _("About you"),
            _("These questions are optional. They are only used to compare large groups."),
        ),
    ),
    # The carers' own part comes second, right after the question that opens it.
    parts=(
        Part("caregiving", _("Caregiving"), ("caregiving",)),
        Part("carers", _("Your care situation"), ("situation", "manager", "conversation")),
        Part("support", _("Regulations and support"), ("knowledge", "needs")),
        Part("organisation", _("Our organisation"), ("organisation", "custom")),
        Part("background", _("About you"), ("background",)),
    ),
    questions=(
        Question(
            Q_CARER,
            "is_carer",
            "caregiving",
            QuestionKind.SINGLE,
            _("Do you currently care for someone close to you, next to your work?"),
            (
                Option(CARER_YES, _("Yes")),
                Option(2, _("No")),
                Option(3, _("Not now, but I expect to in the coming years")),
            ),
        ),
        Question(
            2,
            "cares_for",
            "situation",
            QuestionKind.MULTI,
            _("Who do you care for?"),
            (
                Option(1, _("My partner")),
                Option(2, _("A parent or parent-in-law")),
                Option(3, _("A child")),
                Option(4, _("Another relative")),
                Option(5, _("A friend, neighbour or acquaintance")),
                Option(6, _("Someone else")),
            ),
            help_text=_("Choose all that apply."),
            condition=_FOR_CARERS,
        ),
        Question(
            3,
            "hours",
            "situation",
            QuestionKind.SINGLE,
            _("How many hours a week do you spend on this care, on average?"),
            (
                Option(1, _("Less than 4 hours")),
                Option(2, _("4 to 8 hours")),
                Option(3, _("8 to 16 hours")),
                Option(4, _("16 to 24 hours")),
                Option(5, _("More than 24 hours")),
            ),
            condition=_FOR_CARERS,
        ),
        Question(
            4,
            "duration",
            "situation",
            QuestionKind.SINGLE,
            _("How long have you been giving this care?"),
            (
                Option(1, _("Less than 3 months")),
                Option(2, _("3 months to 1 year")),
                Option(3, _("1 to 3 years")),
                Option(4, _("More than 3 years")),
            ),
            condition=_FOR_CARERS,
        ),
        Question(
            5,
            "work_effect",
            "situation",
            QuestionKind.MULTI,
            _("How does caring for someone affect your work?"),
            (
                Option(1, _("Nothing in particular")),
                Option(2, _("I take leave or days off for the care")),
                Option(3, _("I changed my working hours or where I work")),
                Option(4, _("I work fewer hours than before")),
                Option(5, _("I am often called away or interrupted during work")),
                Option(6, _("I have thought about stopping work")),
            ),
            help_text=_("Choose all that apply."),
            condition=_FOR_CARERS,
            exclusive=frozenset({1}),
        ),
        Question(
            6,
            "discussed",
            "manager",
            QuestionKind.SINGLE,
            _("Have you talked with your manager about your care situation?"),
            (
                Option(1, _("Yes")),
                Option(2, _("No, but I would like to")),
                Option(3, _("No, and I do not want to")),
                Option(4, _("No, it is not needed")),
            ),
            condition=_FOR_CARERS,
        ),
        Question(
            7,
            "discussion_outcome",
            "conversation",
            QuestionKind.SINGLE,
            _("What came out of that conversation?"),
            (
                Option(1, _("We found a good solution together")),
                Option(2, _("We found a partial solution")),
                Option(3, _("There was understanding, but no solution")),
                Option(4, _("There was little understanding")),
            ),
            condition=Condition(6, 1),
        ),
        Question(
            8,
            "knows_regulations",
            "knowledge",
            QuestionKind.SINGLE,
            _("Do you know which leave and other regulations our organisation has for carers?"),
            (
                Option(1, _("Yes, well")),
                Option(2, _("Somewhat")),
                Option(3, _("No")),
            ),
        ),
        Question(
            9,
            "knows_municipal_support",
            "knowledge",
            QuestionKind.SINGLE,
            _(
                "Do you know what support your municipality offers carers, such as a carers' "
                "consultant or respite care?"
            ),
            (
                Option(1, _("Yes, and I use it")),
                Option(2, _("Yes, but I do not use it")),
                Option(3, _("No")),
            ),
        ),
        Question(
            10,
            "needs",
            "needs",
            QuestionKind.MULTI,
            _("What would help you to combine work and care?"),
            (
                Option(1, _("Attention and understanding")),
                Option(2, _("Flexibility in working hours or place")),
                Option(3, _("Leave")),
                Option(4, _("Information about regulations and support")),
                Option(5, _("Something else")),
            ),
            help_text=_("Choose all that apply."),
            condition=_FOR_CARERS,
        ),
        Question(
            11,
            "needs_other",
            "needs",
            QuestionKind.TEXT,
            _("Is there anything else that would help you? (optional)"),
            help_text=_("Do not write names or anything else by which someone can be recognised."),
            condition=_FOR_CARERS,
        ),
        Question(
            12,
            "culture_open",
            "organisation",
            QuestionKind.SCALE,
            _("In our organisation you can talk openly about caregiving."),
            _AGREE_SCALE,
        ),
        Question(
            13,
            "awareness",
            "organisation",
            QuestionKind.SCALE,
            _("I know that our organisation pays attention to combining work and caregiving."),
            _AGREE_SCALE,
        ),
        Question(
            14,
            "manager_understanding",
            "organisation",
            QuestionKind.SCALE,
            _("Managers here show understanding for employees who care for someone."),
            _AGREE_SCALE,
        ),
        Question(
            Q_AGE_BAND,
            "age_band",
            "background",
            QuestionKind.SINGLE,
            _("What is your age?"),
            (
                Option(1, _("Under 35")),
                Option(2, _("35 to 49")),
                Option(3, _("50 or older")),
            ),
            is_background=True,
        ),
        # Its options come from the organisation's own list of departments (see Department).
        Question(
            Q_DEPARTMENT,
            "department",
            "background",
            QuestionKind.SINGLE,
            pgettext_lazy("monitor question", "In which department do you work?"),
            is_background=True,
        ),
    ),
)

VERSIONS: dict[str, Questionnaire] = {STANDARD_2026.version: STANDARD_2026}
LATEST_VERSION = STANDARD_2026.version
VERSION_CHOICES = [(version, version) for version in VERSIONS]
