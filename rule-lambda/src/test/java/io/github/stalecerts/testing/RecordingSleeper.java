package io.github.stalecerts.testing;

import io.github.stalecerts.aws.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records the waits instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
    public final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }
}
