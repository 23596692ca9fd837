package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.SchemaBuilderException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaBuilderTest {

    @Test
    void factoriesSetTheType() {
        assertEquals(Schema.Type.INT8, SchemaBuilder.int8().type());
        assertEquals(Schema.Type.INT16, SchemaBuilder.int16().type());
        assertEquals(Schema.Type.INT32, SchemaBuilder.int32().type());
        assertEquals(Schema.Type.INT64, SchemaBuilder.int64().type());
        assertEquals(Schema.Type.FLOAT32, SchemaBuilder.float32().type());
        assertEquals(Schema.Type.FLOAT64, SchemaBuilder.float64().type());
        assertEquals(Schema.Type.BOOLEAN, SchemaBuilder.bool().type());
        assertEquals(Schema.Type.STRING, SchemaBuilder.string().type());
        assertEquals(Schema.Type.BYTES, SchemaBuilder.bytes().type());
        assertEquals(Schema.Type.STRUCT, SchemaBuilder.struct().type());
        assertEquals(Schema.Type.MAP, SchemaBuilder.type(Schema.Type.MAP).type());
    }

    @Test
    void buildsSchemaWithAllAttributes() {
        Schema schema = SchemaBuilder.int32().name("n").version(2).doc("d").optional().defaultValue(7)
            .parameter("k1", "v1").parameters(Map.of("k2", "v2")).build();

        assertInstanceOf(ConnectSchema.class, schema);
        assertEquals(Schema.Type.INT32, schema.type());
        assertEquals("n", schema.name());
        assertEquals(2, schema.version());
        assertEquals("d", schema.doc());
        assertTrue(schema.isOptional());
        assertEquals(7, schema.defaultValue());
        assertEquals(Map.of("k1", "v1", "k2", "v2"), schema.parameters());
    }

    @Test
    void unsetAttributesAreNullAndSchemaIsRequired() {
        SchemaBuilder builder = SchemaBuilder.string();
        assertFalse(builder.isOptional());
        assertNull(builder.name());
        assertNull(builder.version());
        assertNull(builder.doc());
        assertNull(builder.defaultValue());
        assertNull(builder.parameters());
        assertNull(builder.build().parameters());
        assertEquals(Schema.STRING_SCHEMA, builder.build());
    }

    @Test
    void parametersAreReadOnlyAndLaterValuesWin() {
        SchemaBuilder builder = SchemaBuilder.bytes().parameter("a", "1").parameter("a", "2");
        assertEquals(Map.of("a", "2"), builder.parameters());
        assertThrows(UnsupportedOperationException.class, () -> builder.parameters().put("b", "3"));
        assertThrows(UnsupportedOperationException.class, () -> builder.build().parameters().put("b", "3"));
    }

    @Test
    void emptyParameterMapLeavesParametersUnset() {
        assertNull(SchemaBuilder.int32().parameters(Map.of()).build().parameters());
    }

    @Test
    void attributeCannotBeChangedOnceSet() {
        assertSetTwiceFails("name", () -> SchemaBuilder.int32().name("a").name("b"));
        assertSetTwiceFails("name", () -> SchemaBuilder.int32().name("a").name(null));
        assertSetTwiceFails("version", () -> SchemaBuilder.int32().version(1).version(2));
        assertSetTwiceFails("doc", () -> SchemaBuilder.int32().doc("a").doc("b"));
        assertSetTwiceFails("optional", () -> SchemaBuilder.int32().optional().required());
        assertSetTwiceFails("optional", () -> SchemaBuilder.int32().required().optional());
        assertSetTwiceFails("default", () -> SchemaBuilder.int32().defaultValue(1).defaultValue(2));
    }

    @Test
    void settingAnAttributeAgainToTheSameValueIsAllowed() {
        SchemaBuilder builder = SchemaBuilder.int32().name("a").name("a").version(1000).version(1000)
            .optional().optional().defaultValue(1).defaultValue(1);
        assertEquals("a", builder.name());
        assertEquals(1000, builder.version());
        assertTrue(builder.isOptional());
        assertEquals(1, builder.defaultValue());
    }

    @Test
    void unsetAttributeCanBeSetAfterNull() {
        assertEquals(2, SchemaBuilder.int32().version(null).version(2).version());
    }

    @Test
    void defaultValueIsValidatedAgainstTheSchema() {
        SchemaBuilderException wrongType = assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.int32().defaultValue("x"));
        assertEquals("Invalid default value", wrongType.getMessage());
        assertInstanceOf(DataException.class, wrongType.getCause());

        SchemaBuilderException nullForRequired = assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.int32().defaultValue(null));
        assertEquals("Invalid default value", nullForRequired.getMessage());

        assertNull(SchemaBuilder.int32().optional().defaultValue(null).build().defaultValue());
    }

    @Test
    void structDefaultMustUseTheBuilderItself() {
        SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        Struct ofBuilder = new Struct(builder).put("a", 1);
        assertSame(ofBuilder, builder.defaultValue(ofBuilder).build().defaultValue());

        SchemaBuilder other = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        Struct ofBuiltSchema = new Struct(other.build()).put("a", 1);
        SchemaBuilderException e = assertThrows(SchemaBuilderException.class, () -> other.defaultValue(ofBuiltSchema));
        assertEquals("Struct schemas do not match.", e.getCause().getMessage());
    }

    @Test
    void fieldsAreIndexedInInsertionOrder() {
        SchemaBuilder builder = SchemaBuilder.struct()
            .field("b", Schema.STRING_SCHEMA)
            .field("a", Schema.OPTIONAL_INT64_SCHEMA);

        assertEquals(List.of(new Field("b", 0, Schema.STRING_SCHEMA), new Field("a", 1, Schema.OPTIONAL_INT64_SCHEMA)),
            builder.fields());
        assertEquals(new Field("a", 1, Schema.OPTIONAL_INT64_SCHEMA), builder.field("a"));
        assertNull(builder.field("missing"));
        assertEquals(builder.fields(), builder.build().fields());
    }

    @Test
    void fieldOnNonStructFails() {
        SchemaBuilderException e = assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.int32().field("a", Schema.INT32_SCHEMA));
        assertEquals("Cannot create fields on type INT32", e.getMessage());
    }

    @Test
    void duplicateFieldFails() {
        SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        SchemaBuilderException e = assertThrows(SchemaBuilderException.class,
            () -> builder.field("a", Schema.STRING_SCHEMA));
        assertEquals("Cannot create field because of field name duplication a", e.getMessage());
    }

    @Test
    void fieldNeedsNameAndSchema() {
        assertEquals("fieldName cannot be null.", assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.struct().field(null, Schema.INT32_SCHEMA)).getMessage());
        assertEquals("fieldName cannot be null.", assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.struct().field("", Schema.INT32_SCHEMA)).getMessage());
        assertEquals("fieldSchema for field x cannot be null.", assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.struct().field("x", null)).getMessage());
    }

    @Test
    void fieldAccessOnNonStructFails() {
        assertEquals("Cannot list fields on non-struct type",
            assertThrows(DataException.class, () -> SchemaBuilder.int32().fields()).getMessage());
        assertEquals("Cannot look up fields on non-struct type",
            assertThrows(DataException.class, () -> SchemaBuilder.int32().field("a")).getMessage());
    }

    @Test
    void builtSchemaIsNotAffectedByLaterFields() {
        SchemaBuilder builder = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        Schema built = builder.build();
        builder.field("b", Schema.INT32_SCHEMA);
        assertEquals(1, built.fields().size());
        assertNull(built.field("b"));
    }

    @Test
    void arrayAndMapKeepTheirElementSchemas() {
        SchemaBuilder array = SchemaBuilder.array(Schema.STRING_SCHEMA);
        assertEquals(Schema.Type.ARRAY, array.type());
        assertSame(Schema.STRING_SCHEMA, array.valueSchema());
        assertNull(array.keySchema());

        SchemaBuilder map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA);
        assertSame(Schema.STRING_SCHEMA, map.keySchema());
        assertSame(Schema.INT64_SCHEMA, map.valueSchema());
        assertSame(Schema.INT64_SCHEMA, map.build().valueSchema());

        assertNull(SchemaBuilder.int32().valueSchema());
    }

    @Test
    void nullArgumentsAreRejected() {
        assertEquals("valueSchema cannot be null.",
            assertThrows(SchemaBuilderException.class, () -> SchemaBuilder.array(null)).getMessage());
        assertEquals("keySchema cannot be null.", assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.map(null, Schema.INT32_SCHEMA)).getMessage());
        assertEquals("valueSchema cannot be null.", assertThrows(SchemaBuilderException.class,
            () -> SchemaBuilder.map(Schema.INT32_SCHEMA, null)).getMessage());
        assertEquals("type cannot be null",
            assertThrows(SchemaBuilderException.class, () -> SchemaBuilder.type(null)).getMessage());
    }

    @Test
    void builderUsesIdentityEquality() {
        SchemaBuilder builder = SchemaBuilder.int32();
        assertEquals(builder, builder);
        assertNotEquals(SchemaBuilder.int32(), builder);
        assertNotEquals(builder.build(), builder);
        assertNotEquals(builder, builder.build());
    }

    @Test
    void schemaBuildsANewEqualSchema() {
        SchemaBuilder builder = SchemaBuilder.int64().name("x");
        assertEquals(builder.build(), builder.schema());
        assertInstanceOf(ConnectSchema.class, builder.schema());
    }

    private static void assertSetTwiceFails(String attribute, Runnable call) {
        SchemaBuilderException e = assertThrows(SchemaBuilderException.class, call::run);
        assertEquals("Invalid SchemaBuilder call: " + attribute + " has already been set.", e.getMessage());
    }
}
