"""The pipeline pages of a support organisation (included by support/urls.py)."""

from django.urls import path

from support.views import pipeline

urlpatterns = [
    path("pipeline/", pipeline.pipeline, name="pipeline"),
    path("pipeline/new/", pipeline.prospect_create, name="prospect_create"),
    path("pipeline/<int:pk>/", pipeline.prospect_detail, name="prospect_detail"),
    path("pipeline/<int:pk>/edit/", pipeline.prospect_edit, name="prospect_edit"),
    path("pipeline/<int:pk>/delete/", pipeline.prospect_delete, name="prospect_delete"),
    path("pipeline/<int:pk>/contacts/", pipeline.contact_add, name="contact_add"),
    path("pipeline/<int:pk>/invite/", pipeline.prospect_invite, name="prospect_invite"),
    path("pipeline/contacts/<int:pk>/edit/", pipeline.contact_edit, name="contact_edit"),
    path("pipeline/contacts/<int:pk>/delete/", pipeline.contact_delete, name="contact_delete"),
]
