"""The audit log: who changed which organisation data from what to what, role and membership
changes, logins, failed logins, exports and downloads (docs/architecture.md, "The audit log")."""


def record_download(request, ctx, what: str, obj=None):
    from audit.recorders import record_download as record

    return record(request, ctx, what, obj)


def record_event(*, obj, organisation_id, kind: str, actor=None, what: str = ""):
    from audit.recorders import record_event as record

    return record(obj=obj, organisation_id=organisation_id, kind=kind, actor=actor, what=what)
