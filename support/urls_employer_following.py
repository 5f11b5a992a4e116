"""The employer's following pages under /o/<slug>/ondersteuning/ (included by urls_employer)."""

urlpatterns: list = []
