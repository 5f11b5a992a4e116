"""The results pages of the monitor, under /o/<slug>/monitor/ (namespace "monitor")."""

from django.urls import path

from monitor.views import results

urlpatterns = [
    path("<int:pk>/results/", results.campaign_results, name="results"),
    path("<int:pk>/results.<str:file_format>", results.results_export, name="results_export"),
    path("<int:pk>/results/free-texts/", results.free_texts_sharing, name="free_texts_sharing"),
]
