package io.github.stalecerts.report;

import io.github.stalecerts.rule.Evaluator;
import io.github.stalecerts.rule.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * When the active certificates of the judged principals turn stale, week by week from the
 * evaluation time, by the rule's own checks ({@link Evaluator#staleFrom}). Exempt principals'
 * certificates never turn stale and are not counted.
 *
 * @param staleNow   active certificates already stale at the evaluation time
 * @param perWeek    how many turn stale in week 1, 2, ... (week 1 starts at the evaluation time)
 * @param later      how many turn stale after the last week shown
 * @param total      every active certificate counted
 */
record StaleTimeline(long staleNow, List<Long> perWeek, long later, long total) {

    static final int WEEKS = 12;
    private static final Duration WEEK = Duration.ofDays(7);

    StaleTimeline {
        perWeek = List.copyOf(perWeek);
    }

    static StaleTimeline of(Evaluator evaluator, Instant now, List<Verdict> verdicts) {
        long staleNow = 0;
        long later = 0;
        long total = 0;
        long[] perWeek = new long[WEEKS];
        for (ChartedCertificate charted : ChartedCertificate.of(verdicts)) {
            total++;
            Instant from = evaluator.staleFrom(charted.principal(), charted.certificate()).orElse(Instant.MAX);
            if (!from.isAfter(now)) {
                staleNow++;
            } else {
                long week = Duration.between(now, from).dividedBy(WEEK);
                if (from.equals(Instant.MAX) || week >= WEEKS) {
                    later++;
                } else {
                    perWeek[(int) week]++;
                }
            }
        }
        return new StaleTimeline(staleNow, Arrays.stream(perWeek).boxed().toList(), later, total);
    }
}
