"""The pipeline: employers to approach, the contact log with each, and the invitation that brings
one onto the platform."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from support import pipeline_selectors as selectors
from support import pipeline_services as services
from support.access import contact_for, prospect_for
from support.forms_pipeline import ContactForm, InvitationForm, PipelineFilterForm, ProspectForm
from support.scoping import SupportContext, support_view
from support.services import SupportError

PROSPECTS_PER_PAGE = 50


def _refuse(form, error: ValidationError | SupportError) -> None:
    """Show a refusal of the service on the form, per field where it names one."""
    if isinstance(error, SupportError):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@support_view()
def pipeline(request, sctx: SupportContext):
    support = sctx.support_organisation
    filter_form = PipelineFilterForm(request.GET or None, support_organisation=support)
    filters = filter_form.filters()
    prospects = selectors.prospects_filtered(support_organisation=support, **filters)
    page = Paginator(prospects, PROSPECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # The stage links keep the other filters: the count on a link is what it shows.
    others = {k: v for k, v in filters.items() if k != "stage" and v}
    counts = selectors.stage_counts(support_organisation=support, **others)
    return render(
        request,
        "support/pipeline/list.html",
        {
            "sctx": sctx,
            "filter_form": filter_form,
            "page": page,
            "query_string": query.urlencode(),
            "stage_counts": counts,
            "stage_filter": filters.get("stage", ""),
            "other_filters": others,
            "total": sum(count.count for count in counts),
            "today": timezone.localdate(),
        },
    )


@support_view()
def prospect_create(request, sctx: SupportContext):
    form = ProspectForm(
        request.POST or None,
        support_organisation=sctx.support_organisation,
        initial={"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            prospect = services.prospect_save(
                support_organisation=sctx.support_organisation,
                prospect=form.instance,
                fields=form.cleaned_data,
            )
        except (ValidationError, SupportError) as error:
            _refuse(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": prospect.name})
            return redirect(
                "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
            )
    return render(request, "support/pipeline/prospect_form.html", {"sctx": sctx, "form": form})


def _detail(request, sctx: SupportContext, prospect, *, contact_form=None, status: int = 200):
    return render(
        request,
        "support/pipeline/prospect_detail.html",
        {
            "sctx": sctx,
            "prospect": prospect,
            "contacts": selectors.contacts_of(prospect),
            "invitations": [
                (invitation, selectors.invitation_state(invitation))
                for invitation in selectors.invitations_of(prospect)
            ],
            "form": contact_form
            or ContactForm(prospect=prospect, initial={"on": timezone.localdate()}),
            "today": timezone.localdate(),
        },
        status=status,
    )


@support_view()
def prospect_detail(request, sctx: SupportContext, pk: int):
    return _detail(request, sctx, prospect_for(sctx, pk))


@support_view()
def prospect_edit(request, sctx: SupportContext, pk: int):
    prospect = prospect_for(sctx, pk)
    form = ProspectForm(
        request.POST or None, instance=prospect, support_organisation=sctx.support_organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.prospect_save(
                support_organisation=sctx.support_organisation,
                prospect=form.instance,
                fields=form.cleaned_data,
            )
        except (ValidationError, SupportError) as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The employer has been saved."))
            return redirect(
                "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
            )
    return render(
        request,
        "support/pipeline/prospect_form.html",
        {"sctx": sctx, "form": form, "prospect": prospect_for(sctx, pk)},
    )


@support_view()
def prospect_delete(request, sctx: SupportContext, pk: int):
    prospect = prospect_for(sctx, pk)
    if request.method == "POST":
        services.prospect_delete(prospect=prospect)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": prospect.name})
        return redirect("support:pipeline", slug=sctx.support_organisation.slug)
    return render(
        request,
        "support/pipeline/prospect_delete.html",
        {"sctx": sctx, "prospect": prospect, "contact_count": prospect.contacts.count()},
    )


@support_view()  # outermost, so that outsiders get 404 before the method check
@require_POST
def contact_add(request, sctx: SupportContext, pk: int):
    prospect = prospect_for(sctx, pk)
    form = ContactForm(request.POST, prospect=prospect)
    if form.is_valid():
        data = dict(form.cleaned_data)
        stage = data.pop("stage", "")
        try:
            services.contact_log(prospect=prospect, fields=data, by=request.user, stage=stage)
        except (ValidationError, SupportError) as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The contact has been logged."))
            return redirect(
                "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
            )
    # The detail page again, with the form's errors and its summary at the form.
    return _detail(request, sctx, prospect, contact_form=form)


@support_view()
def contact_edit(request, sctx: SupportContext, pk: int):
    contact = contact_for(sctx, pk)
    prospect = contact.prospect
    form = ContactForm(request.POST or None, instance=contact, prospect=prospect, with_stage=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=form.instance, fields=form.cleaned_data)
        except (ValidationError, SupportError) as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The contact has been saved."))
            return redirect(
                "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
            )
    return render(
        request,
        "support/pipeline/contact_form.html",
        {"sctx": sctx, "form": form, "contact": contact, "prospect": prospect},
    )


@support_view()
def contact_delete(request, sctx: SupportContext, pk: int):
    contact = contact_for(sctx, pk)
    prospect = contact.prospect
    if request.method == "POST":
        services.contact_delete(contact=contact)
        messages.success(request, _("The contact has been deleted."))
        return redirect(
            "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
        )
    return render(
        request,
        "support/pipeline/contact_delete.html",
        {"sctx": sctx, "contact": contact, "prospect": prospect},
    )


@support_view()
def prospect_invite(request, sctx: SupportContext, pk: int):
    prospect = prospect_for(sctx, pk)
    initial = {"full_name": prospect.contact_name, "email": prospect.contact_email}
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invitation_send(
                prospect=prospect,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                language=form.cleaned_data["language"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except (ValidationError, SupportError) as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s. The link works until %(date)s.")
                % {
                    "email": sent.invitation.email,
                    "date": _long_date(sent.invitation.expires_at),
                },
            )
            return redirect(
                "support:prospect_detail", slug=sctx.support_organisation.slug, pk=prospect.pk
            )
    open_invitation = next(
        (
            invitation
            for invitation in selectors.invitations_of(prospect)
            if selectors.invitation_state(invitation) == "open"
        ),
        None,
    )
    return render(
        request,
        "support/pipeline/prospect_invite.html",
        {"sctx": sctx, "form": form, "prospect": prospect, "open_invitation": open_invitation},
    )


def _long_date(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")
