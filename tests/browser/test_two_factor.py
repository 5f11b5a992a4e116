"""Two-step verification in the browser: an HR advisor whose organisation requires it sets up an
authenticator app (QR code, code, recovery codes), goes on to where they were going, and logs in
with password and code from then on; each page of the way in the site's frame, Dutch, axe clean,
without scripts the Content-Security-Policy blocks, on a desktop and a phone."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import Page, expect

from programme.models import TwoFactorRequirement

from .checks import assert_no_axe_violations, assert_no_horizontal_scroll, assert_styles_loaded
from .steps import PASSWORD, log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE_375 = {"width": 375, "height": 740}


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.fixture(params=[DESKTOP, PHONE_375], ids=["1280px", "375px"])
def screen(request, browser, server_url):
    context = browser.new_context(
        base_url=server_url,
        locale="nl-NL",
        viewport=request.param,
        is_mobile=request.param is PHONE_375,
        has_touch=request.param is PHONE_375,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, request.param["width"], errors
    context.close()


def check(page: Page, width: int, errors: list[str]) -> None:
    """The page is in the site's frame and Dutch, axe finds nothing, it fits the screen, and no
    script or style was refused (a Content-Security-Policy violation is logged as an error)."""
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator("main h1")).to_be_visible()
    assert_styles_loaded(page)
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page, width)
    assert not errors, errors


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


def test_an_hr_advisor_sets_up_an_authenticator_app_and_logs_in_with_it(
    screen, organisation, hr_user
):
    page, width, errors = screen
    organisation.two_factor_required = TwoFactorRequirement.HR
    organisation.save()

    # The organisation's pages send them to set it up first, and say why.
    log_in(page, hr_user.email)
    page.goto(f"/o/{organisation.slug}/members/")
    assert re.search(r"/accounts/2fa/\?next=", page.url), page.url
    expect(page.locator("main, body").first).to_contain_text(
        "vraagt je om in te loggen met tweestapsverificatie"
    )
    expect(page.locator("main h1")).to_have_text("Tweestapsverificatie")
    check(page, width, errors)

    # Setting up shows the QR code and the secret; the login a moment ago counts as signing in
    # again (later on, the password is asked once more first: tests/accounts/test_sessions.py).
    with page.expect_navigation():
        page.locator("main a[href='/accounts/2fa/totp/activate/']").click()
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    expect(page.locator("main img[src^='data:image/svg+xml']")).to_be_visible()
    check(page, width, errors)

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill("000000" if current_code(secret) != "000000" else "111111")
    submit(page)
    expect(page.locator("main .invalid-feedback, main .error-summary").first).to_be_visible()
    check(page, width, errors)

    page.locator("#id_code").fill(current_code(secret))
    submit(page)
    # The recovery codes, made at once, with the way back to the members' page.
    assert "/accounts/2fa/recovery-codes/" in page.url, page.url
    expect(page.locator("#recovery_codes")).to_be_visible()
    check(page, width, errors)
    with page.expect_navigation():
        page.get_by_role("link", name="Verder").click()
    assert page.url.endswith(f"/o/{organisation.slug}/members/")

    # From now on a login takes the password and then a code from the app.
    page.context.clear_cookies()
    log_in(page, hr_user.email, second_step=False)
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    check(page, width, errors)
    page.locator("#id_code").fill(current_code(secret))
    submit(page)
    page.goto(f"/o/{organisation.slug}/members/")
    assert page.url.endswith(f"/o/{organisation.slug}/members/")

    # Managing it: the overview, and new recovery codes after signing in again with a code.
    page.goto("/accounts/2fa/")
    expect(page.locator("main")).to_contain_text("authenticator-app is actief")
    check(page, width, errors)
    page.goto("/accounts/2fa/recovery-codes/generate/")
    if "reauthenticate" in page.url:
        check(page, width, errors)
        if page.locator("#id_code").count():  # allauth's own: signing in again with a code
            page.locator("#id_code").fill(current_code(secret))
        else:
            page.locator("#id_password").fill(PASSWORD)
        submit(page)
    assert page.url.endswith("/accounts/2fa/recovery-codes/generate/"), page.url
    check(page, width, errors)
    page.goto("/accounts/2fa/webauthn/")
    check(page, width, errors)


@pytest.fixture
def virtual_authenticator(page):
    """Chromium's virtual authenticator: a passkey on the device, the user verified by it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": added["authenticatorId"]})


def test_a_passkey_is_added_and_then_asked_for_at_login(
    page, organisation, hr_user, virtual_authenticator
):
    cdp, authenticator_id = virtual_authenticator
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    organisation.two_factor_required = TwoFactorRequirement.HR
    organisation.save()
    log_in(page, hr_user.email)

    page.goto("/accounts/2fa/webauthn/add/")  # just logged in: no need to sign in again
    page.locator("#id_name").fill("Laptop van Hanna")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()  # allauth's script asks the authenticator
    assert not errors, errors
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1
    page.goto("/accounts/2fa/webauthn/")
    expect(page.locator("main")).to_contain_text("Laptop van Hanna")
    # A passkey is a second step: the organisation's pages open now.
    page.goto(f"/o/{organisation.slug}/members/")
    assert page.url.endswith(f"/o/{organisation.slug}/members/")

    # Logging in again: after the password, the passkey instead of a code.
    page.context.clear_cookies()
    log_in(page, hr_user.email, second_step=False)
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    with page.expect_navigation():
        page.locator("#mfa_webauthn_authenticate").click()
    assert "/accounts/" not in page.url, page.url
    page.goto(f"/o/{organisation.slug}/members/")
    assert page.url.endswith(f"/o/{organisation.slug}/members/")
    assert not errors, errors


def test_a_member_with_a_passkey_logs_in_with_it_alone(page, hr_user, virtual_authenticator):
    cdp, authenticator_id = virtual_authenticator
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, hr_user.email)
    page.goto("/accounts/2fa/webauthn/add/")  # just logged in: no need to sign in again
    page.locator("#id_name").fill("Telefoon van Hanna")
    page.locator("#id_passwordless").check()  # a passkey to log in with, not only a second step
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()
    page.context.clear_cookies()

    page.goto("/accounts/login/")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.locator("#passkey_login").click()
    assert "/accounts/" not in page.url, page.url
    expect(page.locator("header")).to_contain_text("Uitloggen")
    assert not errors, errors
