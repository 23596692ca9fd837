package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectSchemaTest {

    private static final Schema POINT = SchemaBuilder.struct().name("Point")
        .field("x", Schema.INT32_SCHEMA)
        .field("y", Schema.OPTIONAL_INT32_SCHEMA)
        .build();

    @Test
    void constantsHaveTheirTypeAndOptionality() {
        assertConstant(Schema.INT8_SCHEMA, Schema.Type.INT8, false);
        assertConstant(Schema.INT16_SCHEMA, Schema.Type.INT16, false);
        assertConstant(Schema.INT32_SCHEMA, Schema.Type.INT32, false);
        assertConstant(Schema.INT64_SCHEMA, Schema.Type.INT64, false);
        assertConstant(Schema.FLOAT32_SCHEMA, Schema.Type.FLOAT32, false);
        assertConstant(Schema.FLOAT64_SCHEMA, Schema.Type.FLOAT64, false);
        assertConstant(Schema.BOOLEAN_SCHEMA, Schema.Type.BOOLEAN, false);
        assertConstant(Schema.STRING_SCHEMA, Schema.Type.STRING, false);
        assertConstant(Schema.BYTES_SCHEMA, Schema.Type.BYTES, false);
        assertConstant(Schema.OPTIONAL_INT8_SCHEMA, Schema.Type.INT8, true);
        assertConstant(Schema.OPTIONAL_INT16_SCHEMA, Schema.Type.INT16, true);
        assertConstant(Schema.OPTIONAL_INT32_SCHEMA, Schema.Type.INT32, true);
        assertConstant(Schema.OPTIONAL_INT64_SCHEMA, Schema.Type.INT64, true);
        assertConstant(Schema.OPTIONAL_FLOAT32_SCHEMA, Schema.Type.FLOAT32, true);
        assertConstant(Schema.OPTIONAL_FLOAT64_SCHEMA, Schema.Type.FLOAT64, true);
        assertConstant(Schema.OPTIONAL_BOOLEAN_SCHEMA, Schema.Type.BOOLEAN, true);
        assertConstant(Schema.OPTIONAL_STRING_SCHEMA, Schema.Type.STRING, true);
        assertConstant(Schema.OPTIONAL_BYTES_SCHEMA, Schema.Type.BYTES, true);
    }

    @Test
    void typeNamesAreLowerCaseAndOnlyContainersAreNotPrimitive() {
        assertEquals("int8", Schema.Type.INT8.getName());
        assertEquals("float64", Schema.Type.FLOAT64.getName());
        assertEquals("boolean", Schema.Type.BOOLEAN.getName());
        assertEquals("struct", Schema.Type.STRUCT.getName());
        for (Schema.Type type : Schema.Type.values()) {
            boolean container = type == Schema.Type.ARRAY || type == Schema.Type.MAP || type == Schema.Type.STRUCT;
            assertEquals(!container, type.isPrimitive(), type.name());
        }
    }

    @Test
    void fullConstructorKeepsEveryAttribute() {
        List<Field> fields = List.of(new Field("f", 0, Schema.STRING_SCHEMA));
        ConnectSchema schema = new ConnectSchema(Schema.Type.STRUCT, true, null, "n", 3, "doc", Map.of("p", "v"),
            fields, null, null);
        assertEquals(Schema.Type.STRUCT, schema.type());
        assertTrue(schema.isOptional());
        assertEquals("n", schema.name());
        assertEquals(3, schema.version());
        assertEquals("doc", schema.doc());
        assertEquals(Map.of("p", "v"), schema.parameters());
        assertEquals(fields, schema.fields());
        assertSame(schema, schema.schema());
    }

    @Test
    void parametersAndFieldsAreCopied() {
        Map<String, String> parameters = new HashMap<>(Map.of("a", "b"));
        List<Field> fields = new ArrayList<>(List.of(new Field("f", 0, Schema.STRING_SCHEMA)));
        ConnectSchema schema = new ConnectSchema(Schema.Type.STRUCT, false, null, null, null, null, parameters,
            fields, null, null);
        parameters.put("c", "d");
        fields.add(new Field("g", 1, Schema.STRING_SCHEMA));

        assertEquals(Map.of("a", "b"), schema.parameters());
        assertEquals(1, schema.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> schema.fields().clear());
    }

    @Test
    void fieldLookupByName() {
        assertEquals(new Field("y", 1, Schema.OPTIONAL_INT32_SCHEMA), POINT.field("y"));
        assertNull(POINT.field("z"));
        assertNull(POINT.field(null));
        assertEquals(List.of(), new ConnectSchema(Schema.Type.STRUCT).fields());
    }

    @Test
    void structOnlyAccessorsFailOnOtherTypes() {
        assertEquals("Cannot list fields on non-struct type",
            assertThrows(DataException.class, Schema.INT32_SCHEMA::fields).getMessage());
        assertEquals("Cannot look up fields on non-struct type",
            assertThrows(DataException.class, () -> Schema.INT32_SCHEMA.field("a")).getMessage());
    }

    @Test
    void containerAccessorsFailOnOtherTypes() {
        Schema array = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        assertEquals(Schema.INT32_SCHEMA, array.valueSchema());
        assertEquals("Cannot look up key schema on non-map type",
            assertThrows(DataException.class, array::keySchema).getMessage());
        assertEquals("Cannot look up value schema on non-array and non-map type",
            assertThrows(DataException.class, Schema.STRING_SCHEMA::valueSchema).getMessage());
        assertThrows(DataException.class, POINT::valueSchema);
    }

    @Test
    void equalSchemasAreEqualAndHashAlike() {
        Schema copy = SchemaBuilder.struct().name("Point")
            .field("x", Schema.INT32_SCHEMA)
            .field("y", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
        assertEquals(POINT, copy);
        assertEquals(POINT.hashCode(), copy.hashCode());
        assertEquals(Schema.INT32_SCHEMA, new ConnectSchema(Schema.Type.INT32));
    }

    @Test
    void everyAttributeTakesPartInEquality() {
        Schema base = SchemaBuilder.int32().name("n").version(1).doc("d").parameter("k", "v").build();
        assertEquals(base, SchemaBuilder.int32().name("n").version(1).doc("d").parameter("k", "v").build());
        assertNotEquals(base, SchemaBuilder.int64().name("n").version(1).doc("d").parameter("k", "v").build());
        assertNotEquals(base, SchemaBuilder.int32().optional().name("n").version(1).doc("d").parameter("k", "v")
            .build());
        assertNotEquals(base, SchemaBuilder.int32().name("m").version(1).doc("d").parameter("k", "v").build());
        assertNotEquals(base, SchemaBuilder.int32().name("n").version(2).doc("d").parameter("k", "v").build());
        assertNotEquals(base, SchemaBuilder.int32().name("n").version(1).doc("e").parameter("k", "v").build());
        assertNotEquals(base, SchemaBuilder.int32().name("n").version(1).doc("d").parameter("k", "w").build());
        assertNotEquals(base, SchemaBuilder.int32().name("n").version(1).doc("d").parameter("k", "v")
            .defaultValue(5).build());
    }

    @Test
    void fieldOrderAndElementSchemasTakePartInEquality() {
        Schema reordered = SchemaBuilder.struct().name("Point")
            .field("y", Schema.OPTIONAL_INT32_SCHEMA)
            .field("x", Schema.INT32_SCHEMA)
            .build();
        assertNotEquals(POINT, reordered);
        assertNotEquals(SchemaBuilder.array(Schema.INT32_SCHEMA).build(),
            SchemaBuilder.array(Schema.INT64_SCHEMA).build());
        assertNotEquals(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build());
    }

    @Test
    void nullAndEmptyParametersDiffer() {
        ConnectSchema empty = new ConnectSchema(Schema.Type.INT32, false, null, null, null, null, Map.of(), null,
            null, null);
        assertNotEquals(Schema.INT32_SCHEMA, empty);
    }

    @Test
    void defaultArraysAreComparedByContent() {
        Schema a = SchemaBuilder.bytes().defaultValue(new byte[] {1, 2}).build();
        Schema b = SchemaBuilder.bytes().defaultValue(new byte[] {1, 2}).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, SchemaBuilder.bytes().defaultValue(new byte[] {1, 3}).build());

        Schema listOfBytes = SchemaBuilder.array(Schema.BYTES_SCHEMA).defaultValue(List.of(new byte[] {1})).build();
        Schema sameListOfBytes = SchemaBuilder.array(Schema.BYTES_SCHEMA).defaultValue(List.of(new byte[] {1}))
            .build();
        assertEquals(listOfBytes, sameListOfBytes);
        assertEquals(listOfBytes.hashCode(), sameListOfBytes.hashCode());
    }

    @Test
    void subclassIsNotEqualToConnectSchema() {
        ConnectSchema subclass = new ConnectSchema(Schema.Type.INT32) {
        };
        assertNotEquals(Schema.INT32_SCHEMA, subclass);
        assertNotEquals(subclass, Schema.INT32_SCHEMA);
    }

    @Test
    void schemaWithNestedBuilderEqualsOnlyWithTheSameBuilder() {
        SchemaBuilder element = SchemaBuilder.int32();
        assertEquals(SchemaBuilder.array(element).build(), SchemaBuilder.array(element).build());
        assertNotEquals(SchemaBuilder.array(element).build(), SchemaBuilder.array(SchemaBuilder.int32()).build());
        assertNotEquals(SchemaBuilder.array(element).build(), SchemaBuilder.array(Schema.INT32_SCHEMA).build());
    }

    @Test
    void toStringShowsNameAndType() {
        assertEquals("Schema{INT32}", Schema.INT32_SCHEMA.toString());
        assertEquals("Schema{INT32}", Schema.OPTIONAL_INT32_SCHEMA.toString());
        assertEquals("Schema{Point:STRUCT}", POINT.toString());
        assertEquals("Schema{ARRAY}", SchemaBuilder.array(POINT).build().toString());
        assertEquals("Schema{org.apache.kafka.connect.data.Decimal:BYTES}", Decimal.schema(2).toString());
    }

    @Test
    void schemaTypeOfJavaClasses() {
        assertEquals(Schema.Type.INT8, ConnectSchema.schemaType(Byte.class));
        assertEquals(Schema.Type.INT16, ConnectSchema.schemaType(Short.class));
        assertEquals(Schema.Type.INT32, ConnectSchema.schemaType(Integer.class));
        assertEquals(Schema.Type.INT64, ConnectSchema.schemaType(Long.class));
        assertEquals(Schema.Type.FLOAT32, ConnectSchema.schemaType(Float.class));
        assertEquals(Schema.Type.FLOAT64, ConnectSchema.schemaType(Double.class));
        assertEquals(Schema.Type.BOOLEAN, ConnectSchema.schemaType(Boolean.class));
        assertEquals(Schema.Type.STRING, ConnectSchema.schemaType(String.class));
        assertEquals(Schema.Type.BYTES, ConnectSchema.schemaType(byte[].class));
        assertEquals(Schema.Type.BYTES, ConnectSchema.schemaType(ByteBuffer.class));
        assertEquals(Schema.Type.BYTES, ConnectSchema.schemaType(ByteBuffer.wrap(new byte[0]).getClass()));
        assertEquals(Schema.Type.ARRAY, ConnectSchema.schemaType(List.class));
        assertEquals(Schema.Type.ARRAY, ConnectSchema.schemaType(LinkedList.class));
        assertEquals(Schema.Type.MAP, ConnectSchema.schemaType(Map.class));
        assertEquals(Schema.Type.MAP, ConnectSchema.schemaType(LinkedHashMap.class));
        assertEquals(Schema.Type.STRUCT, ConnectSchema.schemaType(Struct.class));
    }

    @Test
    void schemaTypeIsNullForLogicalAndUnknownClasses() {
        assertNull(ConnectSchema.schemaType(BigDecimal.class));
        assertNull(ConnectSchema.schemaType(java.util.Date.class));
        assertNull(ConnectSchema.schemaType(Object.class));
        assertNull(ConnectSchema.schemaType(int.class));
    }

    private static void assertConstant(Schema schema, Schema.Type type, boolean optional) {
        assertEquals(type, schema.type());
        assertEquals(optional, schema.isOptional());
        assertNull(schema.name());
        assertNull(schema.version());
        assertNull(schema.defaultValue());
        assertFalse(schema instanceof SchemaBuilder);
    }
}
