package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderFromTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().name("test.Person")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static HeaderFrom<SinkRecord> valueTransform(Map<String, String> props) {
        HeaderFrom<SinkRecord> transform = new HeaderFrom.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord withValue(Schema schema, Object value) {
        return new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", schema, value, 0L);
    }

    private static Struct person(int id) {
        return new Struct(SCHEMA).put("id", id).put("name", "n" + id);
    }

    private static Map<String, String> props(String fields, String headers, String operation) {
        return Map.of("fields", fields, "headers", headers, "operation", operation);
    }

    @Test
    void rejectsMissingSettings() {
        assertThrows(ConfigException.class, () -> valueTransform(Map.of("headers", "h", "operation", "copy")));
        assertThrows(ConfigException.class, () -> valueTransform(Map.of("fields", "f", "operation", "copy")));
        assertThrows(ConfigException.class, () -> valueTransform(Map.of("fields", "f", "headers", "h")));
    }

    @Test
    void rejectsEmptyLists() {
        assertThrows(ConfigException.class, () -> valueTransform(props("", "h", "copy")));
        assertThrows(ConfigException.class, () -> valueTransform(props("f", "", "copy")));
    }

    @Test
    void rejectsFieldsAndHeadersOfDifferentLengths() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> valueTransform(props("a,b", "h", "copy")));
        assertTrue(e.getMessage().contains("same number of elements"), e.getMessage());
    }

    @Test
    void rejectsUnknownOperationsCaseSensitively() {
        assertThrows(ConfigException.class, () -> valueTransform(props("a", "h", "cut")));
        assertThrows(ConfigException.class, () -> valueTransform(props("a", "h", "COPY")));
    }

    @Test
    void copyAddsHeadersWithTheFieldSchemasAndKeepsTheValue() {
        Struct value = person(1);
        SinkRecord result = valueTransform(props("id,name", "hid,hname", "copy"))
                .apply(withValue(SCHEMA, value));

        Header id = result.headers().lastWithName("hid");
        assertEquals(Schema.INT32_SCHEMA, id.schema());
        assertEquals(1, id.value());
        assertEquals("n1", result.headers().lastWithName("hname").value());
        assertSame(value, result.value());
        assertSame(SCHEMA, result.valueSchema());
    }

    @Test
    void moveRemovesTheFieldsAndReusesTheReducedSchema() {
        HeaderFrom<SinkRecord> transform = valueTransform(props("id", "hid", "move"));
        SinkRecord first = transform.apply(withValue(SCHEMA, person(1)));
        SinkRecord second = transform.apply(withValue(SCHEMA, person(2)));

        assertEquals(List.of("name", "email"), first.valueSchema().fields().stream().map(f -> f.name()).toList());
        assertEquals("test.Person", first.valueSchema().name());
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals("n2", ((Struct) second.value()).get("name"));
        assertEquals(2, second.headers().lastWithName("hid").value());
    }

    @Test
    void moveOnSchemalessDataRemovesMapEntries() {
        Map<String, Object> value = new HashMap<>();
        value.put("id", 1);
        value.put("name", "n");
        SinkRecord result = valueTransform(props("id,missing", "hid,hm", "move"))
                .apply(withValue(null, value));
        assertEquals(Map.of("name", "n"), result.value());
        assertNull(result.headers().lastWithName("hid").schema());
        assertEquals(1, result.headers().lastWithName("hid").value());
        assertNull(result.headers().lastWithName("hm").value());
        assertEquals(2, value.size());
    }

    @Test
    void fieldMissingFromTheSchemaIsAnError() {
        HeaderFrom<SinkRecord> transform = valueTransform(props("nope", "h", "copy"));
        assertThrows(NullPointerException.class, () -> transform.apply(withValue(SCHEMA, person(1))));
    }

    @Test
    void keyVariantReadsTheKey() {
        HeaderFrom<SinkRecord> transform = new HeaderFrom.Key<>();
        transform.configure(props("id", "h", "copy"));
        SinkRecord record = new SinkRecord("t", 0, SCHEMA, person(5), null, null, 0L);
        assertEquals(5, transform.apply(record).headers().lastWithName("h").value());
        assertThrows(DataException.class,
                () -> transform.apply(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", null, null, 0L)));
    }
}
