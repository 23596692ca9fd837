package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractFieldTest {

    private static final Schema INNER = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("inner", INNER)
            .field("a.b", Schema.STRING_SCHEMA)
            .field("withDefault", SchemaBuilder.string().optional().defaultValue("dflt").build())
            .build();
    private static final Struct VALUE = new Struct(SCHEMA).put("inner", new Struct(INNER).put("x", 7)).put("a.b", "ab");

    private static ExtractField<SinkRecord> valueTransform(Map<String, String> props) {
        ExtractField<SinkRecord> transform = new ExtractField.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
        return new SinkRecord("topic", 0, keySchema, key, valueSchema, value, 0L);
    }

    @Test
    void rejectsMissingField() {
        ConfigException e = assertThrows(ConfigException.class, () -> valueTransform(Map.of()));
        assertTrue(e.getMessage().contains("\"field\""), e.getMessage());
    }

    @Test
    void rejectsUnknownSyntaxVersion() {
        assertThrows(ConfigException.class, () -> valueTransform(Map.of("field", "a", "field.syntax.version", "V3")));
    }

    @Test
    void rejectsUnclosedBacktickInV2Path() {
        assertThrows(ConfigException.class,
                () -> valueTransform(Map.of("field", "`a.b", "field.syntax.version", "V2")));
    }

    @Test
    void v1ExtractsTheFieldNamedByTheWholePath() {
        SinkRecord result = valueTransform(Map.of("field", "a.b")).apply(record(null, null, SCHEMA, VALUE));
        assertEquals("ab", result.value());
        assertEquals(Schema.STRING_SCHEMA, result.valueSchema());
    }

    @Test
    void v2ExtractsNestedFieldsWithTheirSchema() {
        SinkRecord result = valueTransform(Map.of("field", "inner.x", "field.syntax.version", "V2"))
                .apply(record(null, null, SCHEMA, VALUE));
        assertEquals(7, result.value());
        assertSame(INNER.field("x").schema(), result.valueSchema());
    }

    @Test
    void keyVariantExtractsFromTheKeyAndKeepsTheValue() {
        ExtractField<SinkRecord> transform = new ExtractField.Key<>();
        transform.configure(Map.of("field", "inner"));
        SinkRecord result = transform.apply(record(SCHEMA, VALUE, Schema.STRING_SCHEMA, "v"));
        assertEquals(VALUE.get("inner"), result.key());
        assertSame(INNER, result.keySchema());
        assertEquals("v", result.value());
    }

    @Test
    void replaceNullWithDefaultDecidesBetweenDefaultAndNull() {
        SinkRecord input = record(null, null, SCHEMA, VALUE);
        assertEquals("dflt", valueTransform(Map.of("field", "withDefault")).apply(input).value());
        assertNull(valueTransform(Map.of("field", "withDefault", "replace.null.with.default", "false"))
                .apply(input).value());
    }

    @Test
    void schemalessExtractsMapEntriesAndPassesNullThrough() {
        Map<String, Object> value = new HashMap<>();
        value.put("k", 1);
        ExtractField<SinkRecord> transform = valueTransform(Map.of("field", "k"));
        assertEquals(1, transform.apply(record(null, null, null, value)).value());
        assertNull(transform.apply(record(null, null, null, null)).value());
    }

    @Test
    void unknownFieldWithSchemaIsAnError() {
        ExtractField<SinkRecord> transform = valueTransform(Map.of("field", "nope"));
        assertThrows(IllegalArgumentException.class, () -> transform.apply(record(null, null, SCHEMA, VALUE)));
    }

    @Test
    void nonStructValueWithSchemaIsAnError() {
        ExtractField<SinkRecord> transform = valueTransform(Map.of("field", "x"));
        assertThrows(DataException.class, () -> transform.apply(record(null, null, Schema.STRING_SCHEMA, "s")));
    }

    @Test
    void reportsTheKafkaVersion() {
        assertEquals(AppInfoParser.getVersion(), new ExtractField.Value<SinkRecord>().version());
    }
}
