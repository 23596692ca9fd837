package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueToKeyTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().name("test.Person")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("tag", SchemaBuilder.string().optional().defaultValue("none").build())
            .build();

    private static final Schema ADDRESS_SCHEMA = SchemaBuilder.struct().name("test.Address")
            .field("city", Schema.STRING_SCHEMA)
            .field("zip.code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("country", SchemaBuilder.string().optional().defaultValue("NL").build())
            .build();
    private static final Schema NESTED_SCHEMA = SchemaBuilder.struct().name("test.Customer")
            .field("id", Schema.INT32_SCHEMA)
            .field("address", ADDRESS_SCHEMA)
            .field("home.office", SchemaBuilder.struct().optional()
                    .field("city", Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
            .build();

    private static ValueToKey<SinkRecord> configured(Map<String, String> props) {
        ValueToKey<SinkRecord> transform = new ValueToKey<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord withValue(Schema schema, Object value) {
        return new SinkRecord("t", 0, Schema.STRING_SCHEMA, "old", schema, value, 0L);
    }

    @Test
    void rejectsMissingEmptyOrBlankFields() {
        assertThrows(ConfigException.class, () -> configured(Map.of()));
        assertThrows(ConfigException.class, () -> configured(Map.of("fields", "")));
        assertThrows(ConfigException.class, () -> configured(Map.of("fields", "id,,name")));
    }

    @Test
    void buildsAStructKeyInConfiguredOrderAndCachesItsSchema() {
        ValueToKey<SinkRecord> transform = configured(Map.of("fields", "name,id"));
        SinkRecord first = transform.apply(withValue(SCHEMA, new Struct(SCHEMA).put("id", 1).put("name", "a")));
        SinkRecord second = transform.apply(withValue(SCHEMA, new Struct(SCHEMA).put("id", 2).put("name", "b")));

        assertEquals(List.of("name", "id"), first.keySchema().fields().stream().map(f -> f.name()).toList());
        assertNull(first.keySchema().name());
        assertSame(first.keySchema(), second.keySchema());
        assertEquals(2, ((Struct) second.key()).get("id"));
        assertSame(SCHEMA, second.valueSchema());
    }

    @Test
    void replaceNullWithDefaultDecidesHowNullFieldsAreCopied() {
        Struct value = new Struct(SCHEMA).put("id", 1).put("name", "a");
        assertEquals("none", ((Struct) configured(Map.of("fields", "tag")).apply(withValue(SCHEMA, value)).key())
                .getWithoutDefault("tag"));
        Struct key = (Struct) configured(Map.of("fields", "tag", "replace.null.with.default", "false"))
                .apply(withValue(SCHEMA, value)).key();
        assertNull(key.getWithoutDefault("tag"));
    }

    @Test
    void buildsAMapKeyForSchemalessValues() {
        Map<String, Object> value = new HashMap<>();
        value.put("id", 1);
        value.put("name", "a");
        SinkRecord result = configured(Map.of("fields", "id,missing")).apply(withValue(null, value));
        Map<String, Object> expected = new HashMap<>();
        expected.put("id", 1);
        expected.put("missing", null);
        assertEquals(expected, result.key());
        assertNull(result.keySchema());
    }

    @Test
    void fieldMissingFromTheSchemaIsAnError() {
        ValueToKey<SinkRecord> transform = configured(Map.of("fields", "nope"));
        assertThrows(DataException.class,
                () -> transform.apply(withValue(SCHEMA, new Struct(SCHEMA).put("id", 1).put("name", "a"))));
    }

    @Test
    void nullValueIsAnError() {
        assertThrows(DataException.class, () -> configured(Map.of("fields", "id")).apply(withValue(null, null)));
    }

    private static ValueToKey<SinkRecord> configuredV2(String fields) {
        return configured(Map.of("fields", fields, "field.syntax.version", "V2"));
    }

    private static Struct customer(int id, String city) {
        return new Struct(NESTED_SCHEMA)
                .put("id", id)
                .put("address", new Struct(ADDRESS_SCHEMA).put("city", city).put("zip.code", "1011"));
    }

    @Test
    void syntaxVersionDefaultsToV1WhereDotsArePartOfTheFieldName() {
        Schema dotted = SchemaBuilder.struct().field("a.b", Schema.INT32_SCHEMA).build();
        SinkRecord record = withValue(dotted, new Struct(dotted).put("a.b", 7));
        assertEquals(7, ((Struct) configured(Map.of("fields", "a.b")).apply(record).key()).get("a.b"));
        assertThrows(DataException.class, () -> configuredV2("a.b").apply(record));
    }

    @Test
    void rejectsUnknownSyntaxVersionsAndMalformedV2Paths() {
        assertThrows(ConfigException.class,
                () -> configured(Map.of("fields", "id", "field.syntax.version", "V3")));
        assertThrows(ConfigException.class, () -> configuredV2("`address.city"));
        assertEquals("V1", ValueToKey.CONFIG_DEF.configKeys().get("field.syntax.version").defaultValue);
    }

    @Test
    void v2PathsReachIntoNestedStructsAndNameKeyFieldsByThePathText() {
        SinkRecord result = configuredV2("address.city,id,`home.office`.city,address.`zip.code`")
                .apply(withValue(NESTED_SCHEMA, customer(1, "Delft").put("home.office",
                        new Struct(NESTED_SCHEMA.field("home.office").schema()).put("city", "Gouda"))));

        Schema keySchema = result.keySchema();
        assertEquals(List.of("address.city", "id", "`home.office`.city", "address.`zip.code`"),
                keySchema.fields().stream().map(f -> f.name()).toList());
        assertSame(Schema.STRING_SCHEMA, keySchema.field("address.city").schema());
        assertSame(Schema.OPTIONAL_STRING_SCHEMA, keySchema.field("address.`zip.code`").schema());
        Struct key = (Struct) result.key();
        assertEquals("Delft", key.get("address.city"));
        assertEquals(1, key.get("id"));
        assertEquals("Gouda", key.get("`home.office`.city"));
        assertEquals("1011", key.get("address.`zip.code`"));
    }

    @Test
    void v2PathCanCopyAWholeNestedStruct() {
        Struct value = customer(1, "Delft");
        SinkRecord result = configuredV2("address").apply(withValue(NESTED_SCHEMA, value));
        assertSame(ADDRESS_SCHEMA, result.keySchema().field("address").schema());
        assertSame(value.getStruct("address"), ((Struct) result.key()).get("address"));
    }

    @Test
    void v2NestedFieldUnderANullOptionalParentIsCopiedAsNull() {
        SinkRecord result = configuredV2("`home.office`.city").apply(withValue(NESTED_SCHEMA, customer(1, "Delft")));
        assertNull(((Struct) result.key()).get("`home.office`.city"));
    }

    @Test
    void v2NestedFieldHonoursReplaceNullWithDefault() {
        Struct value = customer(1, "Delft");
        assertEquals("NL", ((Struct) configuredV2("address.country").apply(withValue(NESTED_SCHEMA, value)).key())
                .getWithoutDefault("address.country"));
        Struct key = (Struct) configured(Map.of("fields", "address.country", "field.syntax.version", "V2",
                "replace.null.with.default", "false")).apply(withValue(NESTED_SCHEMA, value)).key();
        assertNull(key.getWithoutDefault("address.country"));
    }

    @Test
    void v2MissingNestedFieldIsAnErrorLikeAMissingTopLevelField() {
        SinkRecord record = withValue(NESTED_SCHEMA, customer(1, "Delft"));
        for (String path : List.of("address.street", "nope.city", "id.city", "`address.city`")) {
            DataException e = assertThrows(DataException.class, () -> configuredV2(path).apply(record), path);
            if (!path.equals("id.city")) {
                assertEquals("Field does not exist: " + path, e.getMessage());
            }
        }
    }

    @Test
    void v2KeySchemaIsCachedPerValueSchema() {
        ValueToKey<SinkRecord> transform = configuredV2("address.city,id");
        SinkRecord first = transform.apply(withValue(NESTED_SCHEMA, customer(1, "Delft")));
        SinkRecord second = transform.apply(withValue(NESTED_SCHEMA, customer(2, "Leiden")));
        assertSame(first.keySchema(), second.keySchema());
        assertEquals("Leiden", ((Struct) second.key()).get("address.city"));

        Schema otherAddress = SchemaBuilder.struct().field("city", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema otherSchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("address", otherAddress)
                .build();
        SinkRecord third = transform.apply(withValue(otherSchema,
                new Struct(otherSchema).put("id", 3).put("address", new Struct(otherAddress).put("city", "Ede"))));
        assertNotSame(first.keySchema(), third.keySchema());
        assertSame(Schema.OPTIONAL_STRING_SCHEMA, third.keySchema().field("address.city").schema());
        assertEquals("Ede", ((Struct) third.key()).get("address.city"));
    }

    @Test
    void v2PathsReachIntoNestedSchemalessMaps() {
        Map<String, Object> office = new HashMap<>();
        office.put("city", "Gouda");
        Map<String, Object> value = new HashMap<>();
        value.put("id", 1);
        value.put("address", Map.of("city", "Delft"));
        value.put("home.office", office);
        value.put("empty", null);

        SinkRecord result = configuredV2("address.city,`home.office`.city,address.street,nope.city,empty.city")
                .apply(withValue(null, value));

        Map<String, Object> expected = new HashMap<>();
        expected.put("address.city", "Delft");
        expected.put("`home.office`.city", "Gouda");
        expected.put("address.street", null);
        expected.put("nope.city", null);
        expected.put("empty.city", null);
        assertEquals(expected, result.key());
        assertNull(result.keySchema());
    }

    @Test
    void v2SchemalessParentThatIsNotAMapIsAnError() {
        assertThrows(DataException.class,
                () -> configuredV2("id.city").apply(withValue(null, new HashMap<>(Map.of("id", 1)))));
    }
}
