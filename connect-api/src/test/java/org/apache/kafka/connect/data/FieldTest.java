package org.apache.kafka.connect.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FieldTest {

    @Test
    void accessors() {
        Field field = new Field("f", 2, Schema.STRING_SCHEMA);
        assertEquals("f", field.name());
        assertEquals(2, field.index());
        assertSame(Schema.STRING_SCHEMA, field.schema());
    }

    @Test
    void equalityCoversNameIndexAndSchema() {
        Field field = new Field("f", 2, Schema.STRING_SCHEMA);
        Field same = new Field("f", 2, SchemaBuilder.string().build());
        assertEquals(field, same);
        assertEquals(field.hashCode(), same.hashCode());
        assertNotEquals(field, new Field("g", 2, Schema.STRING_SCHEMA));
        assertNotEquals(field, new Field("f", 3, Schema.STRING_SCHEMA));
        assertNotEquals(field, new Field("f", 2, Schema.OPTIONAL_STRING_SCHEMA));
        assertEquals(new Field(null, 0, null), new Field(null, 0, null));
    }

    @Test
    void toStringShowsAllParts() {
        assertEquals("Field{name=f, index=2, schema=Schema{STRING}}",
            new Field("f", 2, Schema.STRING_SCHEMA).toString());
        assertEquals("Field{name=f, index=0, schema=null}", new Field("f", 0, null).toString());
    }
}
