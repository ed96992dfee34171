"""Seeds a small sample account into moto for the demo (scripts/demo.sh).

Usage: demo_seed.py ENDPOINT EXEMPT_TAG_KEY   (ENDPOINT must be http://127.0.0.1:PORT)
moto stamps every upload with the real "now", so no certificate is old by upload date today: the
demo shows "old" by auditing again as of a later day.
"""
import sys

from seeding import iam_client, user


def main():
    endpoint, exempt_key = sys.argv[1], sys.argv[2]
    iam = iam_client(endpoint, "demo_seed.py")

    def seed(name, description, **certificates):
        user(iam, name, **certificates)
        print(f"  {name:<16} {description}")

    print("seeded users:")
    seed("alice-fresh", "active certificate valid for 2 more years, uploaded today", active=[730])
    seed("bob-expired", "active certificate that expired 10 days ago", active=[-10])
    seed("carol-expiring", "active certificate expiring in 14 days", active=[14])
    seed("dave-inactive", "only an inactive (already expired) certificate", inactive=[-30])
    seed("erin-exempt", f"expired active certificate, but tagged {exempt_key}=true", active=[-5],
         tags={exempt_key: "true"})
    seed("frank-none", "no signing certificate at all")
    seed("grace-rotated", "fresh active certificate (2 years) plus an inactive old one", active=[730], inactive=[200])


if __name__ == "__main__":
    main()
