"""Seeds a small sample account into moto for the demo (scripts/demo.sh).

Usage: demo_seed.py ENDPOINT EXEMPT_TAG_KEY   (ENDPOINT must be http://127.0.0.1:PORT)
Certificates are real self-signed X.509 certificates with chosen notBefore/notAfter. moto stamps
every upload with the real "now", so no certificate is old by upload date today: the demo shows
"old" by auditing again as of a later day.
"""
import datetime
import sys
from urllib.parse import urlparse

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

KEY = ec.generate_private_key(ec.SECP256R1())
NOW = datetime.datetime.now(datetime.timezone.utc)
SERIAL = iter(range(1, 1000))


def pem(not_after_days, valid_days=800):
    not_after = NOW + datetime.timedelta(days=not_after_days)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "demo-signing-certificate")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(KEY.public_key())
            .serial_number(next(SERIAL)).not_valid_before(not_after - datetime.timedelta(days=valid_days))
            .not_valid_after(not_after).sign(KEY, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def main():
    endpoint, exempt_key = sys.argv[1], sys.argv[2]
    if urlparse(endpoint).hostname != "127.0.0.1":
        sys.exit("demo_seed.py only talks to 127.0.0.1")
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")

    def user(name, description, active=(), inactive=(), tags=None):
        iam.create_user(UserName=name, Tags=[{"Key": k, "Value": v} for k, v in (tags or {}).items()])
        for days in active:
            iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))
        for days in inactive:
            cid = iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))["Certificate"]["CertificateId"]
            iam.update_signing_certificate(UserName=name, CertificateId=cid, Status="Inactive")
        print(f"  {name:<16} {description}")

    print("seeded users:")
    user("alice-fresh", "active certificate valid for 2 more years, uploaded today", active=[730])
    user("bob-expired", "active certificate that expired 10 days ago", active=[-10])
    user("carol-expiring", "active certificate expiring in 14 days", active=[14])
    user("dave-inactive", "only an inactive (already expired) certificate", inactive=[-30])
    user("erin-exempt", f"expired active certificate, but tagged {exempt_key}=true", active=[-5],
         tags={exempt_key: "true"})
    user("frank-none", "no signing certificate at all")
    user("grace-rotated", "fresh active certificate (2 years) plus an inactive old one", active=[730], inactive=[200])


if __name__ == "__main__":
    main()
