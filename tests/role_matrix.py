"""Who may read and who may write at every URL, kept by hand (read by tests/test_role_matrix.py).

This is the programme's promise about roles, written down apart from the code it checks: the views
declare `hr_only` themselves, and a test that took its list from that flag would agree with any
mistake in it. Every named URL has a row; a new URL fails the test until it is given one here.

The roles: an HR advisor and a manager of the organisation, a support advisor of a support
organisation that follows it (a follower: no member, and let only into the published programme),
an HR advisor of another organisation ("outsider": the strongest role, elsewhere) and an
anonymous visitor. The rows describe the URL walker's world (tests/test_url_walker.py): its
letter is a draft, its campaign has not opened yet.

- read: the roles whose GET answers 200.
- write: the roles whose POST is let through (the view may still refuse the data with 200, 302 or
  400, but not with 403, 404, 405 or the login page).
- post_reads: a page that changes nothing answers a POST as it answers a GET, so its readers'
  POSTs are let through too; without it, a reader who may not write gets 405.
- redirects: the roles that both GET and POST send elsewhere (not to the login page).
- not_found: the roles that get 404 at the world's sample although they open others of its kind:
  a follower asking for what is not published (the campaign's results before it closed). To a
  POST too, unless the URL takes no POST at all (neither post_reads nor write): then 405.

Everyone else is refused: a member of the organisation with 403 (they know it exists already), an
outsider with 404 (nobody learns which organisations exist), an anonymous visitor with the login
page. A role that may write but not read gets 405 on GET (a URL that only takes POST).
"""

from dataclasses import dataclass

HR = "hr"
MANAGER = "manager"
ADVISOR = "advisor"
OUTSIDER = "outsider"
ANONYMOUS = "anonymous"
ROLES = (ANONYMOUS, OUTSIDER, ADVISOR, MANAGER, HR)  # HR last: its POSTs change the world

NOBODY: frozenset[str] = frozenset()
HR_ONLY = frozenset({HR})
# The organisation's own members. A follower (ADVISOR) is none: it gets 403 on these pages.
MEMBERS = frozenset({HR, MANAGER})
# The published programme, which the support organisations that follow it read too.
MEMBERS_AND_FOLLOWERS = MEMBERS | {ADVISOR}
LOGGED_IN = MEMBERS_AND_FOLLOWERS | {OUTSIDER}
EVERYONE = LOGGED_IN | {ANONYMOUS}


ORGANISATION = "organisation"
SUPPORT = "support"


@dataclass(frozen=True)
class Row:
    read: frozenset[str]
    write: frozenset[str] = NOBODY
    post_reads: bool = False
    redirects: frozenset[str] = NOBODY
    not_found: frozenset[str] = NOBODY
    # Whose URL it is: the organisation's (/o/<slug>/) or the support organisation's
    # (/s/<slug>/), where only the support advisor is an insider and everyone else gets 404.
    scope: str = ORGANISATION


def shows(roles: frozenset[str]) -> Row:
    """A page or a download that changes nothing."""
    return Row(read=roles, post_reads=True)


def unpublished_to_followers() -> Row:
    """A page of published work whose sample is not published yet: members read it, a follower
    gets 404 as for something that does not exist."""
    return Row(read=MEMBERS, post_reads=True, not_found=frozenset({ADVISOR}))


def hr_form(*, readers: frozenset[str] = HR_ONLY) -> Row:
    """A form (or a confirmation page) that only HR advisors may send."""
    return Row(read=readers, write=HR_ONLY)


def hr_post() -> Row:
    """A button that only HR advisors may press: POST only."""
    return Row(read=NOBODY, write=HR_ONLY)


# The support organisation's pages: the walker's ADVISOR is a support advisor (not the
# coordinator) of the support organisation that follows the walker's organisation.
SUPPORT_MEMBERS = frozenset({ADVISOR})


def support_shows() -> Row:
    """A support organisation's page or download for all its members."""
    return Row(read=SUPPORT_MEMBERS, post_reads=True, scope=SUPPORT)


