"""A real SAML 2.0 identity provider on loopback for the tests: pysaml2's IdP server behind a
small HTTP server in a thread.

It takes an AuthnRequest by the HTTP-Redirect binding at /sso/redirect, signs the user chosen
by the test in (`idp.login_as(...)`), and answers with a signed Response by the HTTP-POST
binding: the auto-submitting form a browser would post to the service provider's reply address
(ACS). NameID is the e-mail address (format emailAddress), with `mail` and `displayName`
attributes, as Microsoft Entra ID sends them in their URI forms. Its key and self-signed
certificate are made for each run with cryptography; xmlsec1 signs."""

import datetime
import html
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256


def self_signed_certificate(common_name: str) -> tuple[bytes, bytes]:
    """A fresh RSA key and a certificate for it, both in PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


class SamlIdentityProvider:
    def __init__(self, base_url: str, workdir: Path):
        self.base_url = base_url
        self.entity_id = f"{base_url}/metadata"
        self.sso_url = f"{base_url}/sso/redirect"
        key_pem, cert_pem = self_signed_certificate("saml-idp.test")
        self.key_file = workdir / "idp.key"
        self.cert_file = workdir / "idp.crt"
        self.key_file.write_bytes(key_pem)
        self.cert_file.write_bytes(cert_pem)
        self.certificate = cert_pem.decode("ascii")
        self.server: Server | None = None
        self.identity: dict | None = None
        self.requests: list[str] = []

    def trust_sp(self, sp_metadata_xml: str) -> None:
        """Know the service provider by its metadata (its entity ID and reply address)."""
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(self.sso_url, BINDING_HTTP_REDIRECT)],
                        },
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 15},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                        "sign_response": True,
                        "sign_assertion": True,
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "xmlsec_binary": shutil.which("xmlsec1"),
                "metadata": {"inline": [sp_metadata_xml]},
            }
        )
        self.server = Server(config=config)

    def login_as(self, email: str, name: str = "") -> None:
        """The user whom the next AuthnRequest signs in."""
        self.identity = {"email": email, "name": name}

    def answer(self, query: str) -> str:
        """The HTML page with the signed Response for an AuthnRequest by HTTP-Redirect."""
        assert self.server is not None, "trust_sp() first"
        assert self.identity is not None, "login_as() first"
        params = parse_qs(query)
        saml_request = params["SAMLRequest"][0]
        relay_state = params.get("RelayState", [""])[0]
        self.requests.append(saml_request)
        request = self.server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
        args = self.server.response_args(request.message, [BINDING_HTTP_POST])
        email = self.identity["email"]
        attributes = {"mail": [email]}
        if self.identity["name"]:
            attributes["displayName"] = [self.identity["name"]]
        response = self.server.create_authn_response(
            identity=attributes,
            userid=email,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            authn={
                "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
            },
            sign_response=True,
            sign_assertion=True,
            # The service provider refuses SHA-1, pysaml2's default (as it should).
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            **args,
        )
        http_args = self.server.apply_binding(
            BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
        )
        return http_args["data"]

    def metadata(self) -> str:
        from saml2.metadata import entity_descriptor

        assert self.server is not None
        return str(entity_descriptor(self.server.config))


def posted_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and the hidden fields of the auto-submitting form of an HTTP-POST binding."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
    }
    return action, fields


@contextmanager
def run_saml_idp():
    """A SAML identity provider listening on 127.0.0.1 for the length of the block."""
    workdir = Path(tempfile.mkdtemp(prefix="saml-idp-"))
    holder: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            idp = holder["idp"]
            url = urlsplit(self.path)
            try:
                if url.path == "/sso/redirect":
                    body, content_type = idp.answer(url.query), "text/html; charset=utf-8"
                elif url.path == "/metadata":
                    body, content_type = idp.metadata(), "application/samlmetadata+xml"
                else:
                    self.send_error(404)
                    return
            except Exception as error:  # a test reads the reason, not a hung request
                self.send_error(400, explain=repr(error))
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["idp"] = SamlIdentityProvider(f"http://127.0.0.1:{httpd.server_port}", workdir)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield holder["idp"]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
        shutil.rmtree(workdir, ignore_errors=True)
