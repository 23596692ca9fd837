package org.apache.kafka.connect.transforms.field;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.apache.kafka.connect.transforms.field.FieldSyntaxVersion.V1;
import static org.apache.kafka.connect.transforms.field.FieldSyntaxVersion.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleFieldPathTest {

    private static final Schema INNER = SchemaBuilder.struct().name("Inner")
            .field("x", Schema.INT32_SCHEMA)
            .field("d", SchemaBuilder.int32().optional().defaultValue(9).build())
            .build();
    private static final Schema OPTIONAL_INNER = SchemaBuilder.struct().optional()
            .field("x", Schema.INT32_SCHEMA)
            .build();
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("inner", INNER)
            .field("opt", OPTIONAL_INNER)
            .field("n", Schema.INT32_SCHEMA)
            .field("a.b", Schema.STRING_SCHEMA)
            .build();
    private static final Struct STRUCT = new Struct(SCHEMA)
            .put("inner", new Struct(INNER).put("x", 1))
            .put("n", 5)
            .put("a.b", "dotted");

    /** The steps of a V2 path joined by dots, as {@link SingleFieldPath#toString()} renders them. */
    private static String stepsOf(String path) {
        return new SingleFieldPath(path, V2).toString().replaceFirst("^SingleFieldPath\\{version=V2, path=", "")
                .replaceFirst("}$", "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a          | a",
        "a.b        | a.b",
        "`a.b`      | a.b",
        "`a.b`.c    | a.b.c",
        "a.`b.c`    | a.b.c",
        "a.         | a.",
        "a..b       | a..b",
        "`a``b`     | a``b",
        "a`b        | a`b",
        "```        | `",
        "`a\\`.b`   | a`.b",
        "`a\\`b`    | a\\`b",
    })
    void v2PathsAreSplitOnDotsOutsideBackticks(String path, String rendered) {
        assertEquals(rendered, stepsOf(path));
    }

    @Test
    void v2QuotedStepsMayContainDots() {
        Map<String, Object> map = new HashMap<>();
        map.put("a.b", Map.of("c", 1));
        map.put("a", Map.of("b", Map.of("c", 2)));
        assertEquals(1, new SingleFieldPath("`a.b`.c", V2).valueFrom(map));
        assertEquals(2, new SingleFieldPath("a.b.c", V2).valueFrom(map));
    }

    @ParameterizedTest
    @ValueSource(strings = {"`a.b", "`", "`a`b", "x.`a.b`c.d", "`a\\`"})
    void v2RejectsUnclosedBackticks(String path) {
        ConfigException e = assertThrows(ConfigException.class, () -> new SingleFieldPath(path, V2));
        assertTrue(e.getMessage().contains("Incomplete backtick pair"), e.getMessage());
    }

    @Test
    void v1TakesThePathLiterally() {
        SingleFieldPath path = new SingleFieldPath("a.b", V1);
        assertEquals("dotted", path.valueFrom(STRUCT));
        assertSame(SCHEMA.field("a.b"), path.fieldFrom(SCHEMA));
        assertEquals("SingleFieldPath{version=V1, path=a.b}", path.toString());
        new SingleFieldPath("`unclosed", V1); // backticks have no meaning in V1
    }

    @Test
    void fieldFromResolvesNestedFieldsOrReturnsNull() {
        assertSame(INNER.field("x"), new SingleFieldPath("inner.x", V2).fieldFrom(SCHEMA));
        assertNull(new SingleFieldPath("inner.zz", V2).fieldFrom(SCHEMA));
        assertNull(new SingleFieldPath("zz.x", V2).fieldFrom(SCHEMA));
        assertNull(new SingleFieldPath("x", V2).fieldFrom(null));
        assertThrows(DataException.class, () -> new SingleFieldPath("n.x", V2).fieldFrom(SCHEMA));
    }

    @Test
    void valueFromStructToleratesMissingAndNullParents() {
        assertEquals(1, new SingleFieldPath("inner.x", V2).valueFrom(STRUCT));
        assertNull(new SingleFieldPath("inner.zz", V2).valueFrom(STRUCT));
        assertNull(new SingleFieldPath("opt.x", V2).valueFrom(STRUCT));
        assertNull(new SingleFieldPath("x", V2).valueFrom((Struct) null));
        assertThrows(DataException.class, () -> new SingleFieldPath("n.x", V2).valueFrom(STRUCT));
    }

    @Test
    void valueFromStructAppliesTheLeafDefaultOnlyWhenAsked() {
        SingleFieldPath path = new SingleFieldPath("inner.d", V2);
        assertEquals(9, path.valueFrom(STRUCT));
        assertEquals(9, path.valueFrom(STRUCT, true));
        assertNull(path.valueFrom(STRUCT, false));
    }

    @Test
    void valueFromMapToleratesMissingAndNullParents() {
        Map<String, Object> map = new HashMap<>();
        map.put("inner", Map.of("x", 1));
        map.put("n", 5);
        map.put("nil", null);
        assertEquals(1, new SingleFieldPath("inner.x", V2).valueFrom(map));
        assertNull(new SingleFieldPath("nil.x", V2).valueFrom(map));
        assertNull(new SingleFieldPath("zz.x", V2).valueFrom(map));
        assertNull(new SingleFieldPath("x", V2).valueFrom((Map<String, Object>) null));
        assertThrows(DataException.class, () -> new SingleFieldPath("n.x", V2).valueFrom(map));
    }

    @Test
    void emptyV2PathIsAcceptedButCannotBeResolved() {
        SingleFieldPath empty = new SingleFieldPath("", V2);
        assertThrows(IllegalArgumentException.class, () -> empty.fieldFrom(SCHEMA));
        assertThrows(IllegalArgumentException.class, () -> empty.valueFrom(STRUCT));
        assertThrows(IllegalArgumentException.class, () -> empty.valueFrom(new HashMap<>()));
    }

    @Test
    void pathsAreEqualWhenTheyDesignateTheSameSteps() {
        assertEquals(new SingleFieldPath("a", V1), new SingleFieldPath("`a`", V2));
        assertEquals(new SingleFieldPath("a.b", V1), new SingleFieldPath("`a.b`", V2));
        assertEquals(new SingleFieldPath("a.b", V1).hashCode(), new SingleFieldPath("`a.b`", V2).hashCode());
        assertNotEquals(new SingleFieldPath("a.b", V1), new SingleFieldPath("a.b", V2));
    }
}
