package org.apache.kafka.connect.json;

/**
 * How {@link JsonConverter} writes values of the logical type {@link org.apache.kafka.connect.data.Decimal}.
 * Reading accepts either form regardless of this setting.
 */
public enum DecimalFormat {

    /** The unscaled value as big-endian two's-complement bytes, Base64-encoded in a JSON string. */
    BASE64,

    /** A JSON number carrying the exact decimal value, e.g. {@code 12.30}. */
    NUMERIC
}
