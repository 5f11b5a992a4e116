"""What writes the audit log: auditlog's own receivers for changes (registry.py), and here the
scope of each entry, pillars' change records, logins, failed logins and downloads."""

from auditlog.models import LogEntry
from auditlog.signals import post_log
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils import timezone

from audit.models import Entry, Kind
from audit.registry import followed_for, resolve


def _scope(sender, instance, log_entry, **kwargs):
    followed = followed_for(sender)
    if followed is None or log_entry is None:
        return
    Entry.objects.create(
        log=log_entry,
        organisation_id=resolve(instance, followed.organisation),
        support_organisation_id=resolve(instance, followed.support),
        kind=followed.kind,
        timestamp=log_entry.timestamp,
    )


def _entry(
    *,
    obj_type,
    obj_pk,
    obj_repr: str,
    action,
    kind: str,
    actor=None,
    changes=None,
    organisation_id=None,
    support_organisation_id=None,
    extra=None,
    at=None,
) -> Entry:
    at = at or timezone.now()
    log = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj_type),
        object_pk="" if obj_pk is None else str(obj_pk),
        object_id=obj_pk if isinstance(obj_pk, int) else None,
        object_repr=obj_repr[:500],
        action=action,
        changes=changes,
        actor=actor,
        actor_email=getattr(actor, "email", None),
        additional_data=extra,
        timestamp=at,
    )
    return Entry.objects.create(
        log=log,
        organisation_id=organisation_id,
        support_organisation_id=support_organisation_id,
        kind=kind,
        timestamp=at,
    )


def progress_change_entry(change) -> Entry:
    """One of pillars' change records as an audit entry of the item's progress (also used by
    the migration that brought the earlier history into the audit log)."""
    progress = change.progress
    return _entry(
        obj_type=type(progress),
        obj_pk=progress.pk,
        obj_repr=str(progress.item),
        action=LogEntry.Action.UPDATE,
        kind=Kind.CHANGE,
        actor=change.changed_by,
        changes={line["field"]: [line["old"], line["new"]] for line in change.changes},
        organisation_id=progress.organisation_id,
        extra={"progress_change": change.pk},
        at=change.changed_at,
    )


def _progress_changed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        progress_change_entry(instance)


def _workplaces(user) -> tuple[list[int], list[int]]:
    employers = list(
        apps.get_model("programme", "Membership")
        .objects.filter(user=user)
        .values_list("organisation_id", flat=True)
    )
    supports = list(
        apps.get_model("support", "SupportMembership")
        .objects.filter(user=user)
        .values_list("support_organisation_id", flat=True)
    )
    return employers, supports


def _per_workplace(user, **fields) -> None:
    """One entry under each organisation where the user is a member; platform-level when
    there is none."""
    employers, supports = _workplaces(user) if user is not None else ([], [])
    scopes = [(org, None) for org in employers] + [(None, s) for s in supports]
    for organisation_id, support_id in scopes or [(None, None)]:
        _entry(organisation_id=organisation_id, support_organisation_id=support_id, **fields)


def _logged_in(sender, request, user, **kwargs):
    _per_workplace(
        user,
        obj_type=type(user),
        obj_pk=user.pk,
        obj_repr=str(user),
        action=LogEntry.Action.ACCESS,
        kind=Kind.LOGIN,
        actor=user,
    )


def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried: Django has already masked the password in `credentials`.
    User = get_user_model()
    address = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    address = address.strip()[:254]
    user = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": address}).first()
    _per_workplace(
        user,
        obj_type=User,
        obj_pk=user.pk if user else None,
        obj_repr=address,
        action=LogEntry.Action.ACCESS,
        kind=Kind.LOGIN_FAILED,
        extra={"address": address},
    )


def record_download(request, ctx, what: str, obj=None) -> Entry:
    """Note that the user took a file home: an export, a letter, a dossier, a report.

    `ctx` is the view's organisation context (an employer's or a support organisation's);
    `what` says which file in a few words ("action plan (xlsx)"); `obj` the object it is of,
    if one (a letter), else the organisation."""
    support = getattr(ctx, "support_organisation", None)
    organisation = getattr(ctx, "organisation", None)
    target = obj if obj is not None else (support or organisation)
    user = getattr(request, "user", None)
    return _entry(
        obj_type=type(target),
        obj_pk=target.pk,
        obj_repr=str(target),
        action=LogEntry.Action.ACCESS,
        kind=Kind.DOWNLOAD,
        actor=user if user is not None and user.is_authenticated else None,
        organisation_id=organisation.pk if organisation is not None else None,
        support_organisation_id=support.pk if support is not None else None,
        extra={"what": what},
    )


def record_event(*, obj, organisation_id, kind: str, actor=None, what: str = "") -> Entry:
    """Note something that is no change of a followed model's fields, under one organisation:
    an account linked to the organisation's identity provider (sso.services)."""
    return _entry(
        obj_type=type(obj),
        obj_pk=obj.pk,
        obj_repr=str(obj),
        action=LogEntry.Action.ACCESS,
        kind=kind,
        actor=actor,
        organisation_id=organisation_id,
        extra={"what": str(what)} if what else None,
    )


def connect() -> None:
    post_log.connect(_scope, dispatch_uid="audit.scope")
    post_save.connect(
        _progress_changed,
        sender=apps.get_model("pillars", "ProgressChange"),
        dispatch_uid="audit.progress_change",
    )
    user_logged_in.connect(_logged_in, dispatch_uid="audit.logged_in")
    user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")
