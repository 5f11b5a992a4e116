from django.contrib import admin

from pillars.models import ChecklistItem, EvidenceFile, ItemProgress, Pillar, ProgressChange


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["key", "order"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "pillar", "organisation", "counts_for_recognition", "recurs_yearly"]
    list_filter = ["pillar", "counts_for_recognition", "recurs_yearly"]
    search_fields = ["text"]


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(ItemProgress)
class ItemProgressAdmin(admin.ModelAdmin):
    list_display = ["item", "organisation", "status", "due_date", "completed_date"]
    list_filter = ["status", "organisation"]
    raw_id_fields = ["item", "responsible_member", "responsible_contact"]
    filter_horizontal = ["actions"]
    inlines = [EvidenceInline]


@admin.register(ProgressChange)
class ProgressChangeAdmin(admin.ModelAdmin):
    list_display = ["progress", "changed_by", "changed_at"]
    readonly_fields = ["progress", "changed_by", "changed_at", "changes"]
