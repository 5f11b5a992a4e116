"""Uploaded files in a private bucket of an S3-compatible object store (when S3_BUCKET is set).

Every file (evidence, logos) is read back through the storage API (`.open()`), never through a
filesystem path, and served by the views that check membership, so no file is ever linked: the
objects are written private, and `url()` gives the same never-served /media/ address the local
folder gives instead of a (signed) link into the bucket. The settings live in config/settings.py
("Object storage"); the variables are listed in the README.
"""

from botocore.config import Config
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

# Short enough that a request waiting on an unreachable store ends in an error page within
# seconds rather than holding a worker for minutes; a few retries ride out a brief hiccup.
CLIENT_CONFIG = Config(
    connect_timeout=5,
    read_timeout=30,
    retries={"max_attempts": 3, "mode": "standard"},
)


class PrivateS3Storage(S3Storage):
    """django-storages' S3 backend, private and with the local folder's file semantics."""

    def __init__(self, **options):
        options.setdefault("client_config", CLIENT_CONFIG)
        super().__init__(**options)

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            default_acl="private",  # objects readable by the bucket's owner only
            # A second upload under a taken name gets a new name, as on the local folder,
            # instead of replacing the other organisation's or item's file.
            file_overwrite=False,
            querystring_auth=True,  # even a stray url() from boto would be signed, not public
            signature_version="s3v4",
            # A download is buffered in memory up to this size, beyond it in a temporary file.
            max_memory_size=2 * 1024 * 1024,
        )
        return defaults

    def url(self, name, parameters=None, expire=None, http_method=None):
        # Never a link into the bucket: the same address FileSystemStorage gives, which nothing
        # serves (files go through permission-checked views).
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")
