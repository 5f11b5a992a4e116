"""The organisation's data as tables, one per kind, for the full export (exit.services).

Each table is read inside the one organisation only. The action plan and the checklist progress
reuse their own import/export resources, so that those two files import back; the monitor's
results are the published figures of each closed campaign as the results page shows them to HR
(its snapshot, never a raw count or a free text). Secrets (passwords, a campaign's link key, the
access codes) are left out.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import tablib
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitor.export import results_dataset
from monitor.models import Campaign, CustomQuestion, Department
from monitor.results import breakdown_for, breakdowns_for, summary_for
from monitor.snapshots import closed_campaigns
from pillars.models import EvidenceFile, ItemProgress, ProgressChange
from pillars.resources import ProgressResource
from programme.models import ContactPerson, Membership, Organisation, Regulation, SupportOffer
from programme.resources import ActionResource
from recognition.models import PublicProfile, Recognition, StatusLetter
from statements.models import StatementSettings
from support.models import Following, FollowingEvent, OfferingUptake

# Never in an export: how to log in as someone, or to answer a campaign as its respondents.
SECRET_FIELDS = {"password", "key", "token", "secret", "pdf", "docx"}


@dataclass(frozen=True)
class Table:
    name: str  # the file's stem in the ZIP: fixed, ASCII, the same in every language
    title: object  # the sheet's name and the README's line, in the reader's language
    dataset: tablib.Dataset


def _value(instance, field: models.Field):
    if field.choices and not field.many_to_one:
        return getattr(instance, f"get_{field.name}_display")()
    value = getattr(instance, field.name)
    if isinstance(field, models.ForeignKey):
        return "" if value is None else str(value)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(field, models.JSONField):
        return "" if value in (None, [], {}) else str(value)
    if hasattr(value, "tzinfo") and value is not None and hasattr(value, "hour"):
        # Local time without a zone: a spreadsheet cannot hold an aware datetime.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def model_table(queryset: Iterable, model, *, exclude: Iterable[str] = ()) -> tablib.Dataset:
    """Every concrete field of the model but the secrets, headed by its verbose name."""
    skip = SECRET_FIELDS | set(exclude)
    fields = [f for f in model._meta.concrete_fields if f.name not in skip]
    dataset = tablib.Dataset(headers=[str(f.verbose_name) for f in fields])
    for instance in queryset:
        dataset.append([_value(instance, f) for f in fields])
    return dataset


def _members(organisation: Organisation) -> tablib.Dataset:
    dataset = tablib.Dataset(
        headers=[_("name"), _("e-mail"), _("role"), _("member since"), _("active"), _("last login")]
    )
    memberships = Membership.objects.filter(organisation=organisation).select_related("user")
    for membership in memberships.order_by("user__email"):
        user = membership.user
        dataset.append(
            [
                user.full_name,
                user.email,
                membership.get_role_display(),
                timezone.localtime(membership.created_at).replace(tzinfo=None),
                user.is_active,
                timezone.localtime(user.last_login).replace(tzinfo=None)
                if user.last_login
                else None,
            ]
        )
    return dataset


def evidence_path_in_zip(evidence: EvidenceFile) -> str:
    """Where an evidence file lies in the ZIP: its ids and its name stripped of everything but
    letters, digits, dots, dashes and underscores, so that no name reaches outside its folder."""
    name = "".join(
        c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in evidence.original_name
    )
    name = name.lstrip(".")[-100:] or "file"
    return f"evidence/{evidence.progress.item_id}-{evidence.pk}-{name}"


def letter_path_in_zip(letter: StatusLetter, extension: str) -> str:
    return f"letters/letter-{letter.year}-{letter.pk}.{extension}"


def _evidence(organisation: Organisation) -> tablib.Dataset:
    dataset = tablib.Dataset(
        headers=[
            _("item"),
            _("file name"),
            _("type"),
            _("size in bytes"),
            _("uploaded by"),
            _("uploaded at"),
            _("file in this export"),
        ]
    )
    for evidence in evidence_files(organisation):
        dataset.append(
            [
                str(evidence.progress.item),
                evidence.original_name,
                evidence.content_type,
                evidence.size,
                str(evidence.uploaded_by or ""),
                timezone.localtime(evidence.uploaded_at).replace(tzinfo=None),
                evidence_path_in_zip(evidence),
            ]
        )
    return dataset


def _letters(organisation: Organisation) -> tablib.Dataset:
    letters = issued_letters(organisation)
    files = {letter.pk: letter for letter in letters}
    dataset = model_table(
        StatusLetter.objects.filter(organisation=organisation).order_by("year", "pk"),
        StatusLetter,
        exclude={"monitor_figures"},
    )
    dataset.append_col(
        [
            letter_path_in_zip(letter, "pdf") if letter.pk in files else ""
            for letter in StatusLetter.objects.filter(organisation=organisation).order_by(
                "year", "pk"
            )
        ],
        header=_("file in this export"),
    )
    return dataset


def _monitor_results(organisation: Organisation, today) -> tablib.Dataset:
    """One table of every closed campaign's published figures, each row naming its campaign."""
    out = tablib.Dataset()
    for campaign in reversed(closed_campaigns(organisation=organisation, today=today)):
        summary = summary_for(campaign=campaign)
        breakdowns = (
            [breakdown_for(campaign=campaign, by=by) for by in breakdowns_for(campaign=campaign)]
            if summary.is_publishable
            else []
        )
        figures = results_dataset(summary=summary, breakdowns=breakdowns)
        if not out.headers:
            out.headers = [_("campaign"), *(figures.headers or [_("table")])]
        width = len(out.headers) - 1
        for row in figures:
            cells = list(row)[:width]
            out.append([campaign.title, *cells, *[""] * (width - len(cells))])
    if not out.headers:
        out.headers = [_("campaign"), _("table")]
    return out


