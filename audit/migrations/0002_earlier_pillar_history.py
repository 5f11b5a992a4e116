"""Bring pillars' history from before the audit log into it, so that the organisation's
timeline shows it too (the item's own page still reads pillars' change records)."""

from django.db import migrations


def copy(apps, schema_editor):
    ProgressChange = apps.get_model("pillars", "ProgressChange")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    Entry = apps.get_model("audit", "Entry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    progress_type, _ = ContentType.objects.get_or_create(app_label="pillars", model="itemprogress")
    done = set(
        LogEntry.objects.filter(additional_data__has_key="progress_change").values_list(
            "additional_data__progress_change", flat=True
        )
    )
    for change in ProgressChange.objects.select_related("progress", "changed_by").iterator():
        if change.pk in done:
            continue
        progress = change.progress
        log = LogEntry.objects.create(
            content_type=progress_type,
            object_pk=str(progress.pk),
            object_id=progress.pk,
            object_repr=progress.item.text,
            action=1,  # update
            changes={line["field"]: [line["old"], line["new"]] for line in change.changes},
            actor=change.changed_by,
            actor_email=getattr(change.changed_by, "email", None),
            additional_data={"progress_change": change.pk},
            timestamp=change.changed_at,
        )
        Entry.objects.create(
            log=log,
            organisation_id=progress.organisation_id,
            kind="change",
            timestamp=change.changed_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        # The log entry as it is now: additional_data, actor_email.
        ("auditlog", "0017_add_actor_email"),
        ("pillars", "0002_standard_checklist"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
