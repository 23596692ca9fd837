package org.apache.kafka.connect.transforms.util;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequirementsTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();

    @Test
    void requireSchemaRejectsMissingSchemaNamingThePurpose() {
        DataException e = assertThrows(DataException.class, () -> Requirements.requireSchema(null, "testing"));
        assertEquals("Schema required for [testing]", e.getMessage());
        Requirements.requireSchema(Schema.STRING_SCHEMA, "testing");
    }

    @Test
    void requireMapReturnsTheMapAndRejectsAnythingElse() {
        Map<String, Object> map = new HashMap<>();
        assertSame(map, Requirements.requireMap(map, "p"));
        DataException e = assertThrows(DataException.class, () -> Requirements.requireMap("text", "p"));
        assertEquals("Only Map objects supported in absence of schema for [p], found: java.lang.String",
                e.getMessage());
        DataException forNull = assertThrows(DataException.class, () -> Requirements.requireMap(null, "p"));
        assertEquals("Only Map objects supported in absence of schema for [p], found: null", forNull.getMessage());
    }

    @Test
    void requireMapOrNullAcceptsNull() {
        assertNull(Requirements.requireMapOrNull(null, "p"));
        assertThrows(DataException.class, () -> Requirements.requireMapOrNull(1, "p"));
    }

    @Test
    void requireStructReturnsTheStructAndRejectsAnythingElse() {
        Struct struct = new Struct(SCHEMA).put("a", 1);
        assertSame(struct, Requirements.requireStruct(struct, "p"));
        DataException e = assertThrows(DataException.class, () -> Requirements.requireStruct(new HashMap<>(), "p"));
        assertEquals("Only Struct objects supported for [p], found: java.util.HashMap", e.getMessage());
        assertThrows(DataException.class, () -> Requirements.requireStruct(null, "p"));
    }

    @Test
    void requireStructOrNullAcceptsNull() {
        assertNull(Requirements.requireStructOrNull(null, "p"));
        assertThrows(DataException.class, () -> Requirements.requireStructOrNull("s", "p"));
    }

    @Test
    void requireSinkRecordRejectsSourceRecords() {
        SinkRecord sink = new SinkRecord("t", 0, null, null, null, null, 1L);
        assertSame(sink, Requirements.requireSinkRecord(sink, "p"));
        SourceRecord source = new SourceRecord(null, null, "t", null, null);
        DataException e = assertThrows(DataException.class, () -> Requirements.requireSinkRecord(source, "p"));
        assertEquals("Only SinkRecord supported for [p], found: org.apache.kafka.connect.source.SourceRecord",
                e.getMessage());
    }
}
