package io.github.stalecerts.handler;

import java.util.List;

/** Some principals could not be read: the others were reported, these got no verdict. */
public final class IncompleteEvaluationException extends RuntimeException {
    private final List<String> unreadableLines;

    /** @param unreadableLines one structured log line per principal left without a verdict */
    public IncompleteEvaluationException(String message, List<String> unreadableLines) {
        super(message);
        this.unreadableLines = List.copyOf(unreadableLines);
    }

    public List<String> unreadableLines() {
        return unreadableLines;
    }
}
