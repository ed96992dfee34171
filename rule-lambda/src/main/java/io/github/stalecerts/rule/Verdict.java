package io.github.stalecerts.rule;

import java.util.List;
import java.util.Objects;

/**
 * The rule's judgement of one principal, with a one-line reason of at most 256 characters.
 *
 * @param certificates the certificates judged (ids, dates, status: no bodies), so a report can tell when each turns stale
 */
public record Verdict(Principal principal, Compliance compliance, String annotation, List<SigningCertificate> certificates) {

    /** Config rejects annotations longer than this. */
    public static final int MAX_ANNOTATION_LENGTH = 256;

    public Verdict {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(compliance, "compliance");
        annotation = fit(annotation == null ? "" : annotation);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /** A verdict that carries no certificates (none judged, or a principal that no longer exists). */
    public Verdict(Principal principal, Compliance compliance, String annotation) {
        this(principal, compliance, annotation, List.of());
    }

    private static String fit(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ANNOTATION_LENGTH
                ? oneLine
                : oneLine.substring(0, MAX_ANNOTATION_LENGTH - 3) + "...";
    }
}
