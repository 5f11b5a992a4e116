"""Writes of the HR pages that run campaigns: custom questions and departments.

Storing responses and access codes lives in services.py, closing in closing.py; this module
holds what HR changes.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from monitor.models import (
    MAX_CUSTOM_QUESTIONS,
    AnswerTally,
    Campaign,
    CustomQuestion,
    Department,
    Dimension,
    InboxEntry,
    Snapshot,
)
from monitor.questionnaire import CUSTOM_QUESTION_BASE
from monitor.services import MonitorError
from programme.models import Organisation
from programme.services import record_save


def _check_questions_editable(campaign: Campaign) -> None:
    if campaign.is_fixed:
        raise MonitorError(
            _(
                "The campaign has opened, so the questions can no longer change: "
                "answers to different questions cannot be counted together."
            )
        )


def custom_question_add(*, campaign: Campaign, fields: Mapping[str, Any]) -> CustomQuestion:
    """Add a question of the organisation's own, with the next free code above 100.

    The question is validated in full (CustomQuestion.clean: nothing about health or illness, no
    colleague's name), so that a caller from the shell cannot store what the form refuses.
    """
    with transaction.atomic():
        # Lock the campaign so that two advisors adding at once cannot exceed the maximum.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        _check_questions_editable(campaign)
        existing = campaign.custom_questions.aggregate(count=Count("id"), highest=Max("code"))
        if existing["count"] >= MAX_CUSTOM_QUESTIONS:
            raise MonitorError(
                _("A campaign can have at most %(max)d questions of its own.")
                % {"max": MAX_CUSTOM_QUESTIONS}
            )
        code = (existing["highest"] or CUSTOM_QUESTION_BASE) + 1
        question = CustomQuestion(campaign=campaign, code=code, **fields)
        try:
            question.full_clean()
        except ValidationError as error:
            raise MonitorError(" ".join(error.messages)) from None
        question.save()
        return question


def custom_question_update(*, question: CustomQuestion, fields: Mapping[str, Any]) -> None:
    """Change a question of the organisation's own before the campaign opens.

    Validated in full like a new question; when refused, the question in hand is left as it was.
    """
    _check_questions_editable(question.campaign)
    before = {name: getattr(question, name) for name in fields}
    for name, value in fields.items():
        setattr(question, name, value)
    try:
        question.full_clean()
    except ValidationError as error:
        for name, value in before.items():
            setattr(question, name, value)
        raise MonitorError(" ".join(error.messages)) from None
    question.save()


def custom_question_delete(*, question: CustomQuestion) -> None:
    """Remove a question of the organisation's own before the campaign opens."""
    _check_questions_editable(question.campaign)
    question.delete()


def department_add(*, organisation: Organisation, name: str) -> Department:
    """Add a department with the next free code, the number its answers are stored under."""
    try:
        Department(organisation=organisation, name=name).clean()  # the name is not taken
    except ValidationError as error:
        raise MonitorError(" ".join(error.messages)) from None
    for _attempt in range(3):
        highest = organisation.departments.aggregate(highest=Max("code"))["highest"] or 0
        try:
            with transaction.atomic():
                return Department.objects.create(
                    organisation=organisation, name=name, code=highest + 1
                )
        except IntegrityError:
            # Someone else took the code (or the name) a moment ago; look again.
            if organisation.departments.filter(name=name).exists():
                raise MonitorError(_("There is already a department with this name.")) from None
    raise MonitorError(_("The department could not be saved. Please try again."))


def department_is_used(*, department: Department) -> bool:
    """Whether any response chose (or may have chosen) this department: counted, waiting in
    the inbox, or frozen in a snapshot."""
    counted = AnswerTally.objects.filter(
        campaign__organisation_id=department.organisation_id,
        dimension=Dimension.DEPARTMENT,
        group_value=department.code,
    ).exists()
    # Forms still sealed in the inbox cannot be read here; any of them may name it.
    waiting = InboxEntry.objects.filter(
        campaign__organisation_id=department.organisation_id
    ).exists()
    if counted or waiting:
        return True
    snapshots = Snapshot.objects.filter(campaign__organisation_id=department.organisation_id)
    return any(
        str(department.code) in snapshot.data.get("departments", {})
        and any(
            value == department.code
            for value, _p in snapshot.data["breakdowns"].get("department", [])
        )
        for snapshot in snapshots
    )


def department_remove(*, department: Department) -> bool:
    """Delete a department; one that has answers is only withdrawn. True when deleted.

    Results keep naming a department that people chose, so its row stays and is no longer
    offered in the questionnaire.
    """
    if department_is_used(department=department):
        department.is_active = False
        department.save(update_fields=["is_active"])
        return False
    department.delete()
    return True


def free_texts_share(*, campaign: Campaign, shared: bool) -> Campaign:
    """Share a campaign's written answers with its managers, or stop (followers never read them).

    Not one of the fields closing fixes: the snapshot's texts stay as they are, only who may
    read them changes, and HR may change its mind at any time.
    """
    campaign.share_free_texts = shared
    campaign.save(update_fields=["share_free_texts"])
    return campaign


def campaign_create(*, organisation: Organisation, fields: Mapping[str, Any]) -> Campaign:
    """A new campaign, validated in full (its dates, its minimum) whoever creates it."""
    return record_save(Campaign(organisation=organisation), dict(fields))


def campaign_update(*, campaign: Campaign, fields: Mapping[str, Any]) -> Campaign:
    """Change a campaign's settings; Campaign.clean and save refuse what its state forbids
    (closing is final, an opened campaign's questions and minimum stay fixed)."""
    return record_save(campaign, dict(fields))


def department_update(*, department: Department, fields: Mapping[str, Any]) -> Department:
    """Rename a department or stop offering it; its code, under which answers are kept, stays."""
    return record_save(department, dict(fields))
