"""Seeds moto with N IAM users for the benchmark; about 1% of them hold signing certificates.

Usage: seed.py ENDPOINT N   (ENDPOINT must be http://127.0.0.1:PORT)
Prints one line: "<k> <cold-user-name>", where k is the number of users with an active
certificate and the cold user is one of them (the change-triggered event's subject).

Every 100th user holds certificates, cycling through: a fresh one (valid 2 years), an expired one,
one expiring in 10 days, a fresh active one plus an inactive one, and only an inactive one (not
counted in k). Upload dates are moto's "now", so no certificate is stale by age here.
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
SERIAL = iter(range(1, 10**9))


def pem(days_valid_from_now):
    """A self-signed certificate whose notAfter is now + days (negative: already expired)."""
    not_after = NOW + datetime.timedelta(days=days_valid_from_now)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench-signing-certificate")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(KEY.public_key())
            .serial_number(next(SERIAL)).not_valid_before(not_after - datetime.timedelta(days=800))
            .not_valid_after(not_after).sign(KEY, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def main():
    endpoint, n = sys.argv[1], int(sys.argv[2])
    if urlparse(endpoint).hostname != "127.0.0.1":
        sys.exit("seed.py only talks to 127.0.0.1")
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    # (active notAfter offsets in days, inactive notAfter offsets in days)
    kinds = [([730], []), ([-10], []), ([10], []), ([730], [-100]), ([], [365])]
    k, cold, holder = 0, None, 0
    for i in range(1, n + 1):
        name = f"bench-user-{i:05d}"
        iam.create_user(UserName=name)
        if i % 100 != 50:
            continue
        active, inactive = kinds[holder % len(kinds)]
        holder += 1
        for days in active:
            iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))
        for days in inactive:
            cid = iam.upload_signing_certificate(UserName=name, CertificateBody=pem(days))["Certificate"]["CertificateId"]
            iam.update_signing_certificate(UserName=name, CertificateId=cid, Status="Inactive")
        if active:
            k += 1
            cold = cold or name
    print(k, cold)


if __name__ == "__main__":
    main()
