package io.github.stalecerts.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deadline is a value: none never passes; no time left, or less than the reserve, has passed. */
class DeadlineTest {

    private static final Duration RESERVE = Duration.ofSeconds(30);

    @Test
    void noDeadlineNeverStopsListing() {
        assertFalse(Deadline.NONE.earlierBy(RESERVE).passed());
        assertFalse(Deadline.NONE.earlierBy(Duration.ofDays(365_000)).passed());
    }

    @Test
    void noTimeLeftIsADeadlinePassedNotNoLimit() {
        assertTrue(Deadline.in(Duration.ZERO).earlierBy(RESERVE).passed());
        assertTrue(Deadline.in(Duration.ZERO).earlierBy(Duration.ZERO).passed());
        assertTrue(Deadline.in(Duration.ofMillis(-5)).earlierBy(Duration.ZERO).passed());
    }

    @Test
    void listingStopsOnlyOnceLessThanTheReserveIsLeft() {
        assertTrue(Deadline.in(Duration.ofSeconds(20)).earlierBy(RESERVE).passed());
        assertFalse(Deadline.in(Duration.ofMinutes(5)).earlierBy(RESERVE).passed());
    }

    /** The difference, not a comparison, decides: a deadline just past the wrap of nanoTime's scale still holds. */
    @Test
    void aDeadlineAcrossTheWrapOfTheTickerIsStillAhead() {
        long beforeWrap = Long.MAX_VALUE - 5;
        Deadline afterWrap = Deadline.at(beforeWrap + 10, () -> beforeWrap);

        assertFalse(afterWrap.passed());
        assertTrue(afterWrap.earlierBy(Duration.ofNanos(10)).passed());
    }
}
