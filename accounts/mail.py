"""Mail as a background task (Django's tasks framework; see docs/architecture.md, "Background
work").

A mail is enqueued with only primitive arguments: the dotted path of a *renderer* (a function
marked with @mail_renderer that looks its objects up by id and returns the subject, body and
recipients), the language to write it in, and the renderer's keyword arguments. The worker renders
and sends it, so the mail shows the data as it is when sent and no rendered text or object waits
in the queue. With the default ImmediateBackend the task runs inside the request, after the
transaction commits, exactly as mail was sent before.
"""

import base64
import hashlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone, translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    to: list[str]
    html: str = ""  # an HTML alternative beside the plain-text body, when the mail has one


def mail_renderer(func):
    """Mark a function as one that send_mail_task may call (no other dotted path is run)."""
    func.is_mail_renderer = True
    return func


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"task-seal:{key}".encode()).digest()))
            for key in keys
        ]
    )


def seal(secret: str) -> str:
    """Encrypt a secret (a link's token) that a mail needs, so that the queue's table, whose rows
    outlive the mail, never holds it readable. unseal() in the renderer gives it back."""
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    return _fernet().decrypt(sealed.encode()).decode()


# A mail server that refuses or cannot be reached is worth another try; a bug in a renderer is not.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the failed attempt, at most an hour."""
    return timedelta(minutes=min(60, 2 ** (attempt - 1)))


@task
def send_mail_task(renderer: str, language: str, kwargs: dict, attempt: int = 1) -> int:
    """Render the mail in `language` and send it; returns the number of mails sent (0 when the
    renderer finds nothing to send any more, e.g. the user was deleted meanwhile)."""
    render = import_string(renderer)
    if not getattr(render, "is_mail_renderer", False):
        raise ValueError(f"{renderer} is no mail renderer")
    with translation.override(language):
        mail = render(**kwargs)
    if mail is None:
        return 0
    try:
        return send_mail(
            subject=mail.subject,
            message=mail.body,
            from_email=None,
            recipient_list=mail.to,
            html_message=mail.html or None,
        )
    except TRANSIENT_ERRORS:
        # The failed run stays recorded (with its traceback) in the task table; a queue that can
        # run a task later gets a new one for the next attempt.
        if attempt < settings.TASKS_MAIL_ATTEMPTS and default_task_backend.supports_defer:
            send_mail_task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
                renderer, language, kwargs, attempt + 1
            )
            logger.warning("mail %s failed (attempt %d), will try again", renderer, attempt)
        raise


def enqueue_mail(renderer: str, *, language: str, after_commit: bool = True, **kwargs) -> None:
    """Send a mail in the background: `renderer` is the dotted path of a @mail_renderer,
    `kwargs` its (JSON-serialisable: ids, strings) arguments.

    In a queue in the database the task row is written in the caller's transaction, so the mail
    is queued if and only if the change that causes it commits. Run at once (ImmediateBackend),
    it waits for the commit, as the mails always did, unless `after_commit` is False (a mail that
    follows no change, such as a password reset)."""
    if default_task_backend.supports_defer or not after_commit:
        send_mail_task.enqueue(renderer, language, kwargs)
    else:
        transaction.on_commit(lambda: send_mail_task.enqueue(renderer, language, kwargs))
