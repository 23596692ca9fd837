package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeTest {

    private static final int DAY = 24 * 60 * 60 * 1000;

    @Test
    void schemaIsNamedVersionedInt32() {
        assertEquals(Schema.Type.INT32, Time.SCHEMA.type());
        assertEquals(Time.LOGICAL_NAME, Time.SCHEMA.name());
        assertEquals(1, Time.SCHEMA.version());
        assertEquals(Time.SCHEMA, Time.builder().build());
    }

    @Test
    void convertsBetweenDatesAndMillisOfDay() {
        assertEquals(0, Time.fromLogical(Time.SCHEMA, new java.util.Date(0)));
        assertEquals(1234, Time.fromLogical(Time.SCHEMA, new java.util.Date(1234)));
        assertEquals(DAY - 1, Time.fromLogical(Time.SCHEMA, new java.util.Date(DAY - 1)));
        assertEquals(new java.util.Date(1234), Time.toLogical(Time.SCHEMA, 1234));
    }

    @Test
    void endOfDayIsAcceptedAsInTheReference() {
        assertEquals(DAY, Time.fromLogical(Time.SCHEMA, new java.util.Date(DAY)));
        assertEquals(new java.util.Date(DAY), Time.toLogical(Time.SCHEMA, DAY));
    }

    @Test
    void rejectsDatesOtherThanTheEpochDay() {
        String message = "Kafka Connect Time type should not have any date fields set to non-zero values.";
        assertEquals(message, assertThrows(DataException.class,
            () -> Time.fromLogical(Time.SCHEMA, new java.util.Date(DAY + 1L))).getMessage());
        assertEquals(message, assertThrows(DataException.class,
            () -> Time.fromLogical(Time.SCHEMA, new java.util.Date(-1))).getMessage());
    }

    @Test
    void rejectsMillisOutsideOneDay() {
        String message = "Time values must use number of milliseconds greater than 0 and less than 86400000";
        assertEquals(message, assertThrows(DataException.class, () -> Time.toLogical(Time.SCHEMA, -1)).getMessage());
        assertEquals(message, assertThrows(DataException.class,
            () -> Time.toLogical(Time.SCHEMA, DAY + 1)).getMessage());
    }

    @Test
    void requiresATimeSchema() {
        assertEquals("Requested conversion of Time object but the schema does not match.",
            assertThrows(DataException.class,
                () -> Time.fromLogical(Schema.INT32_SCHEMA, new java.util.Date(0))).getMessage());
        assertThrows(DataException.class, () -> Time.toLogical(Date.SCHEMA, 0));
    }
}
