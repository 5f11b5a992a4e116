from django.urls import path

from recognition.views import letters, reports

app_name = "recognition"

urlpatterns = [
    path("letters/", letters.letter_list, name="letter_list"),
    path("letters/new/", letters.letter_create, name="letter_create"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/edit/", letters.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/issue/", letters.letter_issue, name="letter_issue"),
    path("letters/<int:pk>/copy/", letters.letter_copy, name="letter_copy"),
    path("letters/<int:pk>/delete/", letters.letter_delete, name="letter_delete"),
    path("letters/<int:pk>/letter.pdf", letters.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/letter.docx", letters.letter_docx, name="letter_docx"),
    path("reports/progress.pdf", reports.progress_report, name="progress_report"),
]
