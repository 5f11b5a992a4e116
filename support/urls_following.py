"""The following pages of a support organisation (included by support/urls.py)."""

urlpatterns: list = []
