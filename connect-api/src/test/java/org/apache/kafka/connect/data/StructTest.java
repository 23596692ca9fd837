package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StructTest {

    private static final Schema NESTED = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).optional().build();

    private static final Schema ALL_TYPES = SchemaBuilder.struct().name("all")
        .field("int8", Schema.OPTIONAL_INT8_SCHEMA)
        .field("int16", Schema.OPTIONAL_INT16_SCHEMA)
        .field("int32", Schema.OPTIONAL_INT32_SCHEMA)
        .field("int64", Schema.OPTIONAL_INT64_SCHEMA)
        .field("float32", Schema.OPTIONAL_FLOAT32_SCHEMA)
        .field("float64", Schema.OPTIONAL_FLOAT64_SCHEMA)
        .field("boolean", Schema.OPTIONAL_BOOLEAN_SCHEMA)
        .field("string", Schema.OPTIONAL_STRING_SCHEMA)
        .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build())
        .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
        .field("struct", NESTED)
        .build();

    private static final Schema WITH_DEFAULT = SchemaBuilder.struct()
        .field("required", Schema.STRING_SCHEMA)
        .field("defaulted", SchemaBuilder.int32().defaultValue(9).build())
        .build();

    @Test
    void typedGettersReturnWhatWasPut() {
        Struct nested = new Struct(NESTED).put("x", 3);
        Struct struct = new Struct(ALL_TYPES)
            .put("int8", (byte) 1).put("int16", (short) 2).put("int32", 3).put("int64", 4L)
            .put("float32", 5.5f).put("float64", 6.5).put("boolean", true).put("string", "s")
            .put("bytes", new byte[] {7}).put("array", List.of(8)).put("map", Map.of("k", 9)).put("struct", nested);

        assertEquals((byte) 1, struct.getInt8("int8"));
        assertEquals((short) 2, struct.getInt16("int16"));
        assertEquals(3, struct.getInt32("int32"));
        assertEquals(4L, struct.getInt64("int64"));
        assertEquals(5.5f, struct.getFloat32("float32"));
        assertEquals(6.5, struct.getFloat64("float64"));
        assertEquals(true, struct.getBoolean("boolean"));
        assertEquals("s", struct.getString("string"));
        assertArrayEquals(new byte[] {7}, struct.getBytes("bytes"));
        assertEquals(List.of(8), struct.getArray("array"));
        assertEquals(Map.of("k", 9), struct.getMap("map"));
        assertSame(nested, struct.getStruct("struct"));
        assertNull(new Struct(ALL_TYPES).getMap("map"));
    }

    @Test
    void typedGetterChecksTheFieldType() {
        Struct struct = new Struct(ALL_TYPES).put("int32", 1);
        assertEquals("Field 'int32' is not of type INT8",
            assertThrows(DataException.class, () -> struct.getInt8("int32")).getMessage());
        assertEquals("Field 'int32' is not of type STRING",
            assertThrows(DataException.class, () -> struct.getString("int32")).getMessage());
        assertEquals("Field 'string' is not of type STRUCT",
            assertThrows(DataException.class, () -> struct.getStruct("string")).getMessage());
    }

    @Test
    void getBytesUnwrapsByteBuffers() {
        byte[] content = {1, 2, 3};
        Struct struct = new Struct(ALL_TYPES).put("bytes", ByteBuffer.wrap(content));
        assertSame(content, struct.getBytes("bytes"));
        assertEquals(ByteBuffer.wrap(content), struct.get("bytes"));

        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, new Struct(ALL_TYPES).put("bytes", direct).getBytes("bytes"));
    }

    @Test
    void getAppliesFieldDefaultButGetWithoutDefaultAndTypedGettersDoNot() {
        Struct struct = new Struct(WITH_DEFAULT);
        assertEquals(9, struct.get("defaulted"));
        assertEquals(9, struct.get(WITH_DEFAULT.field("defaulted")));
        assertNull(struct.getWithoutDefault("defaulted"));
        assertNull(struct.getInt32("defaulted"));

        struct.put("defaulted", 4);
        assertEquals(4, struct.get("defaulted"));
        assertEquals(4, struct.getInt32("defaulted"));
    }

    @Test
    void unknownFieldNamesAreRejected() {
        Struct struct = new Struct(WITH_DEFAULT);
        assertEquals("nope is not a valid field name",
            assertThrows(DataException.class, () -> struct.get("nope")).getMessage());
        assertEquals("nope is not a valid field name",
            assertThrows(DataException.class, () -> struct.put("nope", 1)).getMessage());
        assertThrows(DataException.class, () -> struct.getWithoutDefault("nope"));
        assertThrows(DataException.class, () -> struct.getInt32("nope"));
        assertEquals("null is not a valid field name",
            assertThrows(DataException.class, () -> struct.get((String) null)).getMessage());
    }

    @Test
    void putValidatesTheValue() {
        Struct struct = new Struct(WITH_DEFAULT);
        assertEquals("Invalid Java object for schema with type INT32: class java.lang.String for field: \"defaulted\"",
            assertThrows(DataException.class, () -> struct.put("defaulted", "x")).getMessage());
        assertEquals("Invalid value: null used for required field: \"defaulted\", schema type: INT32",
            assertThrows(DataException.class, () -> struct.put("defaulted", null)).getMessage());
        assertEquals("Invalid Java object for schema with type INT32: class java.lang.String for element of array "
            + "field: \"array\"",
            assertThrows(DataException.class, () -> new Struct(ALL_TYPES).put("array", List.of("x"))).getMessage());
        assertEquals("field cannot be null.",
            assertThrows(DataException.class, () -> struct.put((Field) null, 1)).getMessage());
    }

    @Test
    void putAcceptsLogicalValues() {
        Schema schema = SchemaBuilder.struct().field("amount", Decimal.schema(2)).field("at", Timestamp.SCHEMA).build();
        Struct struct = new Struct(schema).put("amount", new BigDecimal("1.50")).put("at", new java.util.Date(5));
        assertEquals(new BigDecimal("1.50"), struct.get("amount"));
        assertThrows(DataException.class, () -> struct.put("amount", new byte[] {1}));
    }

    @Test
    void putByFieldUsesTheFieldIndex() {
        Struct struct = new Struct(WITH_DEFAULT).put(WITH_DEFAULT.field("required"), "r");
        assertEquals("r", struct.get("required"));
        assertEquals("r", struct.get(new Field("required", 0, Schema.STRING_SCHEMA)));
    }

    @Test
    void validateChecksRequiredFieldsWithDefaultsApplied() {
        Struct struct = new Struct(WITH_DEFAULT);
        DataException e = assertThrows(DataException.class, struct::validate);
        assertEquals("Invalid value: null used for required field: \"required\", schema type: STRING", e.getMessage());

        struct.put("required", "r");
        assertDoesNotThrow(struct::validate);
    }

    @Test
    void nestedStructMustBeCompleteWhenPut() {
        Struct incomplete = new Struct(NESTED);
        DataException e = assertThrows(DataException.class, () -> new Struct(ALL_TYPES).put("struct", incomplete));
        assertEquals("Invalid value: null used for required field: \"x\", schema type: INT32", e.getMessage());
    }

    @Test
    void constructorRequiresAStructSchema() {
        assertEquals("Not a struct schema: Schema{INT32}",
            assertThrows(DataException.class, () -> new Struct(Schema.INT32_SCHEMA)).getMessage());
    }

    @Test
    void builderCanBeTheSchema() {
        SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        Struct struct = new Struct(builder).put("a", 1);
        assertSame(builder, struct.schema());
        assertEquals(1, struct.getInt32("a"));
    }

    @Test
    void equalsComparesSchemaAndValuesWithBytesByContent() {
        Struct a = new Struct(ALL_TYPES).put("bytes", new byte[] {1, 2}).put("string", "s");
        Struct b = new Struct(ALL_TYPES).put("bytes", new byte[] {1, 2}).put("string", "s");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());

        assertNotEquals(a, new Struct(ALL_TYPES).put("bytes", new byte[] {1, 3}).put("string", "s"));
        assertNotEquals(a, new Struct(ALL_TYPES).put("bytes", new byte[] {1, 2}));
    }

    @Test
    void equalsLooksIntoListsOfBytes() {
        Schema schema = SchemaBuilder.struct().field("l", SchemaBuilder.array(Schema.BYTES_SCHEMA).build()).build();
        Struct a = new Struct(schema).put("l", List.of(new byte[] {1}));
        Struct b = new Struct(schema).put("l", List.of(new byte[] {1}));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void equalsUsesSchemaEqualityAndRawValues() {
        Schema copy = SchemaBuilder.struct()
            .field("required", Schema.STRING_SCHEMA)
            .field("defaulted", SchemaBuilder.int32().defaultValue(9).build())
            .build();
        assertEquals(new Struct(WITH_DEFAULT).put("required", "r"), new Struct(copy).put("required", "r"));
        // An unset field is not equal to one explicitly set to its default.
        assertNotEquals(new Struct(WITH_DEFAULT), new Struct(WITH_DEFAULT).put("defaulted", 9));
    }

    @Test
    void toStringListsFieldsThatWereSet() {
        assertEquals("Struct{}", new Struct(WITH_DEFAULT).toString());
        assertEquals("Struct{required=r}", new Struct(WITH_DEFAULT).put("required", "r").toString());
        Struct struct = new Struct(ALL_TYPES).put("int32", 1).put("array", List.of(1, 2)).put("map", Map.of("k", 1))
            .put("struct", new Struct(NESTED).put("x", 3)).put("float64", 1.5);
        assertEquals("Struct{int32=1,float64=1.5,array=[1, 2],map={k=1},struct=Struct{x=3}}", struct.toString());
    }
}
