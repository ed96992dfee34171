package io.github.stalecerts.handler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deadline is a value: none never passes; no time left, or less than the reserve, has passed. */
class DeadlineTest {

    private static final Duration RESERVE = Duration.ofSeconds(30);

    @Test
    void noDeadlineNeverStopsListing() {
        assertFalse(Deadline.NONE.lessThanLeft(RESERVE).getAsBoolean());
        assertFalse(Deadline.NONE.lessThanLeft(Duration.ofDays(365_000)).getAsBoolean());
    }

    @Test
    void noTimeLeftIsADeadlinePassedNotNoLimit() {
        assertTrue(Deadline.in(Duration.ZERO).lessThanLeft(RESERVE).getAsBoolean());
        assertTrue(Deadline.in(Duration.ZERO).lessThanLeft(Duration.ZERO).getAsBoolean());
        assertTrue(Deadline.in(Duration.ofMillis(-5)).lessThanLeft(Duration.ZERO).getAsBoolean());
    }

    @Test
    void listingStopsOnlyOnceLessThanTheReserveIsLeft() {
        assertTrue(Deadline.in(Duration.ofSeconds(20)).lessThanLeft(RESERVE).getAsBoolean());
        assertFalse(Deadline.in(Duration.ofMinutes(5)).lessThanLeft(RESERVE).getAsBoolean());
    }
}
