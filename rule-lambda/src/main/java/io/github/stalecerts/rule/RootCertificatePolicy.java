package io.github.stalecerts.rule;

import java.util.Locale;

/** How the root account's signing certificates are judged. */
public enum RootCertificatePolicy {
    /** The root account is judged like any user: only stale certificates are non-compliant. */
    ROTATE,
    /** Any active root certificate is non-compliant: the root user should hold none. */
    FORBID;

    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
