"""The programme's background tasks. Mail as a task lives in accounts.mail (every app's mail goes
to a user account, and accounts sits below every app); it is re-exported here for the apps that
import it from the programme."""

from accounts.mail import Mail, enqueue_mail, mail_renderer, seal, send_mail_task, unseal

__all__ = ["Mail", "enqueue_mail", "mail_renderer", "seal", "send_mail_task", "unseal"]
