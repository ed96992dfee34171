package io.github.stalecerts.handler;

/** Some principals could not be read: the others were reported, these got no verdict. */
public final class IncompleteEvaluationException extends RuntimeException {
    public IncompleteEvaluationException(String message) {
        super(message);
    }
}
