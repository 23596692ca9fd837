package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlattenTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().optional()
            .field("city", Schema.STRING_SCHEMA)
            .field("zip", SchemaBuilder.int32().defaultValue(1000).build())
            .build();
    private static final Schema CUSTOMER = SchemaBuilder.struct().name("test.Customer")
            .field("id", Schema.INT32_SCHEMA)
            .field("address", ADDRESS)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();

    private static Flatten<SinkRecord> value(Map<String, String> props) {
        Flatten<SinkRecord> flatten = new Flatten.Value<>();
        flatten.configure(props);
        return flatten;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, null, null, schema, value, 0L);
    }

    private static Struct customer(int id, Struct address) {
        return new Struct(CUSTOMER).put("id", id).put("address", address).put("tags", List.of("a"));
    }

    @Test
    void flattensNestedStructsAndMakesFieldsBelowOptionalStructsOptional() {
        Struct address = new Struct(ADDRESS).put("city", "Utrecht").put("zip", 3511);
        SinkRecord out = value(Map.of()).apply(record(CUSTOMER, customer(1, address)));
        Schema schema = out.valueSchema();
        assertEquals("test.Customer", schema.name());
        assertEquals(List.of("id", "address.city", "address.zip", "tags"),
                schema.fields().stream().map(f -> f.name()).toList());
        assertFalse(schema.field("id").schema().isOptional());
        assertTrue(schema.field("address.city").schema().isOptional());
        assertEquals(1000, schema.field("address.zip").schema().defaultValue());
        Struct flat = (Struct) out.value();
        assertEquals("Utrecht", flat.get("address.city"));
        assertEquals(List.of("a"), flat.get("tags"));
    }

    @Test
    void reusesTheFlattenedSchemaForRecordsWithTheSameSchema() {
        Flatten<SinkRecord> flatten = value(Map.of("delimiter", "_"));
        SinkRecord first = flatten.apply(record(CUSTOMER, customer(1, null)));
        SinkRecord second = flatten.apply(record(CUSTOMER, customer(2, null)));
        assertSame(first.valueSchema(), second.valueSchema());
        assertNull(((Struct) second.value()).get("address_city"));
        assertEquals(2, ((Struct) second.value()).get("id"));
    }

    @Test
    void leavesWithoutADefaultTakeTheirValueInAnEnclosingStructDefault() {
        Schema plain = SchemaBuilder.struct().optional()
                .field("own", SchemaBuilder.int32().defaultValue(5).build())
                .field("inherited", Schema.INT32_SCHEMA)
                .build();
        Struct structDefault = new Struct(plain).put("own", 3).put("inherited", 9);
        Schema withDefault = new ConnectSchema(Schema.Type.STRUCT, true, structDefault, null, null, null, null,
                plain.fields(), null, null);
        Schema outer = SchemaBuilder.struct().field("in", withDefault).build();

        SinkRecord out = value(Map.of()).apply(record(outer, new Struct(outer)));
        assertEquals(5, out.valueSchema().field("in.own").schema().defaultValue());
        assertEquals(9, out.valueSchema().field("in.inherited").schema().defaultValue());
        // A null nested struct leaves its leaves null rather than expanding the struct default.
        assertNull(((Struct) out.value()).getWithoutDefault("in.inherited"));
    }

    @Test
    void rejectsMapsInsideStructs() {
        Schema withMap = SchemaBuilder.struct()
                .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build()).build();
        Struct value = new Struct(withMap).put("attrs", Map.of("k", "v"));
        assertThrows(DataException.class, () -> value(Map.of()).apply(record(withMap, value)));
    }

    @Test
    void flattensSchemalessMapsDroppingEmptyNestedMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", 1);
        inner.put("empty", Map.of());
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("a", inner);
        outer.put("list", List.of(Map.of("x", 1)));
        Map<?, ?> flat = (Map<?, ?>) value(Map.of("delimiter", "::")).apply(record(null, outer)).value();
        assertEquals(Map.of("a::b", 1, "list", List.of(Map.of("x", 1))), flat);
    }

    @Test
    void rejectsNonContainerValuesAndPassesNullsThrough() {
        assertThrows(DataException.class, () -> value(Map.of()).apply(record(Schema.INT32_SCHEMA, 1)));
        assertThrows(DataException.class, () -> value(Map.of()).apply(record(null, "text")));
        SinkRecord tombstone = record(ADDRESS, null);
        assertSame(tombstone, value(Map.of()).apply(tombstone));
    }

    @Test
    void flattensTheKey() {
        Flatten<SinkRecord> flatten = new Flatten.Key<>();
        flatten.configure(Map.of());
        Map<String, Object> key = Map.of("a", Map.of("b", "c"));
        SinkRecord out = flatten.apply(new SinkRecord("t", 0, null, key, null, "v", 0L));
        assertEquals(Map.of("a.b", "c"), out.key());
        assertEquals("v", out.value());
    }
}
