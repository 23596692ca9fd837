package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskFieldTest {

    private static final Schema ACCOUNT = SchemaBuilder.struct().name("test.Account")
            .field("id", Schema.INT64_SCHEMA)
            .field("owner", Schema.STRING_SCHEMA)
            .field("balance", Decimal.schema(2))
            .field("opened", Timestamp.SCHEMA)
            .field("active", Schema.BOOLEAN_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();

    private static MaskField<SinkRecord> value(Map<String, String> props) {
        MaskField<SinkRecord> mask = new MaskField.Value<>();
        mask.configure(props);
        return mask;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("topic", 0, null, null, schema, value, 0L);
    }

    private static Struct account() {
        return new Struct(ACCOUNT).put("id", 42L).put("owner", "Ann").put("balance", new BigDecimal("12.34"))
                .put("opened", new Date(1000L)).put("active", true).put("tags", List.of("vip"));
    }

    @Test
    void rejectsMissingEmptyOrBlankFieldsAndAnEmptyReplacement() {
        assertThrows(ConfigException.class, () -> value(Map.of()));
        assertThrows(ConfigException.class, () -> value(Map.of("fields", "")));
        assertThrows(ConfigException.class, () -> value(Map.of("fields", "a,,b")));
        assertThrows(ConfigException.class, () -> value(Map.of("fields", "a", "replacement", "")));
    }

    @Test
    void masksWithTheEmptyValueOfEachTypeAndKeepsTheSchemaInstance() {
        MaskField<SinkRecord> mask = value(Map.of("fields", "id,owner,balance,opened,active,tags"));
        SinkRecord out = mask.apply(record(ACCOUNT, account()));
        assertSame(ACCOUNT, out.valueSchema());
        Struct masked = (Struct) out.value();
        assertEquals(0L, masked.get("id"));
        assertEquals("", masked.get("owner"));
        assertEquals(BigDecimal.ZERO, masked.get("balance"));
        assertEquals(new Date(0L), masked.get("opened"));
        assertEquals(false, masked.get("active"));
        assertEquals(List.of(), masked.get("tags"));
    }

    @Test
    void convertsTheReplacementToNumericAndStringFields() {
        Struct masked = (Struct) value(Map.of("fields", "id,owner,balance", "replacement", "7"))
                .apply(record(ACCOUNT, account())).value();
        assertEquals(7L, masked.get("id"));
        assertEquals("7", masked.get("owner"));
        assertEquals(new BigDecimal("7"), masked.get("balance"));
    }

    @Test
    void rejectsReplacementsThatDoNotFitTheField() {
        assertThrows(DataException.class,
            () -> value(Map.of("fields", "active", "replacement", "1")).apply(record(ACCOUNT, account())));
        assertThrows(DataException.class,
            () -> value(Map.of("fields", "id", "replacement", "abc")).apply(record(ACCOUNT, account())));
    }

    @Test
    void rejectsValuesWithoutAnEmptyForm() {
        Map<String, Object> map = new HashMap<>(Map.of("blob", new byte[]{1}));
        assertThrows(DataException.class, () -> value(Map.of("fields", "blob")).apply(record(null, map)));
    }

    @Test
    void masksSchemalessMapsAndAddsListedFieldsThatAreAbsent() {
        Map<String, Object> map = new HashMap<>(Map.of("n", 5, "s", "secret"));
        Map<?, ?> out = (Map<?, ?>) value(Map.of("fields", "n,s,absent")).apply(record(null, map)).value();
        assertEquals(0, out.get("n"));
        assertEquals("", out.get("s"));
        assertTrue(out.containsKey("absent"));
    }

    @Test
    void requiresAStructOrMapEvenForNulls() {
        assertThrows(DataException.class, () -> value(Map.of("fields", "a")).apply(record(null, null)));
        assertThrows(DataException.class, () -> value(Map.of("fields", "a")).apply(record(ACCOUNT, "text")));
    }

    @Test
    void masksFieldsOfTheKey() {
        MaskField<SinkRecord> mask = new MaskField.Key<>();
        mask.configure(Map.of("fields", "owner"));
        SinkRecord out = mask.apply(new SinkRecord("t", 0, ACCOUNT, account(), null, "v", 0L));
        assertEquals("", ((Struct) out.key()).get("owner"));
        assertEquals("v", out.value());
    }
}
