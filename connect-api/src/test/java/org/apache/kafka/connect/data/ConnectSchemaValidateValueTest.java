package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectSchemaValidateValueTest {

    @Test
    void acceptsTheJavaClassOfEachType() {
        assertValid(Schema.INT8_SCHEMA, (byte) 1);
        assertValid(Schema.INT16_SCHEMA, (short) 1);
        assertValid(Schema.INT32_SCHEMA, 1);
        assertValid(Schema.INT64_SCHEMA, 1L);
        assertValid(Schema.FLOAT32_SCHEMA, 1.0f);
        assertValid(Schema.FLOAT64_SCHEMA, 1.0);
        assertValid(Schema.BOOLEAN_SCHEMA, true);
        assertValid(Schema.STRING_SCHEMA, "s");
        assertValid(Schema.BYTES_SCHEMA, new byte[] {1});
        assertValid(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1}));
        assertValid(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), new LinkedList<>(List.of(1, 2)));
        assertValid(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), Map.of("a", 1));
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        assertValid(struct, new Struct(struct).put("a", 1));
    }

    @Test
    void rejectsOtherClassesNamingSchemaAndLocation() {
        assertInvalid("Invalid Java object for schema with type INT32: class java.lang.Long for value",
            Schema.INT32_SCHEMA, 1L);
        assertInvalid("Invalid Java object for schema with type INT16: class java.lang.Byte for value",
            Schema.INT16_SCHEMA, (byte) 1);
        assertInvalid("Invalid Java object for schema with type BYTES: class java.lang.String for value",
            Schema.BYTES_SCHEMA, "s");
        assertInvalid("Invalid Java object for schema with type ARRAY: class java.util.HashSet for value",
            SchemaBuilder.array(Schema.INT32_SCHEMA).build(), new java.util.HashSet<>(Set.of(1)));
        assertInvalid("Invalid Java object for schema \"x.y\" with type STRING: class java.lang.Integer for value",
            SchemaBuilder.string().name("x.y").build(), 5);

        DataException inField = assertThrows(DataException.class,
            () -> ConnectSchema.validateValue("f", Schema.INT32_SCHEMA, "x"));
        assertEquals("Invalid Java object for schema with type INT32: class java.lang.String for field: \"f\"",
            inField.getMessage());
    }

    @Test
    void nullIsOnlyValidForOptionalSchemas() {
        assertValid(Schema.OPTIONAL_INT32_SCHEMA, null);
        assertValid(SchemaBuilder.struct().optional().build(), null);
        assertInvalid("Invalid value: null used for required value, schema type: INT32", Schema.INT32_SCHEMA, null);
        // A default value does not make null valid; Struct.get applies defaults, validation does not.
        assertInvalid("Invalid value: null used for required value, schema type: INT32",
            SchemaBuilder.int32().defaultValue(5).build(), null);

        DataException inField = assertThrows(DataException.class,
            () -> ConnectSchema.validateValue("f", Schema.STRING_SCHEMA, null));
        assertEquals("Invalid value: null used for required field: \"f\", schema type: STRING", inField.getMessage());
    }

    @Test
    void logicalTypesRequireTheirJavaClass() {
        assertValid(Decimal.schema(2), new BigDecimal("1.00"));
        assertValid(Date.SCHEMA, new java.util.Date(0));
        assertValid(Time.SCHEMA, new java.util.Date(0));
        assertValid(Timestamp.SCHEMA, new java.util.Date(0));

        assertInvalid("Invalid Java object for schema \"org.apache.kafka.connect.data.Decimal\" with type BYTES: "
            + "class [B for value", Decimal.schema(2), new byte[] {1});
        assertInvalid("Invalid Java object for schema \"org.apache.kafka.connect.data.Date\" with type INT32: "
            + "class java.lang.Integer for value", Date.SCHEMA, 1);
        assertInvalid("Invalid Java object for schema \"org.apache.kafka.connect.data.Timestamp\" with type INT64: "
            + "class java.lang.Long for value", Timestamp.SCHEMA, 1L);
    }

    @Test
    void logicalClassesAreNotValidForUnnamedSchemas() {
        assertInvalid("Invalid Java object for schema with type INT64: class java.math.BigDecimal for value",
            Schema.INT64_SCHEMA, BigDecimal.ONE);
        assertInvalid("Invalid Java object for schema with type INT32: class java.util.Date for value",
            Schema.INT32_SCHEMA, new java.util.Date(0));
    }

    @Test
    void arrayElementsAreValidated() {
        Schema ints = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        assertInvalid("Invalid Java object for schema with type INT32: class java.lang.String for element of array "
            + "value", ints, List.of(1, "x"));
        assertInvalid("Invalid value: null used for required element of array value, schema type: INT32",
            ints, Arrays.asList(1, null));
        assertValid(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build(), Arrays.asList(1, null));
    }

    @Test
    void mapKeysAndValuesAreValidated() {
        Schema schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        assertInvalid("Invalid Java object for schema with type STRING: class java.lang.Integer for key of map value",
            schema, Map.of(1, 1));
        assertInvalid("Invalid Java object for schema with type INT32: class java.lang.String for value of map value",
            schema, Map.of("a", "b"));
        assertInvalid("Invalid value: null used for required key of map value, schema type: STRING",
            schema, Collections.singletonMap(null, 1));
    }

    @Test
    void nestedLocationsListInnermostRoleFirst() {
        Schema arrayOfMaps = SchemaBuilder.array(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .build();
        DataException e = assertThrows(DataException.class,
            () -> ConnectSchema.validateValue("f", arrayOfMaps, List.of(Map.of("a", "b"))));
        assertEquals("Invalid Java object for schema with type INT32: class java.lang.String for value of map "
            + "element of array field: \"f\"", e.getMessage());
    }

    @Test
    void structsMustHaveAnEqualSchemaAndBeValid() {
        Schema schema = SchemaBuilder.struct().name("s").field("a", Schema.INT32_SCHEMA).build();
        Schema sameShape = SchemaBuilder.struct().name("s").field("a", Schema.INT32_SCHEMA).build();
        Schema other = SchemaBuilder.struct().name("t").field("a", Schema.INT32_SCHEMA).build();

        assertValid(schema, new Struct(sameShape).put("a", 1));
        assertInvalid("Struct schemas do not match.", schema, new Struct(other).put("a", 1));
        assertInvalid("Invalid value: null used for required field: \"a\", schema type: INT32",
            schema, new Struct(schema));
        assertInvalid("Invalid Java object for schema \"s\" with type STRUCT: class java.util.HashMap for value",
            schema, new java.util.HashMap<>());
    }

    @Test
    void structsInsideArraysAreValidatedToo() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        Schema array = SchemaBuilder.array(struct).build();
        assertInvalid("Invalid value: null used for required field: \"a\", schema type: INT32",
            array, List.of(new Struct(struct)));
    }

    @Test
    void builderAndBuiltSchemaAreDifferentStructSchemas() {
        SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        assertInvalid("Struct schemas do not match.", builder.build(), new Struct(builder).put("a", 1));
        assertValid(builder, new Struct(builder).put("a", 1));
    }

    @Test
    void instanceFormValidatesAgainstThisSchema() {
        ConnectSchema schema = (ConnectSchema) Schema.STRING_SCHEMA;
        assertDoesNotThrow(() -> schema.validateValue("x"));
        DataException e = assertThrows(DataException.class, () -> schema.validateValue(5));
        assertEquals("Invalid Java object for schema with type STRING: class java.lang.Integer for value",
            e.getMessage());
    }

    private static void assertValid(Schema schema, Object value) {
        assertDoesNotThrow(() -> ConnectSchema.validateValue(schema, value));
    }

    private static void assertInvalid(String message, Schema schema, Object value) {
        DataException e = assertThrows(DataException.class, () -> ConnectSchema.validateValue(schema, value));
        assertEquals(message, e.getMessage());
    }
}
