package io.github.stalecerts.audit;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A moment after which no more work may start, or {@link #NONE}. The Lambda handler makes one from
 * the function's remaining time; the local audit commands run with {@link #NONE}. A value of its own
 * rather than a duration where zero meant "no limit": Lambda can hand over no time at all, and that
 * must stop listing, not lift the limit.
 */
public final class Deadline {

    /** No time limit: never passes. */
    public static final Deadline NONE = new Deadline(OptionalLong.empty(), System::nanoTime);

    /** The moment on {@link #ticker}'s scale; empty: none. */
    private final OptionalLong nanoTime;
    private final LongSupplier ticker;

    private Deadline(OptionalLong nanoTime, LongSupplier ticker) {
        this.nanoTime = nanoTime;
        this.ticker = ticker;
    }

    /** The deadline {@code remaining} from now on {@link System#nanoTime()}; zero or less has already passed. */
    public static Deadline in(Duration remaining) {
        return at(System.nanoTime() + remaining.toNanos(), System::nanoTime);
    }

    /** The deadline at {@code nanoTime} on {@code ticker}'s scale (tests drive the ticker). */
    static Deadline at(long nanoTime, LongSupplier ticker) {
        return new Deadline(OptionalLong.of(nanoTime), ticker);
    }

    /** The deadline {@code reserve} earlier, to keep that much time back for later work; {@link #NONE} stays none. */
    public Deadline earlierBy(Duration reserve) {
        return nanoTime.isEmpty() ? this : at(nanoTime.getAsLong() - reserve.toNanos(), ticker);
    }

    /** True from the deadline on; never for {@link #NONE}. */
    public boolean passed() {
        // A difference, not a comparison: nanoTime may wrap.
        return nanoTime.isPresent() && ticker.getAsLong() - nanoTime.getAsLong() >= 0;
    }

    @Override
    public String toString() {
        return nanoTime.isEmpty() ? "Deadline.NONE" : "Deadline at " + nanoTime.getAsLong() + " ns";
    }
}
