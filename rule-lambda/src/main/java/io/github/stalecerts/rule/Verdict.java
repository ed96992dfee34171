package io.github.stalecerts.rule;

import java.util.Objects;

/** The rule's judgement of one principal, with a one-line reason of at most 256 characters. */
public record Verdict(Principal principal, Compliance compliance, String annotation) {

    /** Config rejects annotations longer than this. */
    public static final int MAX_ANNOTATION_LENGTH = 256;

    public Verdict {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(compliance, "compliance");
        annotation = fit(annotation == null ? "" : annotation);
    }

    private static String fit(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_ANNOTATION_LENGTH
                ? oneLine
                : oneLine.substring(0, MAX_ANNOTATION_LENGTH - 3) + "...";
    }
}
