package org.loftmail.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the delays the service asks for instead of waiting. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
    }

    Duration last() {
        return sleeps.isEmpty() ? Duration.ZERO : sleeps.get(sleeps.size() - 1);
    }
}
