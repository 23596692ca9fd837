package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampRouterTest {

    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    private static SinkRecord record(String topic, Long timestamp) {
        return new SinkRecord(topic, 0, null, null, null, null, 0L, timestamp, null);
    }

    @Test
    void defaultsToTopicDashUtcDate() {
        TimestampRouter<SinkRecord> router = new TimestampRouter<>();
        router.configure(Map.of());
        assertEquals("orders-20230101", router.apply(record("orders", 1672576496789L)).topic());
    }

    @Test
    void replacesEveryPlaceholderLiterally() {
        TimestampRouter<SinkRecord> router = new TimestampRouter<>();
        router.configure(Map.of("topic.format", "${timestamp}/${topic}/${topic}", "timestamp.format", "yyyy-MM"));
        assertEquals("1970-01/a$1/a$1", router.apply(record("a$1", 0L)).topic());
    }

    @Test
    void recordWithoutTimestampIsAnError() {
        TimestampRouter<SinkRecord> router = new TimestampRouter<>();
        router.configure(Map.of());
        assertThrows(DataException.class, () -> router.apply(record("t", null)));
    }

    @Test
    void invalidTimestampPatternIsReportedWhenFirstUsed() {
        TimestampRouter<SinkRecord> router = new TimestampRouter<>();
        router.configure(Map.of("timestamp.format", "yyyy-MM-dd'"));
        assertThrows(IllegalArgumentException.class, () -> router.apply(record("t", 0L)));
    }

    @Test
    void formatsCorrectlyWhenUsedFromManyThreads() throws Exception {
        TimestampRouter<SinkRecord> router = new TimestampRouter<>();
        router.configure(Map.of("timestamp.format", "yyyy-MM-dd"));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                results.add(executor.submit(() -> {
                    for (int day = 0; day < 500; day++) {
                        long timestamp = (day * 4L + offset) * DAY_MS;
                        String expected = "t-" + java.time.LocalDate.ofEpochDay(day * 4L + offset);
                        if (!expected.equals(router.apply(record("t", timestamp)).topic())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            executor.shutdownNow();
            router.close();
        }
    }
}
