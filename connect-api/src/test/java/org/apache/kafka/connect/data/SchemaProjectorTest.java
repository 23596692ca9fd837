package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.SchemaProjectorException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchemaProjectorTest {

    @Test
    void numericValuesArePromotedAlongTheWideningChain() {
        assertEquals((short) 5, SchemaProjector.project(Schema.INT8_SCHEMA, (byte) 5, Schema.INT16_SCHEMA));
        assertEquals(5, SchemaProjector.project(Schema.INT16_SCHEMA, (short) 5, Schema.INT32_SCHEMA));
        assertEquals(5L, SchemaProjector.project(Schema.INT8_SCHEMA, (byte) 5, Schema.INT64_SCHEMA));
        assertEquals(5.0f, SchemaProjector.project(Schema.INT32_SCHEMA, 5, Schema.FLOAT32_SCHEMA));
        assertEquals(5.0, SchemaProjector.project(Schema.INT64_SCHEMA, 5L, Schema.FLOAT64_SCHEMA));
        assertEquals(1.5, SchemaProjector.project(Schema.FLOAT32_SCHEMA, 1.5f, Schema.FLOAT64_SCHEMA));
    }

    @Test
    void narrowingAndUnrelatedTypesAreRejected() {
        assertMismatch("Schema type mismatch. source type: INT64 and target type: INT32",
            Schema.INT64_SCHEMA, 1L, Schema.INT32_SCHEMA);
        assertMismatch("Schema type mismatch. source type: FLOAT32 and target type: INT64",
            Schema.FLOAT32_SCHEMA, 1.5f, Schema.INT64_SCHEMA);
        assertMismatch("Schema type mismatch. source type: BOOLEAN and target type: INT8",
            Schema.BOOLEAN_SCHEMA, true, Schema.INT8_SCHEMA);
        assertMismatch("Schema type mismatch. source type: BYTES and target type: STRING",
            Schema.BYTES_SCHEMA, new byte[0], Schema.STRING_SCHEMA);
    }

    @Test
    void sameTypeValuesPassThroughUnchanged() {
        byte[] bytes = {1};
        assertSame(bytes, SchemaProjector.project(Schema.BYTES_SCHEMA, bytes, Schema.BYTES_SCHEMA));
        assertEquals("s", SchemaProjector.project(Schema.STRING_SCHEMA, "s", Schema.OPTIONAL_STRING_SCHEMA));
        java.util.Date date = new java.util.Date(0);
        assertSame(date, SchemaProjector.project(Date.SCHEMA, date, Date.SCHEMA));
    }

    @Test
    void namesMustMatchButVersionsMayDiffer() {
        assertMismatch("Schema name mismatch. source name: a and target name: b",
            SchemaBuilder.int32().name("a").build(), 1, SchemaBuilder.int32().name("b").build());
        assertMismatch("Schema name mismatch. source name: org.apache.kafka.connect.data.Date and target name: null",
            Date.SCHEMA, new java.util.Date(0), Schema.INT32_SCHEMA);
        assertEquals(1, SchemaProjector.project(SchemaBuilder.int32().version(1).build(), 1,
            SchemaBuilder.int32().version(2).build()));
    }

    @Test
    void parametersMustMatch() {
        assertMismatch("Schema parameters not equal. source parameters: {scale=2} and target parameters: {scale=3}",
            Decimal.schema(2), new BigDecimal("1.00"), Decimal.schema(3));
        assertMismatch("Schema parameters not equal. source parameters: {a=b} and target parameters: null",
            SchemaBuilder.int32().parameter("a", "b").build(), 1, Schema.INT32_SCHEMA);
        assertEquals(new BigDecimal("1.00"),
            SchemaProjector.project(Decimal.schema(2), new BigDecimal("1.00"), Decimal.schema(2)));
    }

    @Test
    void optionalSourceNeedsADefaultOnARequiredTarget() {
        Schema targetWithDefault = SchemaBuilder.int64().defaultValue(7L).build();
        assertEquals(7L, SchemaProjector.project(Schema.OPTIONAL_INT32_SCHEMA, null, targetWithDefault));
        assertEquals(3L, SchemaProjector.project(Schema.OPTIONAL_INT32_SCHEMA, 3, targetWithDefault));
        assertMismatch("Writer schema is optional, however, target schema does not provide a default value.",
            Schema.OPTIONAL_INT32_SCHEMA, 3, Schema.INT32_SCHEMA);
    }

    @Test
    void typeMismatchIsReportedBeforeOptionality() {
        assertMismatch("Schema type mismatch. source type: INT32 and target type: STRING",
            Schema.OPTIONAL_INT32_SCHEMA, 1, Schema.STRING_SCHEMA);
    }

    @Test
    void nullStaysNullOtherwise() {
        assertNull(SchemaProjector.project(Schema.OPTIONAL_INT32_SCHEMA, null, Schema.OPTIONAL_INT64_SCHEMA));
        assertNull(SchemaProjector.project(Schema.OPTIONAL_INT32_SCHEMA, null,
            SchemaBuilder.int64().optional().defaultValue(3L).build()));
        assertNull(SchemaProjector.project(Schema.INT32_SCHEMA, null, Schema.INT32_SCHEMA));
    }

    @Test
    void structsAreProjectedPerTargetField() {
        Schema source = SchemaBuilder.struct().name("s").version(1)
            .field("a", Schema.INT32_SCHEMA)
            .field("b", Schema.OPTIONAL_STRING_SCHEMA)
            .field("dropped", Schema.INT8_SCHEMA)
            .build();
        Schema target = SchemaBuilder.struct().name("s").version(2)
            .field("a", Schema.INT64_SCHEMA)
            .field("b", Schema.OPTIONAL_STRING_SCHEMA)
            .field("withDefault", SchemaBuilder.int32().defaultValue(42).build())
            .field("optional", SchemaBuilder.int32().optional().defaultValue(5).build())
            .build();
        Struct record = new Struct(source).put("a", 1).put("b", "x").put("dropped", (byte) 2);

        Struct projected = (Struct) SchemaProjector.project(source, record, target);

        assertSame(target, projected.schema());
        assertEquals(1L, projected.get("a"));
        assertEquals("x", projected.get("b"));
        // A missing field with a default gets the default stored; a missing optional field stays unset.
        assertEquals(42, projected.getWithoutDefault("withDefault"));
        assertNull(projected.getWithoutDefault("optional"));
    }

    @Test
    void sourceFieldDefaultsAreUsed() {
        Schema source = SchemaBuilder.struct().field("x", SchemaBuilder.int32().defaultValue(4).build()).build();
        Schema target = SchemaBuilder.struct().field("x", Schema.INT64_SCHEMA).build();
        assertEquals(4L, ((Struct) SchemaProjector.project(source, new Struct(source), target)).get("x"));
    }

    @Test
    void missingRequiredFieldIsAnError() {
        Schema source = SchemaBuilder.struct().name("s").field("a", Schema.INT32_SCHEMA).build();
        Schema target = SchemaBuilder.struct().name("s").field("z", Schema.INT32_SCHEMA).build();
        assertMismatch("Required field `z` is missing from source schema: Schema{s:STRUCT}",
            source, new Struct(source).put("a", 1), target);
    }

    @Test
    void fieldErrorsNameTheField() {
        Schema inner = SchemaBuilder.struct().field("y", Schema.INT32_SCHEMA).build();
        Schema source = SchemaBuilder.struct().field("x", inner).build();
        Schema targetInner = SchemaBuilder.struct().field("y", Schema.STRING_SCHEMA).build();
        Schema target = SchemaBuilder.struct().field("x", targetInner).build();
        Struct record = new Struct(source).put("x", new Struct(inner).put("y", 1));

        SchemaProjectorException e = assertThrows(SchemaProjectorException.class,
            () -> SchemaProjector.project(source, record, target));
        assertEquals("Error projecting x", e.getMessage());
        assertEquals("Error projecting y", e.getCause().getMessage());
        assertEquals("Schema type mismatch. source type: INT32 and target type: STRING",
            e.getCause().getCause().getMessage());
    }

    @Test
    void arraysAreProjectedElementByElement() {
        Schema source = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build();
        Object projected = SchemaProjector.project(source, Arrays.asList(1, null),
            SchemaBuilder.array(SchemaBuilder.int64().defaultValue(0L).build()).build());
        assertEquals(List.of(1L, 0L), projected);

        assertMismatch("Schema type mismatch. source type: INT32 and target type: STRING",
            source, List.of(1), SchemaBuilder.array(Schema.STRING_SCHEMA).build());
    }

    @Test
    void mapsAreProjectedEntryByEntry() {
        Object projected = SchemaProjector.project(
            SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT32_SCHEMA).build(), Map.of((byte) 1, 2),
            SchemaBuilder.map(Schema.INT16_SCHEMA, Schema.FLOAT64_SCHEMA).build());
        assertInstanceOf(Map.class, projected);
        assertEquals(Map.of((short) 1, 2.0), projected);
    }

    @Test
    void containerTypesDoNotMix() {
        Schema struct = SchemaBuilder.struct().build();
        assertMismatch("Schema type mismatch. source type: STRUCT and target type: MAP",
            struct, new Struct(struct), SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build());
    }

    private static void assertMismatch(String message, Schema source, Object record, Schema target) {
        SchemaProjectorException e = assertThrows(SchemaProjectorException.class,
            () -> SchemaProjector.project(source, record, target));
        assertEquals(message, e.getMessage());
    }
}
