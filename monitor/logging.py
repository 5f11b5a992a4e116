"""Keep monitor keys out of logs: the public link /m/<key>/ must never be logged, least of all
next to an IP address (docs/architecture.md, "The monitor's anonymity").

Two pieces: a logging filter that Django's LOGGING attaches to every handler (django.request logs
"Not Found: /m/<key>/..." with the request attached), and a gunicorn logger class for the access
log (config/gunicorn.conf.py), which writes the request line next to the client's address.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornBaseLogger

REDACTED = "/m/<redacted>/"
# "/m/" at the start of a path (at the start of the text, after white space, a quote or an
# opening bracket, or right after a host name) and everything after it up to white space or a
# quote: the key, the section and the query string. Redacting more than the key costs nothing;
# leaving a key in would break a promise.
MONITOR_PATH = re.compile(r"""(^|[\s"'(\[=,]|//[^/\s"']+)/m/[^\s"'<>]*""")


# Access-log atoms that identify the client or could carry page details: address, user, user
# agent, referrer, query string (request and response headers and environment are blanked too).
CLIENT_ATOMS = {"h", "u", "a", "f", "q"}


def redact(text: str) -> str:
    """The text with every monitor path replaced by /m/<redacted>/."""
    return MONITOR_PATH.sub(lambda match: match.group(1) + REDACTED, text)


def is_monitor_path(path: str) -> bool:
    return path.startswith("/m/")


class RedactMonitorKeys(logging.Filter):
    """Rewrite a record's message, arguments and traceback so that no monitor key is left.

    A django.request record also carries the request itself, which handlers such as Django's
    error e-mail print with its path and the client's address; for a monitor path it is removed.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/m/" in message:
            record.msg = redact(message)
            record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and "/m/" in record.exc_text:
            record.exc_text = redact(record.exc_text)
        request = getattr(record, "request", None)
        if request is not None and is_monitor_path(getattr(request, "path", "") or ""):
            del record.request
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger, but a request to a monitor page is logged without key or client.

    For /m/ paths every part of the access-log line that could hold the key (request line, path,
    query, referrer, headers, environment) is redacted, and the parts that identify the client
    (address, user agent, forwarded-for headers) are blanked: the line keeps the method, the
    status, the size and the duration. Other pages are logged as usual. The error log goes through
    the same filter as Django's logs.
    """

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(RedactMonitorKeys())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Any request can name a monitor page, a stylesheet's referrer for one; redact them all.
        for name, value in atoms.items():
            if isinstance(value, str) and "/m/" in value:
                atoms[name] = redact(value)
        path = environ.get("PATH_INFO") or ""
        if is_monitor_path(path) or is_monitor_path(environ.get("RAW_URI") or ""):
            for name in atoms:
                if name in CLIENT_ATOMS or name.endswith("}i") or name.endswith("}e"):
                    atoms[name] = "-"
        return atoms
