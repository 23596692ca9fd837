package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampTest {

    @Test
    void schemaIsNamedVersionedInt64() {
        assertEquals(Schema.Type.INT64, Timestamp.SCHEMA.type());
        assertEquals(Timestamp.LOGICAL_NAME, Timestamp.SCHEMA.name());
        assertEquals(1, Timestamp.SCHEMA.version());
        assertEquals(Timestamp.SCHEMA, Timestamp.builder().build());
    }

    @Test
    void convertsBetweenDatesAndEpochMillis() {
        assertEquals(1672576496789L, Timestamp.fromLogical(Timestamp.SCHEMA, new java.util.Date(1672576496789L)));
        assertEquals(-5L, Timestamp.fromLogical(Timestamp.SCHEMA, new java.util.Date(-5)));
        assertEquals(new java.util.Date(77), Timestamp.toLogical(Timestamp.SCHEMA, 77L));
    }

    @Test
    void requiresATimestampSchema() {
        String message = "Requested conversion of Timestamp object but the schema does not match.";
        assertEquals(message, assertThrows(DataException.class,
            () -> Timestamp.fromLogical(Schema.INT64_SCHEMA, new java.util.Date(0))).getMessage());
        assertEquals(message, assertThrows(DataException.class,
            () -> Timestamp.toLogical(Date.SCHEMA, 0L)).getMessage());
    }
}
