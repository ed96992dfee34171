package io.github.stalecerts.handler;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * When the function times out, or {@link #NONE} (the tests and the benchmark run without a timeout).
 * A value of its own rather than a duration where zero meant "no limit": Lambda can hand over no time
 * at all, and that must stop listing, not lift the limit.
 *
 * @param nanoTime the moment on {@link System#nanoTime()}'s scale; empty: none
 */
public record Deadline(OptionalLong nanoTime) {

    public static final Deadline NONE = new Deadline(OptionalLong.empty());

    /** The deadline {@code remaining} from now; zero or less has already passed. */
    public static Deadline in(Duration remaining) {
        return new Deadline(OptionalLong.of(System.nanoTime() + remaining.toNanos()));
    }

    /** True from {@code reserve} before the deadline on; never without one. */
    BooleanSupplier lessThanLeft(Duration reserve) {
        if (nanoTime.isEmpty()) {
            return () -> false;
        }
        long stopAt = nanoTime.getAsLong() - reserve.toNanos();
        // A difference, not a comparison: nanoTime may wrap.
        return () -> System.nanoTime() - stopAt >= 0;
    }
}
