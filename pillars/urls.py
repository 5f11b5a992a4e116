from django.urls import path

from pillars import transfer, views

app_name = "pillars"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.mine, name="mine"),
    path("overdue/", views.overdue, name="overdue"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/status/", views.item_status, name="item_status"),
    path("items/<int:pk>/files/", views.evidence_upload, name="evidence_upload"),
    path("files/<int:pk>/", views.evidence_download, name="evidence"),
    path("files/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("export.<str:file_format>", transfer.progress_export, name="export"),
    path("import/", transfer.progress_import, name="import"),
    path("<str:key>/", views.pillar_detail, name="pillar"),
    path("<str:key>/new/", views.item_add, name="item_add"),
]
