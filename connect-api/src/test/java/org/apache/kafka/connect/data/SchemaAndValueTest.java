package org.apache.kafka.connect.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SchemaAndValueTest {

    @Test
    void nullConstantHasNeitherSchemaNorValue() {
        assertNull(SchemaAndValue.NULL.schema());
        assertNull(SchemaAndValue.NULL.value());
        assertEquals(new SchemaAndValue(null, null), SchemaAndValue.NULL);
    }

    @Test
    void keepsSchemaAndValueWithoutValidating() {
        SchemaAndValue pair = new SchemaAndValue(Schema.INT32_SCHEMA, "not an int");
        assertSame(Schema.INT32_SCHEMA, pair.schema());
        assertEquals("not an int", pair.value());
    }

    @Test
    void equalityCoversSchemaAndValue() {
        SchemaAndValue pair = new SchemaAndValue(Schema.INT32_SCHEMA, 5);
        assertEquals(pair, new SchemaAndValue(SchemaBuilder.int32().build(), 5));
        assertEquals(pair.hashCode(), new SchemaAndValue(SchemaBuilder.int32().build(), 5).hashCode());
        assertNotEquals(pair, new SchemaAndValue(Schema.INT32_SCHEMA, 6));
        assertNotEquals(pair, new SchemaAndValue(Schema.OPTIONAL_INT32_SCHEMA, 5));
    }

    @Test
    void toStringShowsBoth() {
        assertEquals("SchemaAndValue{schema=Schema{INT32}, value=5}",
            new SchemaAndValue(Schema.INT32_SCHEMA, 5).toString());
        assertEquals("SchemaAndValue{schema=null, value=null}", SchemaAndValue.NULL.toString());
    }
}
