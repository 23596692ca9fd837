package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsertFieldTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().name("test.Value").version(2)
            .field("id", Schema.INT32_SCHEMA)
            .field("opt", SchemaBuilder.string().optional().defaultValue("dflt").build())
            .build();

    private static InsertField<SinkRecord> valueTransform(Map<String, String> props) {
        InsertField<SinkRecord> transform = new InsertField.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord sinkRecord(Object value, long offset) {
        return new SinkRecord("topic", 3, null, null, value instanceof Struct ? SCHEMA : null, value, offset,
                1000L, TimestampType.CREATE_TIME);
    }

    @Test
    void rejectsConfigWithoutAnyFieldToInsert() {
        ConfigException e = assertThrows(ConfigException.class, () -> valueTransform(Map.of()));
        assertTrue(e.getMessage().contains("No field insertion configured"), e.getMessage());
        assertThrows(ConfigException.class, () -> valueTransform(Map.of("static.value", "v")));
    }

    @Test
    void rejectsStaticFieldWithoutStaticValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> valueTransform(Map.of("static.field", "s")));
        assertTrue(e.getMessage().contains("static.value"), e.getMessage());
    }

    @Test
    void rejectsNonBooleanReplaceNullWithDefault() {
        assertThrows(ConfigException.class,
                () -> valueTransform(Map.of("topic.field", "t", "replace.null.with.default", "maybe")));
    }

    @Test
    void extendsTheStructSchemaKeepingItsNameAndVersion() {
        InsertField<SinkRecord> transform = valueTransform(Map.of("topic.field", "topic!", "partition.field", "p",
                "offset.field", "o", "timestamp.field", "ts", "static.field", "s", "static.value", "v"));
        SinkRecord result = transform.apply(sinkRecord(new Struct(SCHEMA).put("id", 1), 42L));

        Schema schema = result.valueSchema();
        assertEquals("test.Value", schema.name());
        assertEquals(2, schema.version());
        assertFalse(schema.field("topic").schema().isOptional());
        assertTrue(schema.field("p").schema().isOptional());
        assertEquals(Timestamp.LOGICAL_NAME, schema.field("ts").schema().name());

        Struct value = (Struct) result.value();
        assertEquals(1, value.get("id"));
        assertEquals("topic", value.get("topic"));
        assertEquals(3, value.get("p"));
        assertEquals(42L, value.get("o"));
        assertEquals(new Date(1000L), value.get("ts"));
        assertEquals("v", value.get("s"));
    }

    @Test
    void buildsTheExtendedSchemaOncePerInputSchema() {
        InsertField<SinkRecord> transform = valueTransform(Map.of("topic.field", "topic"));
        SinkRecord first = transform.apply(sinkRecord(new Struct(SCHEMA).put("id", 1), 1L));
        SinkRecord second = transform.apply(sinkRecord(new Struct(SCHEMA).put("id", 2), 2L));
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals(2, ((Struct) second.value()).get("id"));
    }

    @Test
    void replaceNullWithDefaultDecidesHowNullFieldsAreCopied() {
        Struct original = new Struct(SCHEMA).put("id", 1);
        InsertField<SinkRecord> replacing = valueTransform(Map.of("topic.field", "t"));
        InsertField<SinkRecord> keepingNull =
                valueTransform(Map.of("topic.field", "t", "replace.null.with.default", "false"));
        Struct withDefault = (Struct) replacing.apply(sinkRecord(original, 0L)).value();
        assertEquals("dflt", withDefault.getWithoutDefault("opt"));
        Struct withoutDefault = (Struct) keepingNull.apply(sinkRecord(original, 0L)).value();
        assertNull(withoutDefault.getWithoutDefault("opt"));
    }

    @Test
    void addsEntriesToSchemalessMapsWithoutTouchingTheOriginal() {
        Map<String, Object> original = new HashMap<>();
        original.put("id", 1);
        InsertField<SinkRecord> transform = valueTransform(Map.of("topic.field", "t", "timestamp.field", "ts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) transform.apply(sinkRecord(original, 0L)).value();
        assertEquals(Map.of("id", 1, "t", "topic", "ts", 1000L), value);
        assertEquals(Map.of("id", 1), original);
    }

    @Test
    void passesNullValuesThrough() {
        SinkRecord tombstone = sinkRecord(null, 0L);
        assertSame(tombstone, valueTransform(Map.of("topic.field", "t")).apply(tombstone));
    }

    @Test
    void offsetRequiresASinkRecord() {
        InsertField<SourceRecord> transform = new InsertField.Value<>();
        transform.configure(Map.of("offset.field", "o"));
        SourceRecord source = new SourceRecord(null, null, "t", 0, SCHEMA, new Struct(SCHEMA).put("id", 1));
        assertThrows(DataException.class, () -> transform.apply(source));
    }

    @Test
    void metadataMissingFromTheRecordIsLeftUnset() {
        InsertField<SourceRecord> transform = new InsertField.Value<>();
        transform.configure(Map.of("partition.field", "p", "timestamp.field", "ts"));
        SourceRecord source = new SourceRecord(null, null, "t", null, SCHEMA, new Struct(SCHEMA).put("id", 1));
        Struct value = (Struct) transform.apply(source).value();
        assertNull(value.get("p"));
        assertNull(value.get("ts"));
    }
}
