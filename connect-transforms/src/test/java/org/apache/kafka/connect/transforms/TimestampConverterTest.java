package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampConverterTest {

    private static final long NOON_2023_01_01 = 1672574400000L;
    private static final long DAY = 86_400_000L;

    private static final Schema EVENT = SchemaBuilder.struct().name("test.Event")
            .field("id", Schema.INT32_SCHEMA)
            .field("at", Schema.INT64_SCHEMA)
            .build();

    private static TimestampConverter<SinkRecord> value(Map<String, String> props) {
        TimestampConverter<SinkRecord> converter = new TimestampConverter.Value<>();
        converter.configure(props);
        return converter;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, null, null, schema, value, 0L);
    }

    @Test
    void rejectsMissingUnknownOrMiscasedTargetTypes() {
        assertThrows(ConfigException.class, () -> value(Map.of()));
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "Instant")));
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "timestamp")));
    }

    @Test
    void rejectsUnknownUnixPrecision() {
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "unix", "unix.precision", "minutes")));
    }

    @Test
    void requiresAValidFormatForStringTargets() {
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "string")));
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "string", "format", "yyyy-bb")));
        // An invalid pattern is rejected even when it would only be used to read string input.
        assertThrows(ConfigException.class, () -> value(Map.of("target.type", "unix", "format", "qqq")));
    }

    @Test
    void formatsAndParsesTextInUtc() {
        Map<String, String> toText = Map.of("target.type", "string", "format", "yyyy-MM-dd HH:mm");
        assertEquals("2023-01-01 12:00", value(toText).apply(record(Schema.INT64_SCHEMA, NOON_2023_01_01)).value());
        Map<String, String> toUnix = Map.of("target.type", "unix", "format", "yyyy-MM-dd HH:mm");
        assertEquals(NOON_2023_01_01, value(toUnix).apply(record(Schema.STRING_SCHEMA, "2023-01-01 12:00")).value());
        assertThrows(DataException.class, () -> value(toUnix).apply(record(Schema.STRING_SCHEMA, "noon")));
    }

    @Test
    void truncatesTowardZeroWhenChangingUnixPrecision() {
        Map<String, String> toSeconds = Map.of("target.type", "unix", "unix.precision", "seconds");
        assertEquals(-1L, value(toSeconds).apply(record(Timestamp.SCHEMA, new Date(-1500L))).value());
        Map<String, String> fromMicros = Map.of("target.type", "Timestamp", "unix.precision", "microseconds");
        assertEquals(new Date(-1L), value(fromMicros).apply(record(Schema.INT64_SCHEMA, -1500L)).value());
    }

    @Test
    void dateAndTimeTargetsSplitTheInstantAtMidnightUtc() {
        SinkRecord date = value(Map.of("target.type", "Date")).apply(record(Schema.INT64_SCHEMA, -1000L));
        assertEquals(new Date(-DAY), date.value());
        SinkRecord time = value(Map.of("target.type", "Time")).apply(record(Schema.INT64_SCHEMA, -1000L));
        assertEquals(new Date(DAY - 1000L), time.value());
        assertEquals(Time.SCHEMA, time.valueSchema());
    }

    @Test
    void reusesTheUpdatedSchemaWhenConvertingAField() {
        TimestampConverter<SinkRecord> converter = value(Map.of("target.type", "Timestamp", "field", "at"));
        SinkRecord first = converter.apply(record(EVENT, new Struct(EVENT).put("id", 1).put("at", 5L)));
        SinkRecord second = converter.apply(record(EVENT, new Struct(EVENT).put("id", 2).put("at", 6L)));
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals(Timestamp.SCHEMA, second.valueSchema().field("at").schema());
        assertEquals(new Date(6L), ((Struct) second.value()).get("at"));
        assertEquals(2, ((Struct) second.value()).get("id"));
    }

    @Test
    void convertsTheFieldInAStructDefaultToo() {
        Struct structDefault = new Struct(EVENT).put("id", 0).put("at", 7L);
        Schema withDefault = new ConnectSchema(Schema.Type.STRUCT, true, structDefault, "test.Event", null, null,
                null, EVENT.fields(), null, null);
        SinkRecord out = value(Map.of("target.type", "Timestamp", "field", "at")).apply(record(withDefault, null));
        assertEquals(new Date(7L), ((Struct) out.valueSchema().defaultValue()).get("at"));
        assertNull(out.value());
    }

    @Test
    void rejectsSchemasAndValuesThatAreNotTimestamps() {
        Map<String, String> props = Map.of("target.type", "unix", "field", "id");
        assertThrows(ConnectException.class,
            () -> value(props).apply(record(EVENT, new Struct(EVENT).put("id", 1).put("at", 5L))));
        assertThrows(DataException.class, () -> value(Map.of("target.type", "unix")).apply(record(null, 5)));
    }

    @Test
    void convertsNullsToTheTargetSchemaAndLeavesSchemalessNullsAlone() {
        SinkRecord out = value(Map.of("target.type", "unix")).apply(record(TimestampConverter.OPTIONAL_TIMESTAMP_SCHEMA,
                null));
        assertEquals(Schema.OPTIONAL_INT64_SCHEMA, out.valueSchema());
        assertNull(out.value());
        SinkRecord tombstone = record(null, null);
        assertSame(tombstone, value(Map.of("target.type", "unix")).apply(tombstone));
    }

    @Test
    void convertsAFieldOfASchemalessMap() {
        Map<String, Object> map = new HashMap<>(Map.of("at", new Date(NOON_2023_01_01), "id", 1));
        Map<?, ?> out = (Map<?, ?>) value(Map.of("target.type", "unix", "field", "at")).apply(record(null, map))
                .value();
        assertEquals(Map.of("at", NOON_2023_01_01, "id", 1), out);
    }

    @Test
    void convertsTheKey() {
        TimestampConverter<SinkRecord> converter = new TimestampConverter.Key<>();
        converter.configure(Map.of("target.type", "Timestamp"));
        SinkRecord out = converter.apply(new SinkRecord("t", 0, Schema.INT64_SCHEMA, 5L, null, "v", 0L));
        assertEquals(Timestamp.SCHEMA, out.keySchema());
        assertEquals(new Date(5L), out.key());
    }
}
