package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplaceFieldTest {

    private static final Schema PERSON = SchemaBuilder.struct().name("test.Person")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("email", SchemaBuilder.string().optional().defaultValue("none").build())
            .build();

    private static ReplaceField<SinkRecord> value(Map<String, String> props) {
        ReplaceField<SinkRecord> replace = new ReplaceField.Value<>();
        replace.configure(props);
        return replace;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, null, null, schema, value, 0L);
    }

    private static Struct person(int id) {
        return new Struct(PERSON).put("id", id).put("name", "n" + id);
    }

    @Test
    void rejectsMalformedRenames() {
        for (String renames : List.of("id", "id:", "a:b:c", "id:x,", ":")) {
            assertThrows(ConfigException.class, () -> value(Map.of("renames", renames)), renames);
        }
    }

    @Test
    void rejectsBlankFieldNames() {
        assertThrows(ConfigException.class, () -> value(Map.of("exclude", "a,,b")));
        assertThrows(ConfigException.class, () -> value(Map.of("include", "a, ")));
    }

    @Test
    void excludeWinsOverIncludeAndRenamesApplyToKeptFields() {
        SinkRecord out = value(Map.of("include", "id,name,email", "exclude", "email", "renames", "name:fullName"))
                .apply(record(PERSON, person(1)));
        assertEquals(List.of("id", "fullName"), out.valueSchema().fields().stream().map(f -> f.name()).toList());
        assertEquals("n1", ((Struct) out.value()).get("fullName"));
        assertEquals("test.Person", out.valueSchema().name());
    }

    @Test
    void reusesTheUpdatedSchemaForRecordsWithTheSameSchema() {
        ReplaceField<SinkRecord> replace = value(Map.of("renames", "id:personId"));
        SinkRecord first = replace.apply(record(PERSON, person(1)));
        SinkRecord second = replace.apply(record(PERSON, person(2)));
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals(2, ((Struct) second.value()).get("personId"));
    }

    @Test
    void nullFieldsReadTheirDefaultUnlessDisabled() {
        assertEquals("none", ((Struct) value(Map.of()).apply(record(PERSON, person(1))).value())
                .getWithoutDefault("email"));
        assertNull(((Struct) value(Map.of("replace.null.with.default", "false")).apply(record(PERSON, person(1)))
                .value()).getWithoutDefault("email"));
    }

    @Test
    void renamingOntoAnExistingFieldIsASchemaError() {
        assertThrows(SchemaBuilderException.class,
            () -> value(Map.of("renames", "id:name")).apply(record(PERSON, person(1))));
    }

    @Test
    void filtersAndRenamesSchemalessMaps() {
        Map<String, Object> map = new HashMap<>(Map.of("id", 1, "name", "n", "email", "e"));
        Map<?, ?> out = (Map<?, ?>) value(Map.of("exclude", "email", "renames", "id:key")).apply(record(null, map))
                .value();
        assertEquals(Map.of("key", 1, "name", "n"), out);
    }

    @Test
    void rejectsNonContainerValuesAndPassesNullsThrough() {
        assertThrows(DataException.class, () -> value(Map.of()).apply(record(Schema.STRING_SCHEMA, "text")));
        assertThrows(DataException.class, () -> value(Map.of()).apply(record(null, "text")));
        SinkRecord tombstone = record(PERSON, null);
        assertSame(tombstone, value(Map.of()).apply(tombstone));
    }

    @Test
    void replacesFieldsOfTheKey() {
        ReplaceField<SinkRecord> replace = new ReplaceField.Key<>();
        replace.configure(Map.of("include", "id"));
        SinkRecord out = replace.apply(new SinkRecord("t", 0, PERSON, person(3), null, "v", 0L));
        assertEquals(List.of("id"), out.keySchema().fields().stream().map(f -> f.name()).toList());
        assertEquals(3, ((Struct) out.key()).get("id"));
    }
}
