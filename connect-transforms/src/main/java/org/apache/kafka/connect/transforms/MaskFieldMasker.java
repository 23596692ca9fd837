package org.apache.kafka.connect.transforms;

import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Produces the masked form of a value for {@link MaskField}, chosen by the value's Java class: a type-appropriate
 * "empty" value (0, false, "", the epoch, an empty list or map), or, when a replacement is configured, that text
 * converted to the value's numeric type or used as is for strings. Null stays null.
 */
final class MaskFieldMasker {

    private final String replacement;

    /** @param replacement the configured replacement text, or null to mask with empty values */
    MaskFieldMasker(String replacement) {
        this.replacement = replacement;
    }

    Object mask(Object value) {
        if (value == null) {
            return null;
        }
        return replacement == null ? emptyValueLike(value) : replacementLike(value);
    }

    private static Object emptyValueLike(Object value) {
        if (value instanceof Boolean) {
            return Boolean.FALSE;
        } else if (value instanceof Byte) {
            return (byte) 0;
        } else if (value instanceof Short) {
            return (short) 0;
        } else if (value instanceof Integer) {
            return 0;
        } else if (value instanceof Long) {
            return 0L;
        } else if (value instanceof Float) {
            return 0f;
        } else if (value instanceof Double) {
            return 0d;
        } else if (value instanceof BigInteger) {
            return BigInteger.ZERO;
        } else if (value instanceof BigDecimal) {
            return BigDecimal.ZERO;
        } else if (value instanceof Date) {
            return new Date(0);
        } else if (value instanceof String) {
            return "";
        } else if (value instanceof List) {
            return Collections.emptyList();
        } else if (value instanceof Map) {
            return Collections.emptyMap();
        }
        throw new DataException("Cannot mask value of type: " + value.getClass());
    }

    private Object replacementLike(Object value) {
        if (value instanceof String) {
            return replacement;
        } else if (value instanceof Byte) {
            return Values.convertToByte(null, replacement);
        } else if (value instanceof Short) {
            return Values.convertToShort(null, replacement);
        } else if (value instanceof Integer) {
            return Values.convertToInteger(null, replacement);
        } else if (value instanceof Long) {
            return Values.convertToLong(null, replacement);
        } else if (value instanceof Float) {
            return Values.convertToFloat(null, replacement);
        } else if (value instanceof Double) {
            return Values.convertToDouble(null, replacement);
        } else if (value instanceof BigInteger) {
            try {
                return new BigInteger(replacement);
            } catch (NumberFormatException e) {
                throw notANumber(e);
            }
        } else if (value instanceof BigDecimal) {
            try {
                return new BigDecimal(replacement);
            } catch (NumberFormatException e) {
                throw notANumber(e);
            }
        }
        throw new DataException("Cannot mask value of type " + value.getClass() + " with custom replacement.");
    }

    private DataException notANumber(NumberFormatException cause) {
        return new DataException("Unable to convert " + replacement + " (" + replacement.getClass() + ") to number",
                cause);
    }
}
