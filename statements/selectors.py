"""Reads for the statements: an organisation's settings, the platform operator, and the one
description of the processing that the HR page and the register document (DOCX) both show."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitor.models import MIN_GROUP_SIZE, Campaign
from monitor.results import MIN_TEXTS
from programme.models import Organisation
from statements.models import StatementSettings

# The day the statements' texts were last written or checked against the code.
STATEMENTS_DATE = date(2026, 12, 2)
# The standard, and how often the Dutch model asks for a new examination.
RETEST_MONTHS = 36
# The widths at which the browser tests run axe-core (tests/browser/checks.py and the statements'
# own test): a small phone, a common phone and a desktop.
TESTED_WIDTHS = (320, 360, 1280)


def settings_for(*, organisation: Organisation) -> StatementSettings:
    """The organisation's statement settings, or an unsaved empty row before the first save."""
    found = StatementSettings.objects.filter(organisation=organisation).first()
    return found if found is not None else StatementSettings(organisation=organisation)


@dataclass(frozen=True)
class Operator:
    """The platform's operator, the processor: from the settings, never from an organisation."""

    name: str
    email: str

    @property
    def display_name(self) -> str:
        return self.name or _("the operator of this platform")


def operator() -> Operator:
    return Operator(name=settings.PLATFORM_OPERATOR_NAME, email=settings.PLATFORM_CONTACT_EMAIL)


def retention_bounds() -> tuple[int, int, int]:
    """The monitor's retention in months an organisation may choose: (least, default, most)."""
    field_ = Organisation._meta.get_field("monitor_retention_months")
    bounds = [v.limit_value for v in field_.validators]
    return min(bounds), field_.default, max(bounds)


def monitor_facts() -> dict:
    """The fixed numbers the respondent statement quotes, from the monitor's own constants."""
    least, default, most = retention_bounds()
    return {
        "min_group_floor": MIN_GROUP_SIZE,
        "text_min": MIN_TEXTS,
        "retention_least": least,
        "retention_default": default,
        "retention_most": most,
    }


def members_facts() -> dict:
    """The settings the members' statement quotes."""
    return {
        "audit_days": settings.AUDIT_LOG_RETENTION_DAYS,
        "inactive_days": settings.INACTIVE_MEMBER_DAYS,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "session_hours": settings.SESSION_MAX_LIFETIME_HOURS,
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
    }