def support_form() -> Row:
    """A form every member of the support organisation may send."""
    return Row(read=SUPPORT_MEMBERS, write=SUPPORT_MEMBERS, scope=SUPPORT)


def support_post() -> Row:
    """A button every member of the support organisation may press: POST only."""
    return Row(read=NOBODY, write=SUPPORT_MEMBERS, scope=SUPPORT)


def coordinator_only() -> Row:
    """For the coordinator only: a support advisor gets 403, everyone else 404."""
    return Row(read=NOBODY, scope=SUPPORT)


ROLE_MATRIX: dict[str, Row] = {
    # --- Outside any organisation --------------------------------------------------------------
    "health": shows(EVERYONE),
    # Readiness for the load balancer (issue 16): public, plain text, never cached.
    "ready": shows(EVERYONE),
    "set_language": Row(read=NOBODY, write=NOBODY, redirects=EVERYONE),
    "programme:home": Row(read=NOBODY, redirects=LOGGED_IN),  # to the member's own dashboard
    # --- Accounts: django-allauth's pages (accounts/urls.py) ------------------------------------
    "account_login": Row(read={ANONYMOUS}, write={ANONYMOUS}, redirects=LOGGED_IN),
    # A page that asks (GET), the logging out itself (POST); nobody to log out: to the login.
    "account_logout": Row(read=LOGGED_IN, write=LOGGED_IN, redirects={ANONYMOUS}),
    # Accounts come by invitation: the page says so to a visitor, a member goes home.
    "account_signup": Row(read={ANONYMOUS}, write={ANONYMOUS}, redirects=LOGGED_IN),
    "account_inactive": Row(read=EVERYONE),
    "account_change_password": Row(read=LOGGED_IN, write=LOGGED_IN),
    # Every member has a password already: allauth sends them to changing it.
    "account_set_password": Row(read=NOBODY, redirects=LOGGED_IN),
    "account_reset_password": Row(read=EVERYONE, write=EVERYONE),
    "account_reset_password_done": Row(read=EVERYONE),
    "account_reset_password_from_key": Row(read=EVERYONE, write=EVERYONE),
    "account_reset_password_from_key_done": Row(read=EVERYONE),
    # The address is the membership's: allauth's page to change it leads to My settings.
    "account_email": Row(read=NOBODY, redirects=LOGGED_IN),
    # Signing in again before a weighty step (issue 17, part 4).
    "account_reauthenticate": Row(read=LOGGED_IN, write=LOGGED_IN),
    "account_request_reauthentication_code": Row(read=NOBODY, redirects=LOGGED_IN),
    "account_confirm_reauthentication_code": Row(read=NOBODY, redirects=LOGGED_IN),
    # --- Single sign-on (sso/, and allauth's pages of the identity providers' logins) ---------
    # "Inloggen met je organisatie": its form answers everyone (an empty address is an error).
    "sso:start": Row(read=EVERYONE, write=EVERYONE),
    # allauth's own start of a provider's login: a page that asks (GET), on to the provider (POST).
    "openid_connect_login": Row(read=EVERYONE, write=EVERYONE),
    "saml_login": Row(read=EVERYONE, write=EVERYONE),
    # Where the provider sends the browser back: without its answer, back to the sso page with
    # an error message (sso.adapters.on_authentication_error).
    "openid_connect_callback": Row(read=NOBODY, redirects=EVERYONE),
    "saml_acs": Row(read=NOBODY, redirects=EVERYONE),
    "saml_finish_acs": Row(read=NOBODY, redirects=EVERYONE),
    # Single logout without a SAML message: nothing to do, on to the start (sso/middleware.py).
    "saml_sls": Row(read=NOBODY, redirects=EVERYONE),
    # What the identity provider's administrator registers.
    "saml_metadata": shows(EVERYONE),
    "socialaccount_login_cancelled": Row(read=EVERYONE),
    "socialaccount_login_error": Row(read=NOBODY, redirects=EVERYONE),  # to sso:start
    # The member's links to identity providers (allauth's list, to remove one).
    "socialaccount_connections": Row(read=LOGGED_IN, write=LOGGED_IN),
    # allauth's sign-up form after a provider's login is never needed: sso signs up without one.
    "socialaccount_signup": Row(read=NOBODY, redirects=EVERYONE),
    # The member's own active sessions; the POST ends the others (issue 17, part 4).
    "usersessions_list": Row(read=LOGGED_IN, write=LOGGED_IN),
    # --- Two-step verification: allauth.mfa's pages (accounts/2fa/, issue 17 part 2) ----------
    # Nobody in the walker's world has set up a second step yet (tests/accounts/walker_mfa.py).
    "mfa_index": Row(read=LOGGED_IN),
    "mfa_list_webauthn": Row(read=LOGGED_IN),
    # Steps of logging in: without a login under way, back to the login page (no "?next");
    # a member who is logged in already goes home.
    "mfa_authenticate": Row(read=NOBODY, redirects=EVERYONE),
    "mfa_login_webauthn": Row(read=NOBODY, redirects=EVERYONE),
    # Setting up or changing a second step asks to sign in again, but a login a few minutes ago
    # counts as that (accounts.adapters; the test clients have just logged in). The passkey
    # samples name a key nobody has: 404 (another member's key is tested in test_two_factor).
    "mfa_activate_totp": Row(read=LOGGED_IN, write=LOGGED_IN),
    "mfa_add_webauthn": Row(read=LOGGED_IN, write=LOGGED_IN),
    "mfa_generate_recovery_codes": Row(read=LOGGED_IN, write=LOGGED_IN),
    "mfa_edit_webauthn": Row(read=NOBODY, write=LOGGED_IN, not_found=LOGGED_IN),
    "mfa_remove_webauthn": Row(read=NOBODY, write=LOGGED_IN, not_found=LOGGED_IN),
    # Signing in again by the second step, which nobody in the world has: by password instead.
    "mfa_reauthenticate": Row(read=NOBODY, redirects=LOGGED_IN),
    "mfa_reauthenticate_webauthn": Row(read=NOBODY, redirects=LOGGED_IN),
    # One's own app or codes, which nobody in the world has: 404 (the codes' page takes no POST).
    # Anyone may switch off their own app (write), with one.
    "mfa_deactivate_totp": Row(read=NOBODY, write=LOGGED_IN, not_found=LOGGED_IN),
    "mfa_download_recovery_codes": Row(read=NOBODY, post_reads=True, not_found=LOGGED_IN),
    "mfa_view_recovery_codes": Row(read=NOBODY, not_found=LOGGED_IN),
    # --- The programme -------------------------------------------------------------------------
    "programme:dashboard": shows(MEMBERS),
    "programme:organisation": shows(MEMBERS_AND_FOLLOWERS),
    "programme:organisation_edit": hr_form(),
    "programme:organisation_logo": shows(MEMBERS_AND_FOLLOWERS),
    "programme:members": shows(MEMBERS),
    # The audit log (issue 16, part 5): HR advisors only, never a follower.
    "programme:audit_log": shows(HR_ONLY),
    "programme:audit_log_export": shows(HR_ONLY),
    "programme:member_add": hr_form(),
    "programme:member_role": hr_post(),  # a manager must never make themself HR
    "programme:member_remove": hr_form(),
    "programme:actions": shows(MEMBERS_AND_FOLLOWERS),
    "programme:action_detail": shows(MEMBERS_AND_FOLLOWERS),
    "programme:action_create": hr_form(),
    "programme:action_edit": hr_form(),
    "programme:action_delete": hr_form(),
    "programme:action_review": shows(MEMBERS_AND_FOLLOWERS),
    "programme:action_outlook": shows(MEMBERS_AND_FOLLOWERS),
    "programme:action_carry": hr_form(),
    "programme:action_export": shows(MEMBERS_AND_FOLLOWERS),
    "programme:action_import": hr_form(),
    "programme:contact_list": shows(MEMBERS),
    "programme:contact_create": hr_form(),
    "programme:contact_edit": hr_form(),
    "programme:contact_delete": hr_form(),
    "programme:support_list": shows(MEMBERS_AND_FOLLOWERS),
    "programme:support_create": hr_form(),
    "programme:support_edit": hr_form(),
    "programme:support_delete": hr_form(),
    "programme:regulation_list": shows(MEMBERS_AND_FOLLOWERS),
    "programme:regulation_create": hr_form(),
    "programme:regulation_edit": hr_form(),
    "programme:regulation_delete": hr_form(),
    # --- The pillars ---------------------------------------------------------------------------
    "pillars:overview": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:mine": shows(MEMBERS),
    "pillars:overdue": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:pillar": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:item": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:item_add": hr_form(),
    "pillars:item_edit": hr_form(),
    "pillars:item_status": hr_post(),
    "pillars:evidence_upload": hr_post(),
    "pillars:evidence": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:evidence_delete": hr_form(),
    "pillars:export": shows(MEMBERS_AND_FOLLOWERS),
    "pillars:import": hr_form(),
    # --- The monitor ---------------------------------------------------------------------------
    "monitor:campaign_list": shows(MEMBERS),
    "monitor:campaign_create": hr_form(),
    "monitor:campaign_detail": shows(MEMBERS),
    "monitor:campaign_edit": hr_form(),
    # HR's GET of a campaign that has not opened is sent back to its page: nothing to close.
    "monitor:campaign_close": Row(read=NOBODY, write=HR_ONLY, redirects=HR_ONLY),
    "monitor:campaign_qr": shows(MEMBERS),  # the public link is not secret among staff
    "monitor:campaign_poster": shows(MEMBERS),
    # Codes are only for a campaign with single-use codes: HR is sent back to the campaign.
    "monitor:codes_generate": Row(read=NOBODY, write=HR_ONLY, redirects=HR_ONLY),
    "monitor:question_create": hr_form(),
    "monitor:question_edit": hr_form(),
    "monitor:question_delete": hr_form(),
    "monitor:department_list": shows(MEMBERS),
    "monitor:department_create": hr_form(),
    "monitor:department_edit": hr_form(),
    "monitor:department_delete": hr_form(),
    # Followers read the results of closed campaigns only; the world's has not opened yet.
    "monitor:results": unpublished_to_followers(),
    "monitor:results_export": unpublished_to_followers(),
    "monitor:free_texts_sharing": hr_post(),  # whether managers see free texts (followers never)
    "monitor:suggestion_adopt": hr_post(),
    # The respondents' pages: public by design, by the campaign's unguessable key.
    "respond:start": Row(read=EVERYONE, write=EVERYONE),
    "respond:step": Row(read=EVERYONE, write=EVERYONE),
    "respond:thanks": Row(read=EVERYONE),
    "respond:logo": Row(read=EVERYONE),
    # --- Recognition and letters ---------------------------------------------------------------
    "recognition:letter_list": shows(MEMBERS_AND_FOLLOWERS),
    "recognition:letter_create": hr_form(),
    # The world's letter is a draft: drafts are HR's working documents (issued ones are for all,
    # followers included).
    "recognition:letter_detail": shows(HR_ONLY),
    "recognition:letter_pdf": shows(HR_ONLY),
    "recognition:letter_docx": shows(HR_ONLY),
    "recognition:letter_edit": hr_form(),
    "recognition:letter_recompose": hr_form(),
    "recognition:letter_issue": hr_form(),
    "recognition:letter_copy": hr_post(),
    "recognition:letter_delete": hr_form(),
    "recognition:progress_report": shows(MEMBERS),
    "recognition:readiness": shows(MEMBERS_AND_FOLLOWERS),
    "recognition:recognition_edit": hr_form(),
    "recognition:recognition_next": hr_form(),  # asks first, then starts the next round
    "recognition:dossier": shows(MEMBERS),
    # --- Exit: the full export (issue 16) -------------------------------------------------------
    "exit:export": hr_form(),
    "recognition:profile_edit": hr_form(),
    "recognition:profile_preview": shows(MEMBERS),
    "recognition:profile_publish": hr_post(),
    "public:directory": shows(EVERYONE),
    "public:profile": shows(EVERYONE),
    "public:logo": shows(EVERYONE),
    # --- Support organisations: their own pages (/s/<slug>/) -------------------------------
    # -- start page and the organisation itself
    "support:start": support_shows(),  # due follow-ups, employers waiting for an answer
    "support:organisation": support_shows(),
    "support:organisation_edit": coordinator_only(),
    "support:members": support_shows(),
    "support:member_add": coordinator_only(),
    "support:member_role": coordinator_only(),
    "support:member_remove": coordinator_only(),
    # -- following
    "support:followings": support_shows(),
    "support:following_request": support_form(),  # the same answer whatever the address
    "support:following_accept": support_post(),  # an employer's invitation
    "support:following_decline": support_post(),
    "support:following_end": support_form(),  # a confirmation page, then the POST
    # -- portfolio
    "support:portfolio": support_shows(),
    "support:portfolio_export": support_shows(),
    "support:employer": support_shows(),  # an employer followed now; 404 once it ends
    # -- pipeline
    "support:pipeline": support_shows(),
    "support:prospect_create": support_form(),
    "support:prospect_detail": support_shows(),
    "support:prospect_edit": support_form(),
    "support:prospect_delete": support_form(),  # a confirmation page, then the POST
    "support:prospect_invite": support_form(),
    "support:contact_add": support_post(),  # from the detail page's form
    "support:contact_edit": support_form(),
    "support:contact_delete": support_form(),
    # -- offers
    "support:offers": support_shows(),
    "support:offer_create": support_form(),
    "support:offer_edit": support_form(),
    "support:offer_delete": support_form(),  # taken up: kept, set to "not on offer"
    # -- report
    "support:report": support_shows(),
    "support:report_pdf": support_shows(),
    "support:report_xlsx": support_shows(),
    # --- Support organisations: the employer's side (/o/<slug>/ondersteuning/) ----------------
    # -- following
    "employer_support:overview": shows(MEMBERS),  # which support organisations read along
    "employer_support:invite": hr_form(),
    "employer_support:accept": hr_post(),  # a support organisation's request
    "employer_support:decline": hr_post(),
    "employer_support:end": hr_form(),  # a confirmation page, then the POST
    # -- offers
    # Only HR puts an offer in the plan: managers and followers see it without the button.
    "employer_support:offer_take_up": hr_post(),
    # --- Support organisations: public (the invitation link) ---------------------------------
    # Whoever holds the link: a visitor registers, an HR advisor links an organisation of theirs,
    # anyone else is told to log in or out. The walker's POSTs carry no data: nothing is accepted.
    "support_public:invitation": Row(read=EVERYONE, write=EVERYONE),
    # --- Reminders and calendars (notifications) ----------------------------------------------
    # Every user's own mail settings and calendar link; the organisation's link is HR's.
    "notifications:settings": Row(read=LOGGED_IN, write=LOGGED_IN),
    "notifications:feed_renew": Row(read=NOBODY, write=LOGGED_IN),
    "org_calendar:renew": hr_post(),
    # Public by its secret token (calendar programs log in nowhere); GET only.
    "calendar:feed": Row(read=EVERYONE),
    # --- Statements (issue 17, part 5) ------------------------------------------------------------
    # Public, GET only: the law asks that anyone can read them; the monitor's by its key.
    "statements:security_txt": Row(read=EVERYONE),
    "statements:members_privacy": Row(read=EVERYONE),
    "statements:respondent_privacy": Row(read=EVERYONE),
    "statements:accessibility": Row(read=EVERYONE),
    "statements:campaign_privacy": Row(read=EVERYONE),
    "statements:campaign_accessibility": Row(read=EVERYONE),
    # HR fills in the details, managers read them and download the register entry.
    "org_statements:settings": hr_form(readers=MEMBERS),
    "org_statements:register_docx": shows(MEMBERS),
}
