"""The one place that turns a status letter into what the preview, the PDF and the DOCX show."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from monitor import charts
from recognition.letter_text import Block, blocks_of
from recognition.models import LetterSection, SectionKind, Signatory, StatusLetter

CHART_ID = "letter-monitor-chart"


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: str  # "42%" or "too few answers"


@dataclass(frozen=True)
class SectionView:
    kind: str
    title: str
    blocks: list[Block]
    chart: SafeString | None = None
    chart_title: str = ""
    chart_rows: tuple[ChartRow, ...] = ()


@dataclass(frozen=True)
class LetterDocument:
    letter: StatusLetter
    title: str  # the document's title: subject and organisation
    sections: list[SectionView]
    signatories: list[Signatory]

    @property
    def is_draft(self) -> bool:
        return not self.letter.is_issued


def _chart_title(letter: StatusLetter) -> str:
    if letter.campaign is not None:
        return _("Main results of the monitor “%(title)s”") % {"title": letter.campaign.title}
    return _("Main results of the monitor")


def _section_view(letter: StatusLetter, section: LetterSection) -> SectionView:
    blocks = blocks_of(section.body)
    if section.kind != SectionKind.MONITOR or not letter.show_monitor_chart:
        return SectionView(section.kind, section.title, blocks)
    bars = [charts.Bar(f["label"], f["percentage"]) for f in letter.monitor_figures]
    if not bars:
        return SectionView(section.kind, section.title, blocks)
    title = _chart_title(letter)
    rows = tuple(
        ChartRow(
            bar.label,
            _("too few answers")
            if bar.percentage is None
            else f"{charts.whole_percent(bar.percentage)}%",
        )
        for bar in bars
    )
    return SectionView(
        section.kind,
        section.title,
        blocks,
        chart=charts.bar_chart(bars, title=title, chart_id=CHART_ID),
        chart_title=title,
        chart_rows=rows,
    )


def letter_document(letter: StatusLetter) -> LetterDocument:
    """The letter's sections cut into blocks, its chart and its signatories, in its language.

    The caller activates the letter's language (the fixed words and the chart's texts follow it).
    """
    sections = list(letter.sections.all())
    return LetterDocument(
        letter=letter,
        title=f"{letter.subject} – {letter.organisation.name}",
        sections=[_section_view(letter, s) for s in sections],
        signatories=list(letter.signatories.all()),
    )
