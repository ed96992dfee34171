package io.github.stalecerts.aws;

import java.time.Duration;

/** Waits between polls and retries of AWS calls; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration);

    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to poll or retry an AWS call", e);
        }
    };
}
