package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetSchemaMetadataTest {

    private static final Schema INNER = SchemaBuilder.struct().name("test.Inner")
            .field("x", Schema.INT32_SCHEMA).build();
    private static final Schema OUTER = SchemaBuilder.struct().name("test.Outer").version(1).doc("outer")
            .parameter("p", "q")
            .field("id", Schema.INT32_SCHEMA)
            .field("inner", INNER)
            .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
            .build();

    private static SetSchemaMetadata<SinkRecord> value(Map<String, String> props) {
        SetSchemaMetadata<SinkRecord> transform = new SetSchemaMetadata.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, null, null, schema, value, 0L);
    }

    private static Struct outer(int id) {
        return new Struct(OUTER).put("id", id).put("inner", new Struct(INNER).put("x", id));
    }

    @Test
    void rejectsAConfigurationThatChangesNothing() {
        assertThrows(ConfigException.class, () -> value(Map.of()));
    }

    @Test
    void rejectsANonIntegerVersion() {
        assertThrows(ConfigException.class, () -> value(Map.of("schema.version", "1.5")));
    }

    @Test
    void setsNameAndVersionKeepingEverythingElse() {
        SinkRecord out = value(Map.of("schema.name", "test.Renamed", "schema.version", "7"))
                .apply(record(OUTER, outer(1)));
        Schema schema = out.valueSchema();
        assertEquals("test.Renamed", schema.name());
        assertEquals(7, schema.version());
        assertEquals("outer", schema.doc());
        assertEquals(Map.of("p", "q"), schema.parameters());
        assertEquals(OUTER.fields(), schema.fields());
        Struct struct = (Struct) out.value();
        assertSame(schema, struct.schema());
        assertEquals(1, struct.getStruct("inner").get("x"));
    }

    @Test
    void keepsTheCurrentNameWhenOnlyTheVersionIsSet() {
        SinkRecord out = value(Map.of("schema.version", "3")).apply(record(OUTER, outer(1)));
        assertEquals("test.Outer", out.valueSchema().name());
        assertEquals(3, out.valueSchema().version());
    }

    @Test
    void reusesTheUpdatedSchemaForRecordsWithTheSameSchema() {
        SetSchemaMetadata<SinkRecord> transform = value(Map.of("schema.name", "test.Renamed"));
        SinkRecord first = transform.apply(record(OUTER, outer(1)));
        SinkRecord second = transform.apply(record(OUTER, outer(2)));
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals(2, ((Struct) second.value()).get("id"));
    }

    @Test
    void rebindingReadsDefaultsUnlessDisabled() {
        assertEquals("none", ((Struct) value(Map.of("schema.version", "2")).apply(record(OUTER, outer(1))).value())
                .getWithoutDefault("note"));
        Map<String, String> keepNulls = Map.of("schema.version", "2", "replace.null.with.default", "false");
        assertNull(((Struct) value(keepNulls).apply(record(OUTER, outer(1))).value()).getWithoutDefault("note"));
    }

    @Test
    void rejectsNonStructSchemasAndSchemalessData() {
        Map<String, String> props = Map.of("schema.name", "n");
        assertThrows(DataException.class, () -> value(props).apply(record(Schema.INT32_SCHEMA, 5)));
        assertThrows(DataException.class, () -> value(props).apply(record(null, Map.of("a", 1))));
        SinkRecord tombstone = record(null, null);
        assertSame(tombstone, value(props).apply(tombstone));
    }

    @Test
    void updatesAnOptionalStructSchemaEvenForANullValue() {
        Schema optional = SchemaBuilder.struct().optional().field("x", Schema.INT32_SCHEMA).build();
        SinkRecord out = value(Map.of("schema.name", "n")).apply(record(optional, null));
        assertEquals("n", out.valueSchema().name());
        assertTrue(out.valueSchema().isOptional());
        assertNull(out.value());
    }

    @Test
    void carriesAStructDefaultOver() {
        Schema plain = SchemaBuilder.struct().optional().field("x", Schema.INT32_SCHEMA).build();
        Struct structDefault = new Struct(plain).put("x", 1);
        Schema withDefault = new ConnectSchema(Schema.Type.STRUCT, true, structDefault, "old", null, null, null,
                plain.fields(), null, null);
        SinkRecord out = value(Map.of("schema.name", "new")).apply(record(withDefault, null));
        assertEquals("new", out.valueSchema().name());
        assertSame(structDefault, out.valueSchema().defaultValue());
    }

    @Test
    void updatesTheKeySchema() {
        SetSchemaMetadata<SinkRecord> transform = new SetSchemaMetadata.Key<>();
        transform.configure(Map.of("schema.name", "test.Key"));
        SinkRecord out = transform.apply(new SinkRecord("t", 0, OUTER, outer(4), null, "v", 0L));
        assertEquals("test.Key", out.keySchema().name());
        assertSame(out.keySchema(), ((Struct) out.key()).schema());
        assertEquals("v", out.value());
    }
}
