from django.urls import path

from recognition.views import letters, profile, readiness, reports

app_name = "recognition"

urlpatterns = [
    path("letters/", letters.letter_list, name="letter_list"),
    path("letters/new/", letters.letter_create, name="letter_create"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/edit/", letters.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/recompose/", letters.letter_recompose, name="letter_recompose"),
    path("letters/<int:pk>/issue/", letters.letter_issue, name="letter_issue"),
    path("letters/<int:pk>/copy/", letters.letter_copy, name="letter_copy"),
    path("letters/<int:pk>/delete/", letters.letter_delete, name="letter_delete"),
    path("letters/<int:pk>/letter.pdf", letters.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/letter.docx", letters.letter_docx, name="letter_docx"),
    path("reports/progress.pdf", reports.progress_report, name="progress_report"),
    path("recognition/", readiness.readiness, name="readiness"),
    path("recognition/record/", readiness.recognition_edit, name="recognition_edit"),
    path("recognition/record/next/", readiness.recognition_next, name="recognition_next"),
    path("recognition/dossier.pdf", readiness.dossier, name="dossier"),
    path("recognition/profile/", profile.profile_edit, name="profile_edit"),
    path("recognition/profile/preview/", profile.profile_preview, name="profile_preview"),
    path("recognition/profile/publish/", profile.profile_publish, name="profile_publish"),
]