@dataclass
class Part:
    """One heading of the register entry with its lines."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class RegisterEntry:
    """The entry in the register of processing activities (art. 30 GDPR), in the active language."""

    organisation: Organisation
    title: str
    made_on: date
    parts: list[Part]


def register_entry(*, organisation: Organisation, today: date) -> RegisterEntry:
    """What the organisation's register says about this processing, built once for the page and
    the DOCX alike. Every figure comes from the organisation's data or the platform's settings."""
    own = settings_for(organisation=organisation)
    op = operator()
    months = organisation.monitor_retention_months
    missing = _("not filled in yet")
    controller = [
        _("Controller: %(name)s.") % {"name": organisation.name},
        _("Privacy contact: %(contact)s.") % {"contact": own.privacy_contact or missing},
        _("Data protection officer (FG): %(name)s %(email)s.")
        % {"name": own.dpo_name or missing, "email": own.dpo_email},
        _("Processor: %(name)s, which runs the platform for the organisation%(email)s.")
        % {"name": op.display_name, "email": f" ({op.email})" if op.email else ""},
    ]
    parts = [
        Part(
            _("Name of the processing"),
            [
                _(
                    "Caregiver-friendly employer: the programme of the four pillars and the "
                    "anonymous employee monitor on work and caregiving."
                ),
            ],
        ),
        Part(_("Controller and processor"), controller),
        Part(
            _("Purposes"),
            [
                _(
                    "Members: to let HR advisors and managers plan, record and report the "
                    "organisation's work on the four pillars and the recognition."
                ),
                _(
                    "Monitor: to learn, in totals only, how employees combine work and caring for "
                    "someone and what would help them; to raise awareness of the theme."
                ),
            ],
        ),
        Part(
            _("Categories of data subjects"),
            [
                _(
                    "Members of the organisation on the platform (HR advisors, managers) and "
                    "support advisors it lets follow its programme."
                ),
                _("Employees who answer the monitor (respondents), carers or not."),
                _("Contact persons the organisation records in its registers."),
            ],
        ),
        Part(
            _("Categories of personal data"),
            [
                _(
                    "Members: e-mail address, name, chosen language, role, last login, failed "
                    "login attempts (e-mail address and IP address), active sessions (IP address "
                    "and browser), the audit log of their changes and downloads, and for two-step "
                    "verification the data needed to check it."
                ),
                _("Contact persons: name, function, e-mail address, phone number, notes."),
                _(
                    "Monitor: no name, e-mail address, IP address, device, date or time of an "
                    "answer. The answers are kept sealed (encrypted) until they are counted, then "
                    "only as counts of groups of at least %(size)s people, and written answers "
                    "apart from the counts."
                )
                % {"size": MIN_GROUP_SIZE},
                _(
                    "The monitor holds no health data per respondent: its questions about "
                    "caregiving and the organisation's own questions may not ask about health or "
                    "illness, and no answer can be traced to one person."
                ),
            ],
        ),
        Part(
            _("Recipients"),
            [
                _(
                    "Members of the organisation, by their role; HR advisors alone read the "
                    "written answers, unless they share them with managers."
                ),
                _(
                    "Support organisations the organisation lets follow it read its published work "
                    "(never written answers, never an open monitor)."
                ),
                _("The processor, only to run the platform."),
                _(
                    "The pooled reference figures use published, rounded totals of many employers "
                    "together (at least five), never one employer's figures; the organisation can "
                    "switch this off."
                ),
            ],
        ),
        Part(
            _("Transfers outside the European Economic Area"),
            [
                _(
                    "The application itself sends no personal data to other parties or countries; "
                    "where the platform is hosted is agreed in the processing agreement."
                ),
            ],
        ),
        Part(
            _("Retention periods"),
            [
                ngettext(
                    "Monitor: the counts, written answers, receipts and access codes are deleted "
                    "%(months)s month after a monitor closes; the published results stay.",
                    "Monitor: the counts, written answers, receipts and access codes are deleted "
                    "%(months)s months after a monitor closes; the published results stay.",
                    months,
                )
                % {"months": months},
                ngettext(
                    "Audit log: entries are deleted after %(days)s day.",
                    "Audit log: entries are deleted after %(days)s days.",
                    settings.AUDIT_LOG_RETENTION_DAYS,
                )
                % {"days": settings.AUDIT_LOG_RETENTION_DAYS},
                ngettext(
                    "Accounts: a member who has not logged in for %(days)s day is deactivated; "
                    "accounts end with the membership or with the organisation.",
                    "Accounts: a member who has not logged in for %(days)s days is deactivated; "
                    "accounts end with the membership or with the organisation.",
                    settings.INACTIVE_MEMBER_DAYS,
                )
                % {"days": settings.INACTIVE_MEMBER_DAYS},
            ],
        ),
        Part(
            _("Security measures"),
            [
                _(
                    "Monitor answers are sealed with AES-GCM under a key the database and its "
                    "backups do not hold; access codes are stored only as a keyed hash."
                ),
                _(
                    "Only counts are kept, with a small random perturbation and suppression of "
                    "groups smaller than the minimum; results are computed once, at close, into a "
                    "snapshot."
                ),
                _("No log line holds a monitor's link next to an IP address."),
                _(
                    "Every page over HTTPS with a strict Content Security Policy; failed logins "
                    "are limited; two-step verification and sign-in with the organisation's "
                    "identity provider."
                ),
                _(
                    'Each organisation sees only its own data (others get "not found"); uploaded '
                    "files are stored privately and served only after the membership check."
                ),
                _("An audit log of changes, role changes, logins and downloads."),
            ],
        ),
    ]
    return RegisterEntry(
        organisation=organisation,
        title=_("Processing register entry (art. 30 GDPR)"),
        made_on=today,
        parts=parts,
    )


def latest_campaign(*, organisation: Organisation):
    """The organisation's most recent campaign, whose key its own statements are shown under."""
    return Campaign.objects.filter(organisation=organisation).order_by("-opens_on", "-pk").first()
