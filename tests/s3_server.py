"""A real S3 endpoint on loopback for the object-storage tests: moto's server mode.

moto's server answers the S3 protocol over HTTP (signatures, ACLs, anonymous requests refused),
so the app's files go through django-storages, boto3 and a socket exactly as with a provider.
The session fixture runs it in a thread of the test process on a free port; each test gets a
bucket of its own and the S3_* variables the app reads (config/settings.py, "Object storage").

For several processes (bench/cluster.py) start the same server as its own process and point
every app server at it with `s3_env()`:

    .venv/bin/moto_server -H 127.0.0.1 -p PORT
    create_bucket(f"http://127.0.0.1:{PORT}", "mzv-cluster")
    env = {**os.environ, **s3_env(f"http://127.0.0.1:{PORT}", "mzv-cluster")}
"""

import uuid
from dataclasses import dataclass

import pytest

S3_REGION = "eu-central-1"
# moto accepts any key pair; these are never a credential anywhere.
ACCESS_KEY_ID = "test-only-access-key"
SECRET_ACCESS_KEY = "test-only-secret-key"


def s3_env(endpoint_url: str, bucket: str) -> dict[str, str]:
    """The variables that make an app server keep its files in `bucket` on `endpoint_url`."""
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint_url,
        "S3_REGION": S3_REGION,
        "S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "S3_ADDRESSING_STYLE": "path",
    }


def s3_client(endpoint_url: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=S3_REGION,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )


def create_bucket(endpoint_url: str, bucket: str) -> None:
    s3_client(endpoint_url).create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
    )


@dataclass(frozen=True)
class Bucket:
    endpoint_url: str
    name: str
    client: object

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto S3 server on a free loopback port, for the whole session."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:  # pragma: no cover - the fixture fails, it never skips
        pytest.fail("moto[server] is not installed: run `make setup` (it is in the test extras).")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings, monkeypatch) -> Bucket:
    """A fresh bucket that is the default storage for this test, configured through the same
    S3_* variables and settings code as production."""
    from config.settings import s3_storage_from_env

    name = f"mzv-test-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_endpoint, name)
    for variable, value in s3_env(s3_endpoint, name).items():
        monkeypatch.setenv(variable, value)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_from_env()}
    return Bucket(s3_endpoint, name, s3_client(s3_endpoint))
