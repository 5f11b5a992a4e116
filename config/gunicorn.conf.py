"""gunicorn settings for production: `gunicorn config.wsgi -c config/gunicorn.conf.py`.

The access log must never hold a monitor key next to an IP address (docs/architecture.md): the
logger class redacts /m/<key>/ paths everywhere in the line and, for requests to the monitor,
leaves out the client's address, user agent and referrer. Other settings (bind, workers) come
from the command line or GUNICORN_CMD_ARGS as before.
"""

# Both logs to standard error, like Django's own logging.
accesslog = "-"
errorlog = "-"
logger_class = "monitor.logging.GunicornLogger"
# gunicorn's default format without the referrer (%(f)s): a referrer names the page someone came
# from, which is nobody's business in our logs.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(a)s" %(M)sms'
