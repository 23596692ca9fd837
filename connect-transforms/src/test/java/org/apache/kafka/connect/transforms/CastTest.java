package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastTest {

    private static final Schema PERSON = SchemaBuilder.struct().name("test.Person").version(2)
            .field("id", Schema.INT32_SCHEMA)
            .field("score", SchemaBuilder.float64().optional().defaultValue(1.5).build())
            .field("name", Schema.STRING_SCHEMA)
            .build();

    private static Cast<SinkRecord> value(String spec) {
        Cast<SinkRecord> cast = new Cast.Value<>();
        cast.configure(Map.of(Cast.SPEC_CONFIG, spec));
        return cast;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, Schema.STRING_SCHEMA, "key", schema, value, 0L);
    }

    private static Struct person(int id) {
        return new Struct(PERSON).put("id", id).put("score", 2.5).put("name", "n" + id);
    }

    @Test
    void rejectsMissingOrEmptySpec() {
        assertThrows(ConfigException.class, () -> new Cast.Value<SinkRecord>().configure(Map.of()));
        assertThrows(ConfigException.class, () -> value(""));
    }

    @Test
    void rejectsMalformedEntries() {
        assertThrows(ConfigException.class, () -> value("a:int32:x"));
        assertThrows(ConfigException.class, () -> value("a:int32,int64"));
        assertThrows(ConfigException.class, () -> value("int32,a:string"));
    }

    @Test
    void rejectsUnknownAndUnsupportedTargetTypes() {
        for (String spec : List.of("a:date", "a", "a:bytes", "struct", "array", "a:map", "a:")) {
            assertThrows(ConfigException.class, () -> value(spec), spec);
        }
    }

    @Test
    void validatorReportsSpecErrorsWithoutConfiguring() {
        Map<String, ConfigValue> results = new HashMap<>();
        for (ConfigValue result : Cast.CONFIG_DEF.validate(Map.of(Cast.SPEC_CONFIG, "a:float128"))) {
            results.put(result.name(), result);
        }
        assertFalse(results.get(Cast.SPEC_CONFIG).errorMessages().isEmpty());
    }

    @Test
    void acceptsUpperCaseTypesAndLetsTheLastEntryForAFieldWin() {
        SinkRecord out = value("id:INT64,id:string").apply(record(PERSON, person(7)));
        assertEquals("7", ((Struct) out.value()).get("id"));
        assertEquals(Schema.Type.STRING, out.valueSchema().field("id").schema().type());
    }

    @Test
    void reusesTheCastSchemaForRecordsWithTheSameSchema() {
        Cast<SinkRecord> cast = value("id:int64,score:string");
        SinkRecord first = cast.apply(record(PERSON, person(1)));
        SinkRecord second = cast.apply(record(PERSON, person(2)));
        assertSame(first.valueSchema(), second.valueSchema());
        assertEquals(2L, ((Struct) second.value()).get("id"));
        assertEquals("2.5", ((Struct) second.value()).get("score"));
        // The cast field keeps its optionality and gets its default value cast as well.
        Schema score = second.valueSchema().field("score").schema();
        assertTrue(score.isOptional());
        assertEquals("1.5", score.defaultValue());
        assertEquals("test.Person", second.valueSchema().name());
    }

    @Test
    void wholeValueCastKeepsSchemaMetadata() {
        Schema decimal = Decimal.schema(2);
        SinkRecord out = value("float64").apply(record(decimal, new BigDecimal("12.34")));
        assertEquals(12.34, out.value());
        assertEquals(Schema.Type.FLOAT64, out.valueSchema().type());
        assertEquals(Decimal.LOGICAL_NAME, out.valueSchema().name());
    }

    @Test
    void rejectsStructSchemasWithAStructDefault() {
        Struct structDefault = person(0);
        Schema withDefault = new ConnectSchema(Schema.Type.STRUCT, false, structDefault, "test.Person", 2, null,
                null, PERSON.fields(), null, null);
        Struct value = new Struct(withDefault).put("id", 1).put("name", "n");
        assertThrows(DataException.class, () -> value("id:int64").apply(record(withDefault, value)));
    }

    @Test
    void castsLogicalTemporalValuesThroughTheirRawForm() {
        SinkRecord out = value("int32").apply(record(Timestamp.SCHEMA, new Date(1000L)));
        assertEquals(1000, out.value());
    }

    @Test
    void numbersBecomeTrueOnlyWhenTheirIntegralPartIsNonZero() {
        assertEquals(false, value("boolean").apply(record(Schema.FLOAT64_SCHEMA, 0.5)).value());
        assertEquals(true, value("boolean").apply(record(Schema.INT64_SCHEMA, 1L << 32)).value());
    }

    @Test
    void unparsableStringsAreDataErrors() {
        assertThrows(DataException.class, () -> value("int8").apply(record(Schema.STRING_SCHEMA, "300")));
        assertThrows(DataException.class, () -> value("int32").apply(record(null, "1.5")));
    }

    @Test
    void schemalessMapsGetEveryListedFieldEvenWhenAbsent() {
        Map<String, Object> map = new HashMap<>(Map.of("a", 5, "b", true));
        SinkRecord out = value("a:string,missing:int8").apply(record(null, map));
        Map<?, ?> result = (Map<?, ?>) out.value();
        assertEquals("5", result.get("a"));
        assertEquals(true, result.get("b"));
        assertTrue(result.containsKey("missing"));
        assertNull(result.get("missing"));
    }

    @Test
    void castsTheKeyAndPassesNullsThrough() {
        Cast<SinkRecord> cast = new Cast.Key<>();
        cast.configure(Map.of(Cast.SPEC_CONFIG, "string"));
        SinkRecord out = cast.apply(new SinkRecord("t", 0, Schema.INT64_SCHEMA, 9L, null, null, 0L));
        assertEquals("9", out.key());
        assertEquals(Schema.Type.STRING, out.keySchema().type());

        SinkRecord tombstone = record(Schema.OPTIONAL_INT32_SCHEMA, null);
        assertSame(tombstone, value("int64").apply(tombstone));
    }

    @Test
    void reportsTheKafkaVersionAndCanBeReconfiguredAfterClose() {
        Cast<SinkRecord> cast = value("int64");
        assertEquals(AppInfoParser.getVersion(), cast.version());
        cast.close();
        cast.configure(Map.of(Cast.SPEC_CONFIG, "int16"));
        assertEquals((short) 3, cast.apply(record(Schema.INT32_SCHEMA, 3)).value());
    }
}
