"""The statements' settings read the environment strictly, as every other setting does."""

from tests.test_deploy_check import manage


def test_a_manual_check_date_that_is_no_date_stops_the_start():
    result = manage("check", DJANGO_DEBUG="1", ACCESSIBILITY_MANUAL_CHECK_DATE="30-11-2026")
    assert result.returncode != 0
    assert "ACCESSIBILITY_MANUAL_CHECK_DATE='30-11-2026' is not understood" in result.stderr


def test_security_txt_never_lasts_a_year():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURITY_TXT_VALID_DAYS)",
        DJANGO_DEBUG="1",
        SECURITY_TXT_VALID_DAYS="9999",
    )
    assert result.stdout.strip().splitlines()[-1] == "364", result.stderr
