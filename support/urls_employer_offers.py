"""The employer's offers pages under /o/<slug>/ondersteuning/ (included by urls_employer)."""

urlpatterns: list = []
