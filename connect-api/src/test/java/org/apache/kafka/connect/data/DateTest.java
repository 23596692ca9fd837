package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateTest {

    private static final long DAY = 24 * 60 * 60 * 1000L;

    @Test
    void schemaIsNamedVersionedInt32() {
        assertEquals(Schema.Type.INT32, Date.SCHEMA.type());
        assertEquals(Date.LOGICAL_NAME, Date.SCHEMA.name());
        assertEquals(1, Date.SCHEMA.version());
        assertNull(Date.SCHEMA.parameters());
        assertEquals(Date.SCHEMA, Date.builder().build());
        assertTrue(Date.builder().optional().build().isOptional());
    }

    @Test
    void convertsMidnightsToDaysSinceEpoch() {
        assertEquals(0, Date.fromLogical(Date.SCHEMA, new java.util.Date(0)));
        assertEquals(3, Date.fromLogical(Date.SCHEMA, new java.util.Date(3 * DAY)));
        assertEquals(-3, Date.fromLogical(Date.SCHEMA, new java.util.Date(-3 * DAY)));
    }

    @Test
    void convertsDaysToMidnights() {
        assertEquals(new java.util.Date(3 * DAY), Date.toLogical(Date.SCHEMA, 3));
        assertEquals(new java.util.Date(-3 * DAY), Date.toLogical(Date.SCHEMA, -3));
    }

    @Test
    void rejectsTimeOfDay() {
        String message = "Kafka Connect Date type should not have any time fields set to non-zero values.";
        assertEquals(message, assertThrows(DataException.class,
            () -> Date.fromLogical(Date.SCHEMA, new java.util.Date(DAY + 1))).getMessage());
        assertEquals(message, assertThrows(DataException.class,
            () -> Date.fromLogical(Date.SCHEMA, new java.util.Date(-1))).getMessage());
    }

    @Test
    void requiresADateSchema() {
        String message = "Requested conversion of Date object but the schema does not match.";
        assertEquals(message, assertThrows(DataException.class,
            () -> Date.fromLogical(Schema.INT32_SCHEMA, new java.util.Date(0))).getMessage());
        assertEquals(message, assertThrows(DataException.class,
            () -> Date.toLogical(Time.SCHEMA, 1)).getMessage());
    }
}
