package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HoistFieldTest {

    private static HoistField<SinkRecord> keyTransform() {
        HoistField<SinkRecord> transform = new HoistField.Key<>();
        transform.configure(Map.of("field", "wrapped"));
        return transform;
    }

    @Test
    void rejectsMissingField() {
        assertThrows(ConfigException.class, () -> new HoistField.Value<SinkRecord>().configure(Map.of()));
    }

    @Test
    void wrapsAValueWithSchemaInASingleFieldStruct() {
        HoistField<SinkRecord> transform = new HoistField.Value<>();
        transform.configure(Map.of("field", "wrapped"));
        SinkRecord result = transform.apply(new SinkRecord("t", 0, null, null, Schema.INT32_SCHEMA, 42, 0L));
        assertEquals(Schema.Type.STRUCT, result.valueSchema().type());
        assertSame(Schema.INT32_SCHEMA, result.valueSchema().field("wrapped").schema());
        assertEquals(42, ((Struct) result.value()).get("wrapped"));
    }

    @Test
    void wrapsSchemalessDataInASingleEntryMap() {
        SinkRecord result = keyTransform().apply(new SinkRecord("t", 0, null, "k", null, null, 0L));
        assertEquals(Collections.singletonMap("wrapped", "k"), result.key());
    }

    @Test
    void buildsTheWrapperSchemaOncePerInputSchema() {
        HoistField<SinkRecord> transform = keyTransform();
        SinkRecord first = transform.apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "a", null, null, 0L));
        SinkRecord second = transform.apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "b", null, null, 1L));
        assertSame(first.keySchema(), second.keySchema());
        assertEquals("b", ((Struct) second.key()).get("wrapped"));
    }

    @Test
    void nullForARequiredSchemaIsAnError() {
        assertThrows(DataException.class,
                () -> keyTransform().apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, null, null, null, 0L)));
    }

    @Test
    void canBeReconfiguredAfterClose() {
        HoistField<SinkRecord> transform = keyTransform();
        transform.close();
        transform.configure(Map.of("field", "other"));
        SinkRecord result = transform.apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "a", null, null, 0L));
        assertEquals("a", ((Struct) result.key()).get("other"));
    }
}
