package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalTest {

    @Test
    void schemaIsNamedVersionedBytesWithScale() {
        Schema schema = Decimal.schema(2);
        assertEquals(Schema.Type.BYTES, schema.type());
        assertEquals(Decimal.LOGICAL_NAME, schema.name());
        assertEquals(1, schema.version());
        assertEquals(Map.of(Decimal.SCALE_FIELD, "2"), schema.parameters());
        assertEquals(schema, Decimal.builder(2).build());
        assertTrue(Decimal.builder(2).optional().build().isOptional());
    }

    @Test
    void encodesUnscaledValueAsBigEndianTwosComplement() {
        assertArrayEquals(new byte[] {0, (byte) 150}, Decimal.fromLogical(Decimal.schema(2), new BigDecimal("1.50")));
        assertArrayEquals(new byte[] {(byte) 0x80}, Decimal.fromLogical(Decimal.schema(2), new BigDecimal("-1.28")));
        assertArrayEquals(new byte[] {0}, Decimal.fromLogical(Decimal.schema(0), BigDecimal.ZERO));
    }

    @Test
    void decodesWithTheSchemaScale() {
        assertEquals(new BigDecimal("1.50"), Decimal.toLogical(Decimal.schema(2), new byte[] {0, (byte) 150}));
        assertEquals(new BigDecimal("-1.28"),
            Decimal.toLogical(Decimal.schema(2), new byte[] {(byte) 0xff, (byte) 0x80}));
        assertEquals(new BigDecimal(BigInteger.valueOf(5), -2), Decimal.toLogical(Decimal.schema(-2), new byte[] {5}));
    }

    @Test
    void roundTripsLargeValues() {
        BigDecimal value = new BigDecimal("-123456789012345678901234567890.123456789");
        Schema schema = Decimal.schema(value.scale());
        assertEquals(value, Decimal.toLogical(schema, Decimal.fromLogical(schema, value)));
    }

    @Test
    void valueScaleMustMatchSchemaScale() {
        DataException e = assertThrows(DataException.class,
            () -> Decimal.fromLogical(Decimal.schema(2), new BigDecimal("1.5")));
        assertEquals("Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has "
            + "scale 1.", e.getMessage());
    }

    @Test
    void schemaMustCarryAnIntegerScale() {
        String missing = "Invalid Decimal schema: scale parameter not found.";
        assertEquals(missing, assertThrows(DataException.class,
            () -> Decimal.toLogical(Schema.BYTES_SCHEMA, new byte[] {1})).getMessage());
        assertEquals(missing, assertThrows(DataException.class,
            () -> Decimal.fromLogical(SchemaBuilder.bytes().parameter("x", "1").build(), BigDecimal.ONE)).getMessage());

        DataException notANumber = assertThrows(DataException.class,
            () -> Decimal.toLogical(SchemaBuilder.bytes().parameter(Decimal.SCALE_FIELD, "x").build(), new byte[] {1}));
        assertTrue(notANumber.getMessage().startsWith("Invalid scale parameter found in Decimal schema"));
        assertInstanceOf(NumberFormatException.class, notANumber.getCause());
    }
}
