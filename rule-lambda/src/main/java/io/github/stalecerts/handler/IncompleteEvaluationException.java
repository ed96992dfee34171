package io.github.stalecerts.handler;

import java.util.List;

/** Some principals could not be read and got no verdict; the others were reported, unless the cause says why not. */
public final class IncompleteEvaluationException extends RuntimeException {
    private final List<String> unreadableLines;

    /** @param unreadableLines one structured log line per principal left without a verdict */
    public IncompleteEvaluationException(String message, List<String> unreadableLines) {
        this(message, unreadableLines, null);
    }

    /** @param cause why the verdicts that could be made were not reported either (null when they were) */
    public IncompleteEvaluationException(String message, List<String> unreadableLines, Throwable cause) {
        super(message, cause);
        this.unreadableLines = List.copyOf(unreadableLines);
    }

    public List<String> unreadableLines() {
        return unreadableLines;
    }
}
