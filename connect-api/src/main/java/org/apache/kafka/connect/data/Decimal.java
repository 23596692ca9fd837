package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The logical type for arbitrary-precision decimal numbers, represented in Java by {@link BigDecimal}. It is
 * stored as BYTES holding the unscaled value in big-endian two's-complement form; the scale is fixed by the
 * schema's {@value #SCALE_FIELD} parameter.
 */
@InterfaceAudience.Public
public class Decimal {

    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
    public static final String SCALE_FIELD = "scale";

    /** A builder of Decimal schemas with the given scale, to make them optional, documented, etc. */
    public static SchemaBuilder builder(int scale) {
        return SchemaBuilder.bytes()
            .name(LOGICAL_NAME)
            .parameter(SCALE_FIELD, Integer.toString(scale))
            .version(1);
    }

    public static Schema schema(int scale) {
        return builder(scale).build();
    }

    /**
     * Encodes a decimal as the bytes of its unscaled value.
     *
     * @throws DataException if the value's scale differs from the schema's, or the schema has no valid scale
     */
    public static byte[] fromLogical(Schema schema, BigDecimal value) {
        int scale = scale(schema);
        if (value.scale() != scale) {
            throw new DataException("Decimal value has mismatching scale for given Decimal schema. Schema has scale "
                + scale + ", value has scale " + value.scale() + ".");
        }
        return value.unscaledValue().toByteArray();
    }

    /**
     * Decodes the bytes of an unscaled value, applying the schema's scale.
     *
     * @throws DataException if the schema has no valid scale
     */
    public static BigDecimal toLogical(Schema schema, byte[] value) {
        return new BigDecimal(new BigInteger(value), scale(schema));
    }

    private static int scale(Schema schema) {
        Map<String, String> parameters = schema.parameters();
        String scale = parameters == null ? null : parameters.get(SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }
        try {
            return Integer.parseInt(scale);
        } catch (NumberFormatException e) {
            throw new DataException("Invalid scale parameter found in Decimal schema: ", e);
        }
    }
}
