package org.apache.kafka.connect.header;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectHeadersTest {

    private final ConnectHeaders headers = new ConnectHeaders();

    @Test
    void startsEmptyAndKeepsInsertionOrderWithDuplicateKeys() {
        assertTrue(headers.isEmpty());
        assertEquals(0, headers.size());
        assertFalse(headers.iterator().hasNext());

        headers.addString("a", "x").addInt("b", 5).addString("a", "y");

        assertEquals(3, headers.size());
        assertEquals(List.of("a:x", "b:5", "a:y"), describe(headers));
    }

    @Test
    void typedAddersUseTheMatchingSchemas() {
        headers.addBoolean("bool", true).addByte("int8", (byte) 1).addShort("int16", (short) 2)
                .addInt("int32", 3).addLong("int64", 4L).addFloat("float32", 5.5f).addDouble("float64", 6.5)
                .addString("string", "s").addBytes("bytes", new byte[]{7});

        assertEquals(Schema.BOOLEAN_SCHEMA, headers.lastWithName("bool").schema());
        assertEquals(Schema.INT8_SCHEMA, headers.lastWithName("int8").schema());
        assertEquals(Schema.INT16_SCHEMA, headers.lastWithName("int16").schema());
        assertEquals(Schema.INT32_SCHEMA, headers.lastWithName("int32").schema());
        assertEquals(Schema.INT64_SCHEMA, headers.lastWithName("int64").schema());
        assertEquals(Schema.FLOAT32_SCHEMA, headers.lastWithName("float32").schema());
        assertEquals(Schema.FLOAT64_SCHEMA, headers.lastWithName("float64").schema());
        assertEquals(Schema.STRING_SCHEMA, headers.lastWithName("string").schema());
        assertEquals(Schema.BYTES_SCHEMA, headers.lastWithName("bytes").schema());
        assertEquals(5.5f, headers.lastWithName("float32").value());
    }

    @Test
    void nullStringsAndBytesGetOptionalSchemas() {
        headers.addString("s", null).addBytes("b", null);

        assertNull(headers.lastWithName("s").value());
        assertEquals(Schema.OPTIONAL_STRING_SCHEMA, headers.lastWithName("s").schema());
        assertEquals(Schema.OPTIONAL_BYTES_SCHEMA, headers.lastWithName("b").schema());
    }

    @Test
    void nullLogicalDatesKeepTheirRequiredSchemas() {
        headers.addDate("date", null).addTime("time", null).addTimestamp("timestamp", null);

        assertEquals(Date.SCHEMA, headers.lastWithName("date").schema());
        assertEquals(Time.SCHEMA, headers.lastWithName("time").schema());
        assertEquals(Timestamp.SCHEMA, headers.lastWithName("timestamp").schema());
        assertNull(headers.lastWithName("date").value());
    }

    @Test
    void addValidatesTheValueAgainstTheSchema() {
        DataException wrongType = assertThrows(DataException.class, () -> headers.add("k", "text", Schema.INT32_SCHEMA));
        assertTrue(wrongType.getMessage().contains("is not compatible with the schema"));
        assertThrows(DataException.class, () -> headers.add("k", 5L, Schema.INT32_SCHEMA));
        assertThrows(DataException.class, () -> headers.add("k", 1.0f, Schema.FLOAT64_SCHEMA));
        DataException requiredNull = assertThrows(DataException.class, () -> headers.add("k", null, Schema.INT32_SCHEMA));
        assertTrue(requiredNull.getMessage().startsWith("A null value requires an optional schema"));
        assertThrows(DataException.class,
                () -> headers.add("k", new SchemaAndValue(Schema.STRING_SCHEMA, 1)));
        assertTrue(headers.isEmpty());

        headers.add("optional", null, Schema.OPTIONAL_INT32_SCHEMA)
                .add("bytes", ByteBuffer.wrap(new byte[]{1}), Schema.BYTES_SCHEMA)
                .add("schemaless", List.of(1), null)
                .add("nothing", (SchemaAndValue) null)
                .add("sav", new SchemaAndValue(Schema.STRING_SCHEMA, "v"));
        assertEquals(5, headers.size());
        assertNull(headers.lastWithName("nothing").schema());
        assertEquals("v", headers.lastWithName("sav").value());
    }

    @Test
    void validationIsShallowAndHonoursLogicalTypes() {
        Schema intArray = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        headers.add("list", List.of("not an int"), intArray);
        headers.add("decimal", new BigDecimal("1.234"), Decimal.schema(2));
        headers.add("decimal-bytes", new byte[]{1}, Decimal.schema(2));
        headers.add("date", new java.util.Date(0), Date.SCHEMA);
        headers.add("timestamp-millis", 5L, Timestamp.SCHEMA);
        assertEquals(5, headers.size());

        assertThrows(DataException.class, () -> headers.add("k", new java.util.Date(0), Schema.INT64_SCHEMA));
        assertThrows(DataException.class, () -> headers.add("k", BigDecimal.ONE, Date.SCHEMA));
        assertThrows(DataException.class, () -> headers.add("k", Collections.emptySet(), intArray));
    }

    @Test
    void addListAndAddMapRequireMatchingSchemaTypes() {
        Schema intArray = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        Schema stringToInt = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();

        headers.addList("list", List.of(1, 2), intArray).addMap("map", Map.of("a", 1), stringToInt);
        assertEquals(intArray, headers.lastWithName("list").schema());
        assertEquals(stringToInt, headers.lastWithName("map").schema());

        DataException notArray = assertThrows(DataException.class,
                () -> headers.addList("k", List.of(1), Schema.INT32_SCHEMA));
        assertEquals("Expecting ARRAY but instead found INT32", notArray.getMessage());
        assertThrows(DataException.class, () -> headers.addMap("k", Map.of(), intArray));
    }

    @Test
    void nullCompositeValuesAreAddedWithoutSchema() {
        headers.addList("list", null, SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .addMap("map", null, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
                .addStruct("struct", null)
                .addDecimal("decimal", null);

        for (Header header : headers) {
            assertNull(header.schema(), header.key());
            assertNull(header.value(), header.key());
        }
    }

    @Test
    void structAndLogicalAddersUseTheValuesSchema() {
        Schema schema = SchemaBuilder.struct().field("f", Schema.INT32_SCHEMA).build();
        Struct struct = new Struct(schema).put("f", 1);
        java.util.Date midnight = new java.util.Date(86_400_000L);
        java.util.Date oneSecond = new java.util.Date(1_000L);

        headers.addStruct("struct", struct)
                .addDecimal("decimal", new BigDecimal("1.234"))
                .addDate("date", midnight)
                .addTime("time", oneSecond)
                .addTimestamp("timestamp", new java.util.Date(86_400_001L));

        assertSame(schema, headers.lastWithName("struct").schema());
        assertEquals(Decimal.schema(3), headers.lastWithName("decimal").schema());
        assertEquals(Date.SCHEMA, headers.lastWithName("date").schema());
        assertEquals(Time.SCHEMA, headers.lastWithName("time").schema());
        assertEquals(Timestamp.SCHEMA, headers.lastWithName("timestamp").schema());
        assertSame(midnight, headers.lastWithName("date").value());
    }

    @Test
    void dateAndTimeAddersRejectValuesOutsideTheirLogicalRange() {
        assertThrows(DataException.class, () -> headers.addDate("k", new java.util.Date(86_400_001L)));
        assertThrows(DataException.class, () -> headers.addTime("k", new java.util.Date(86_400_001L)));
        assertTrue(headers.isEmpty());
    }

    @Test
    void nullKeysAndHeadersAreRejected() {
        assertThrows(NullPointerException.class, () -> headers.addString(null, "x"));
        assertThrows(NullPointerException.class, () -> headers.add((Header) null));
        assertThrows(NullPointerException.class, () -> headers.lastWithName(null));
        assertThrows(NullPointerException.class, () -> headers.remove(null));
        assertThrows(NullPointerException.class, () -> headers.retainLatest(null));
        assertThrows(NullPointerException.class, () -> headers.apply(null, header -> header));
        assertFalse(headers.allWithName(null).hasNext());
    }

    @Test
    void addHeaderDoesNotValidate() {
        Header mismatched = new ConnectHeaders().addInt("k", 1).lastWithName("k").with(Schema.STRING_SCHEMA, 5);

        headers.add(mismatched);

        assertSame(mismatched, headers.lastWithName("k"));
    }

    @Test
    void allWithNameAndLastWithName() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3);

        List<Object> values = new ArrayList<>();
        headers.allWithName("a").forEachRemaining(header -> values.add(header.value()));
        assertEquals(List.of(1, 3), values);
        assertEquals(3, headers.lastWithName("a").value());
        assertNull(headers.lastWithName("missing"));
        assertFalse(headers.allWithName("missing").hasNext());
    }

    @Test
    void allWithNameIteratorIsReadOnly() {
        headers.addInt("a", 1);
        Iterator<Header> iterator = headers.allWithName("a");
        iterator.next();

        assertThrows(UnsupportedOperationException.class, iterator::remove);
        assertFalse(iterator.hasNext());
    }

    @Test
    void iteratorSupportsRemoval() {
        headers.addInt("a", 1).addInt("b", 2);
        Iterator<Header> iterator = headers.iterator();
        iterator.next();
        iterator.remove();

        assertEquals(List.of("b:2"), describe(headers));
    }

    @Test
    void removeDropsEveryHeaderWithTheKey() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3);

        assertSame(headers, headers.remove("a"));

        assertEquals(List.of("b:2"), describe(headers));
    }

    @Test
    void retainLatestKeepsTheLastHeaderOfEachKeyInPlace() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3).addInt("c", 4).addInt("b", 5);

        assertSame(headers, headers.retainLatest());

        assertEquals(List.of("a:3", "c:4", "b:5"), describe(headers));
    }

    @Test
    void retainLatestForOneKeyLeavesOtherKeysAlone() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3).addInt("b", 4).addInt("a", 5);

        headers.retainLatest("a");

        assertEquals(List.of("b:2", "b:4", "a:5"), describe(headers));
        headers.retainLatest("missing");
        assertEquals(3, headers.size());
    }

    @Test
    void applyReplacesOrRemovesHeaders() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3);

        headers.apply(header -> header.key().equals("b") ? null : header.rename(header.key().toUpperCase()));

        assertEquals(List.of("A:1", "A:3"), describe(headers));
    }

    @Test
    void applyWithKeyOnlyTouchesThatKey() {
        headers.addInt("a", 1).addInt("b", 2).addInt("a", 3);

        headers.apply("a", header -> header.with(Schema.INT8_SCHEMA, (byte) 9));
        assertEquals(List.of("a:9", "b:2", "a:9"), describe(headers));
        assertEquals(Schema.INT8_SCHEMA, headers.lastWithName("a").schema());

        headers.apply("a", header -> null);
        assertEquals(List.of("b:2"), describe(headers));
    }

    @Test
    void duplicateIsAnIndependentCopy() {
        headers.addInt("a", 1);

        ConnectHeaders copy = headers.duplicate();
        copy.addInt("b", 2);
        headers.clear();

        assertNotSame(headers, copy);
        assertEquals(List.of("a:1", "b:2"), describe(copy));
        assertTrue(headers.isEmpty());
    }

    @Test
    void constructorCopiesTheGivenHeaders() {
        headers.addInt("a", 1);
        ConnectHeaders fromConnectHeaders = new ConnectHeaders(headers);
        ConnectHeaders fromList = new ConnectHeaders(List.of(headers.lastWithName("a")));
        headers.addInt("b", 2);

        assertEquals(List.of("a:1"), describe(fromConnectHeaders));
        assertEquals(List.of("a:1"), describe(fromList));
        assertTrue(new ConnectHeaders(null).isEmpty());
    }

    @Test
    void equalityDependsOnContentAndOrder() {
        Headers ab = new ConnectHeaders().addInt("a", 1).addString("b", "x");
        Headers sameAb = new ConnectHeaders().addInt("a", 1).addString("b", "x");
        Headers ba = new ConnectHeaders().addString("b", "x").addInt("a", 1);

        assertEquals(ab, sameAb);
        assertEquals(ab.hashCode(), sameAb.hashCode());
        assertNotEquals(ab, ba);
        assertNotEquals(ab, new ConnectHeaders().addInt("a", 1));
        assertNotEquals(ab, new ConnectHeaders().addInt("a", 1).addString("b", "y"));
        assertEquals(new ConnectHeaders(), new ConnectHeaders().addInt("a", 1).clear());
        assertEquals(new ConnectHeaders().hashCode(), new ConnectHeaders().addInt("a", 1).clear().hashCode());
        assertNotEquals(ab, List.of(ab.iterator().next()));
    }

    @Test
    void headerEqualityComparesKeySchemaAndValue() {
        Header header = new ConnectHeaders().addInt("a", 1).lastWithName("a");

        assertEquals(header, new ConnectHeaders().add("a", 1, SchemaBuilder.int32().build()).lastWithName("a"));
        assertEquals(header.hashCode(), new ConnectHeaders().addInt("a", 1).lastWithName("a").hashCode());
        assertNotEquals(header, header.rename("b"));
        assertNotEquals(header, header.with(Schema.INT32_SCHEMA, 2));
        assertNotEquals(header, header.with(Schema.OPTIONAL_INT32_SCHEMA, 1));
        assertThrows(NullPointerException.class, () -> header.rename(null));
    }

    @Test
    void toStringListsTheHeaders() {
        headers.addString("a", "x");

        assertEquals("ConnectHeaders(headers=[ConnectHeader(key=a, value=x, schema=" + Schema.STRING_SCHEMA + ")])",
                headers.toString());
        assertEquals("ConnectHeaders(headers=)", new ConnectHeaders().toString());
    }

    private static List<String> describe(Iterable<Header> headers) {
        List<String> result = new ArrayList<>();
        headers.forEach(header -> result.add(header.key() + ":" + header.value()));
        return result;
    }
}
