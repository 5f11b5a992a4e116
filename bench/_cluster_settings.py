"""Settings of the cluster run's app servers and worker (bench/cluster.py): the bench settings
(production over plain HTTP on loopback) with mail written to files in CLUSTER_MAIL_DIR, so that
the run can read what the worker sent."""

import os

from bench._settings import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["CLUSTER_MAIL_DIR"]},
    }
}
