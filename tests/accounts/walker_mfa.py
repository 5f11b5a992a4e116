"""The URL walker's samples for two-step verification (allauth.mfa under /accounts/2fa/)."""

# Steps of logging in: a visitor without a login under way is sent back to the login page.
PUBLIC_URLS = {"mfa_authenticate", "mfa_login_webauthn"}

# A passkey that does not exist: every role gets 404. allauth looks up only the user's own keys,
# so another member's key answers 404 as well (tests/accounts/test_two_factor.py shows it).
NO_SUCH_KEY = 999_999

SAMPLES = {
    "mfa_edit_webauthn": lambda w: {"pk": NO_SUCH_KEY},
    "mfa_remove_webauthn": lambda w: {"pk": NO_SUCH_KEY},
}
