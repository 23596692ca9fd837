package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed {@code spec} of a {@link Cast}: either one target type for the whole key/value, or a target type per
 * top-level field. Immutable.
 */
final class CastSpec {

    /** Types a value can be cast to. */
    static final Set<Schema.Type> SUPPORTED_TARGET_TYPES = Collections.unmodifiableSet(EnumSet.of(
            Schema.Type.INT8, Schema.Type.INT16, Schema.Type.INT32, Schema.Type.INT64,
            Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN, Schema.Type.STRING));

    private final Schema.Type wholeValueType;
    private final Map<String, Schema.Type> fieldTypes;

    private CastSpec(Schema.Type wholeValueType, Map<String, Schema.Type> fieldTypes) {
        this.wholeValueType = wholeValueType;
        this.fieldTypes = fieldTypes;
    }

    /**
     * Parses entries of the form {@code type} (exactly one entry) or {@code field:type}.
     *
     * @throws ConfigException if the spec is empty, malformed, or names an unknown or unsupported type
     */
    static CastSpec parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new ConfigException(Cast.SPEC_CONFIG, entries, "Must specify at least one field to cast.");
        }
        Schema.Type wholeValueType = null;
        // Later entries for the same field replace earlier ones.
        Map<String, Schema.Type> fieldTypes = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split(":");
            if (parts.length == 1) {
                wholeValueType = parseTargetType(entries, parts[0].trim());
            } else if (parts.length == 2) {
                fieldTypes.put(parts[0].trim(), parseTargetType(entries, parts[1].trim()));
            } else {
                throw new ConfigException(Cast.SPEC_CONFIG, entries, "Invalid cast mapping '" + entry
                        + "'; expected 'field:type', or a single 'type' for the whole value");
            }
        }
        if (wholeValueType != null && entries.size() > 1) {
            throw new ConfigException(Cast.SPEC_CONFIG, entries, "Cast transformations that specify a type to cast "
                    + "the entire value to may only specify a single cast in their spec");
        }
        return new CastSpec(wholeValueType, Collections.unmodifiableMap(fieldTypes));
    }

    private static Schema.Type parseTargetType(List<String> entries, String typeName) {
        Schema.Type type;
        try {
            type = Schema.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Cast.SPEC_CONFIG, entries, "Invalid type found in casting spec: '" + typeName
                    + "'; supported types are " + SUPPORTED_TARGET_TYPES);
        }
        if (!SUPPORTED_TARGET_TYPES.contains(type)) {
            throw new ConfigException(Cast.SPEC_CONFIG, entries, "Cast transformation does not support casting to "
                    + type + "; supported types are " + SUPPORTED_TARGET_TYPES);
        }
        return type;
    }

    /** @return true if the spec casts the whole key/value rather than individual fields */
    boolean castsWholeValue() {
        return wholeValueType != null;
    }

    /** @return the target type of the whole key/value; only meaningful if {@link #castsWholeValue()} */
    Schema.Type wholeValueType() {
        return wholeValueType;
    }

    /** @return the target type per field name, in spec order; empty if the whole value is cast */
    Map<String, Schema.Type> fieldTypes() {
        return fieldTypes;
    }
}
