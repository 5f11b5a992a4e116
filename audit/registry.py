"""Which models of organisation data the audit log follows, and where each one belongs.

Every model is named by its label, so that audit imports no project app (it sits low: the
download views of every app call `audit.record_download`). Nothing of the monitor's respondents
is here, nor may it ever be: no AccessCode, SubmissionReceipt, InboxEntry, AnswerTally,
TextAnswer or Snapshot (tests/test_audit.py checks both the list and a real submission).
"""

from dataclasses import dataclass

from auditlog.registry import auditlog
from django.apps import apps

from audit.models import Kind


@dataclass(frozen=True)
class Followed:
    label: str
    # Attribute paths from the instance to the employer's and the support organisation's id.
    organisation: str | None = None
    support: str | None = None
    kind: str = Kind.CHANGE
    exclude: tuple[str, ...] = ()
    m2m: tuple[str, ...] = ()


FOLLOWED = [
    Followed("programme.Organisation", organisation="pk"),
    Followed("programme.Membership", organisation="organisation_id", kind=Kind.MEMBERSHIP),
    Followed("programme.Action", organisation="organisation_id"),
    Followed("programme.ContactPerson", organisation="organisation_id"),
    Followed("programme.SupportOffer", organisation="organisation_id"),
    Followed("programme.Regulation", organisation="organisation_id"),
    # The standard items have no organisation: only an organisation's own ones are followed.
    Followed("pillars.ChecklistItem", organisation="organisation_id"),
    # An item's progress is followed through pillars' own change records (recorders.py), which
    # already say which fields went from what to what, files and linked actions included.
    # Campaigns' settings as HR sets them; never what respondents send. The link key is a
    # secret and stays out of the log.
    Followed("monitor.Campaign", organisation="organisation_id", exclude=("key",)),
    Followed("monitor.Department", organisation="organisation_id"),
    Followed("monitor.CustomQuestion", organisation="campaign.organisation_id"),
    Followed("recognition.StatusLetter", organisation="organisation_id"),
    Followed("recognition.LetterSection", organisation="letter.organisation_id"),
    Followed("recognition.Signatory", organisation="letter.organisation_id"),
    Followed("recognition.Recognition", organisation="organisation_id"),
    Followed("recognition.PublicProfile", organisation="organisation_id"),
    Followed("statements.StatementSettings", organisation="organisation_id"),
    Followed(
        "support.Following", organisation="organisation_id", support="support_organisation_id"
    ),
    Followed("support.SupportMembership", support="support_organisation_id", kind=Kind.MEMBERSHIP),
    # A prospect names an employer, but the pipeline is the support organisation's own.
    Followed("support.Prospect", support="support_organisation_id"),
    Followed("support.Contact", support="prospect.support_organisation_id"),
    Followed("support.Offering", support="support_organisation_id"),
    Followed(
        "support.OfferingUptake",
        organisation="organisation_id",
        support="offering.support_organisation_id",
    ),
    # Single sign-on as platform staff set it up; the client secret stays out (SECRET_WORDS).
    Followed("sso.IdentityProvider", organisation="organisation_id", exclude=("social_app",)),
    Followed("sso.EmailDomain", organisation="provider.organisation_id"),
]

RESPONDENT_MODELS = {
    "monitor.accesscode",
    "monitor.submissionreceipt",
    "monitor.inboxentry",
    "monitor.answertally",
    "monitor.textanswer",
    "monitor.snapshot",
}

# Field names that hold secrets (hashes of links, tokens): never written into the log.
SECRET_WORDS = ("token", "secret", "hash", "password")

_BY_MODEL: dict[type, Followed] = {}


def _secret_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if any(w in f.name for w in SECRET_WORDS)]


def register_all() -> None:
    for followed in FOLLOWED:
        if followed.label.lower() in RESPONDENT_MODELS:
            raise RuntimeError(f"{followed.label} holds respondents' data: never audit it")
        model = apps.get_model(followed.label)
        if model in _BY_MODEL:
            continue
        _BY_MODEL[model] = followed
        # The model's own columns only: auditlog would otherwise read every reverse relation
        # on each save (a query each, and a reverse one-to-one left cached as missing).
        left_out = {*followed.exclude, *_secret_fields(model)}
        auditlog.register(
            model,
            include_fields=[
                f.name
                for f in model._meta.concrete_fields
                # Stored files (an issued letter's PDF) are no "from → to" anyone reads.
                if f.name not in left_out and f.get_internal_type() != "BinaryField"
            ],
            exclude_fields=sorted(left_out),
            m2m_fields=set(followed.m2m),
        )


def followed_for(model) -> Followed | None:
    return _BY_MODEL.get(model)


def resolve(instance, path: str | None):
    if not path:
        return None
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value
