"""Seeds moto with N IAM users for the benchmark; about 1% of them hold signing certificates.

Usage: seed.py ENDPOINT N   (ENDPOINT must be http://127.0.0.1:PORT)
Prints one line: "<k> <cold-user-name>", where k is the number of users with an active
certificate and the cold user is one of them (the change-triggered event's subject).

Every 100th user holds certificates, cycling through: a fresh one (valid 2 years), an expired one,
one expiring in 10 days, a fresh active one plus an inactive one, and only an inactive one (not
counted in k). Upload dates are moto's "now", so no certificate is stale by age here.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from seeding import iam_client, user  # noqa: E402  (the shared seeding module lives in scripts/)


def main():
    endpoint, n = sys.argv[1], int(sys.argv[2])
    iam = iam_client(endpoint, "seed.py")
    # (active notAfter offsets in days, inactive notAfter offsets in days)
    kinds = [([730], []), ([-10], []), ([10], []), ([730], [-100]), ([], [365])]
    k, cold, holder = 0, None, 0
    for i in range(1, n + 1):
        name = f"bench-user-{i:05d}"
        if i % 100 != 50:
            user(iam, name)
            continue
        active, inactive = kinds[holder % len(kinds)]
        holder += 1
        user(iam, name, active=active, inactive=inactive)
        if active:
            k += 1
            cold = cold or name
    print(k, cold)


if __name__ == "__main__":
    main()