def evidence_files(organisation: Organisation) -> list[EvidenceFile]:
    return list(
        EvidenceFile.objects.filter(progress__organisation=organisation)
        .select_related("progress__item", "uploaded_by")
        .order_by("pk")
    )


def issued_letters(organisation: Organisation) -> list[StatusLetter]:
    """The issued letters with their stored files (a draft has none)."""
    return list(
        StatusLetter.objects.filter(organisation=organisation, pdf__isnull=False).order_by(
            "year", "pk"
        )
    )


TITLES = {
    "organisation": gettext_lazy("Organisation details"),
    "members": gettext_lazy("Members"),
    "actions": gettext_lazy("Action plan"),
    "contact-persons": gettext_lazy("Contact persons"),
    "support-offers": gettext_lazy("Support offers"),
    "regulations": gettext_lazy("Regulations"),
    "checklist-progress": gettext_lazy("Checklist progress"),
    "checklist-history": gettext_lazy("Checklist history"),
    "evidence": gettext_lazy("Evidence files"),
    "campaigns": gettext_lazy("Monitor campaigns"),
    "campaign-questions": gettext_lazy("The campaigns' own questions"),
    "departments": gettext_lazy("Departments"),
    "monitor-results": gettext_lazy("Published monitor results"),
    "recognitions": gettext_lazy("Recognitions"),
    "letters": gettext_lazy("Status letters"),
    "public-profile": gettext_lazy("Public profile"),
    "followings": gettext_lazy("Support organisations following us"),
    "following-history": gettext_lazy("History of the followings"),
    "offer-uptakes": gettext_lazy("Support offerings taken up"),
    "statement-details": gettext_lazy("Details for the statements"),
}


def tables_for(organisation: Organisation, *, today) -> list[Table]:
    """Every kind of the organisation's data, in a fixed order."""
    org = organisation
    progress = ItemProgress.objects.filter(organisation=org)
    datasets = {
        "organisation": model_table([org], Organisation),
        "members": _members(org),
        "actions": ActionResource(organisation=org).export(),
        "contact-persons": model_table(
            ContactPerson.objects.filter(organisation=org).order_by("pk"), ContactPerson
        ),
        "support-offers": model_table(
            SupportOffer.objects.filter(organisation=org).order_by("pk"), SupportOffer
        ),
        "regulations": model_table(
            Regulation.objects.filter(organisation=org).order_by("pk"), Regulation
        ),
        "checklist-progress": ProgressResource(organisation=org).export(),
        "checklist-history": model_table(
            ProgressChange.objects.filter(progress__in=progress)
            .select_related("progress__item", "changed_by")
            .order_by("changed_at", "pk"),
            ProgressChange,
        ),
        "evidence": _evidence(org),
        "campaigns": model_table(
            Campaign.objects.filter(organisation=org).order_by("pk"), Campaign
        ),
        "campaign-questions": model_table(
            CustomQuestion.objects.filter(campaign__organisation=org).order_by("campaign", "pk"),
            CustomQuestion,
        ),
        "departments": model_table(
            Department.objects.filter(organisation=org).order_by("pk"), Department
        ),
        "monitor-results": _monitor_results(org, today),
        "recognitions": model_table(
            Recognition.objects.filter(organisation=org).order_by("pk"), Recognition
        ),
        "letters": _letters(org),
        "public-profile": model_table(
            PublicProfile.objects.filter(organisation=org), PublicProfile
        ),
        "followings": model_table(
            Following.objects.filter(organisation=org).order_by("pk"), Following
        ),
        "following-history": model_table(
            FollowingEvent.objects.filter(following__organisation=org)
            .select_related("following", "by")
            .order_by("pk"),
            FollowingEvent,
        ),
        "offer-uptakes": model_table(
            OfferingUptake.objects.filter(organisation=org).order_by("pk"), OfferingUptake
        ),
        "statement-details": model_table(
            StatementSettings.objects.filter(organisation=org), StatementSettings
        ),
    }
    return [Table(name, TITLES[name], dataset) for name, dataset in datasets.items()]
