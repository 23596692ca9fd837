package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaUtilTest {

    @Test
    void copiesNameVersionDocAndParametersButNotOptionalityDefaultOrFields() {
        Schema source = SchemaBuilder.struct().name("n").version(3).doc("d").parameter("k", "v").optional()
                .field("f", Schema.INT32_SCHEMA).build();

        SchemaBuilder copy = SchemaUtil.copySchemaBasics(source);

        assertEquals(Schema.Type.STRUCT, copy.type());
        assertEquals("n", copy.name());
        assertEquals(3, copy.version());
        assertEquals("d", copy.doc());
        assertEquals(Map.of("k", "v"), copy.parameters());
        assertFalse(copy.isOptional());
        assertTrue(copy.fields().isEmpty());
    }

    @Test
    void copiesOntoTheGivenBuilderKeepingItsParameters() {
        Schema source = SchemaBuilder.int64().parameter("k", "v").build();
        SchemaBuilder target = SchemaBuilder.int64().parameter("x", "y");

        SchemaBuilder result = SchemaUtil.copySchemaBasics(source, target);

        assertSame(target, result);
        assertEquals(Map.of("x", "y", "k", "v"), result.parameters());
    }

    @Test
    void leavesParametersUnsetWhenTheSourceHasNone() {
        SchemaBuilder copy = SchemaUtil.copySchemaBasics(SchemaBuilder.string().defaultValue("x").build());
        assertNull(copy.parameters());
        assertNull(copy.defaultValue());
    }
}
