"""Seeds IAM users and real X.509 signing certificates into a local moto server.

Shared by the demo (scripts/demo_seed.py) and the benchmark (bench/seed.py). Certificates are
self-signed with chosen notAfter. moto stamps every upload with the real "now", so no certificate
is old by upload date on the day it is seeded.
"""
import datetime
import itertools
from urllib.parse import urlparse

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_KEY = ec.generate_private_key(ec.SECP256R1())
_NOW = datetime.datetime.now(datetime.timezone.utc)
_SERIAL = itertools.count(1)


def iam_client(endpoint, tool):
    """A boto3 IAM client for moto at ENDPOINT, which must be http://127.0.0.1:PORT."""
    if urlparse(endpoint).hostname != "127.0.0.1":
        raise SystemExit(f"{tool} only talks to 127.0.0.1")
    return boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def pem(not_after_days, valid_days=800, common_name="signing-certificate"):
    """A self-signed certificate whose notAfter is now + days (negative: already expired)."""
    not_after = _NOW + datetime.timedelta(days=not_after_days)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(_KEY.public_key())
            .serial_number(next(_SERIAL)).not_valid_before(not_after - datetime.timedelta(days=valid_days))
            .not_valid_after(not_after).sign(_KEY, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def user(iam, name, active=(), inactive=(), tags=None):
    """Creates a user holding active and inactive certificates, each given as days until its notAfter."""
    iam.create_user(UserName=name, Tags=[{"Key": k, "Value": v} for k, v in (tags or {}).items()])
    for days in active:
        iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))
    for days in inactive:
        cid = iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))["Certificate"]["CertificateId"]
        iam.update_signing_certificate(UserName=name, CertificateId=cid, Status="Inactive")
