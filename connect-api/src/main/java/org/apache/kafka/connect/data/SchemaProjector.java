package org.apache.kafka.connect.data;

import org.apache.kafka.common.annotation.InterfaceAudience;
import org.apache.kafka.connect.errors.SchemaProjectorException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts a value written with one schema into a value of a compatible target schema, as needed when a sink
 * must present records of several schema versions in a single version.
 * <p>
 * Compatible means: equal types, or a numeric widening along INT8 &rarr; INT16 &rarr; INT32 &rarr; INT64 &rarr;
 * FLOAT32 &rarr; FLOAT64; equal names; equal parameters (versions are not compared). An optional source needs a
 * required target to have a default value, which replaces null. Structs are projected field by field in the
 * target's field order: a target field missing from the source stays unset if optional, takes its default if it
 * has one, and is an error otherwise. Arrays and maps are projected element by element. Values are not validated
 * beyond that: a value of an equal type is passed through as it is.
 */
@InterfaceAudience.Public
public class SchemaProjector {

    /**
     * Projects {@code record}, a value of {@code source}, onto {@code target}.
     *
     * @throws SchemaProjectorException if the schemas are not compatible
     */
    public static Object project(Schema source, Object record, Schema target) throws SchemaProjectorException {
        checkMaybeCompatible(source, target);
        if (source.isOptional() && !target.isOptional()) {
            Object targetDefault = target.defaultValue();
            if (targetDefault == null) {
                throw new SchemaProjectorException(
                    "Writer schema is optional, however, target schema does not provide a default value.");
            }
            return record == null ? targetDefault : projectValue(source, record, target);
        }
        return record == null ? null : projectValue(source, record, target);
    }

    private static Object projectValue(Schema source, Object record, Schema target) {
        switch (target.type()) {
            case STRUCT:
                return projectStruct(source, (Struct) record, target);
            case ARRAY:
                return projectArray(source, (List<?>) record, target);
            case MAP:
                return projectMap(source, (Map<?, ?>) record, target);
            default:
                return projectPrimitive(source, record, target);
        }
    }

    private static Struct projectStruct(Schema source, Struct record, Schema target) {
        Struct projected = new Struct(target);
        for (Field targetField : target.fields()) {
            Field sourceField = source.field(targetField.name());
            if (sourceField != null) {
                Object value;
                try {
                    value = project(sourceField.schema(), record.get(sourceField), targetField.schema());
                } catch (SchemaProjectorException e) {
                    throw new SchemaProjectorException("Error projecting " + targetField.name(), e);
                }
                projected.put(targetField, value);
            } else if (!targetField.schema().isOptional()) {
                Object targetDefault = targetField.schema().defaultValue();
                if (targetDefault == null) {
                    throw new SchemaProjectorException("Required field `" + targetField.name()
                        + "` is missing from source schema: " + source);
                }
                projected.put(targetField, targetDefault);
            }
            // A missing optional target field is left unset, even if it has a default.
        }
        return projected;
    }

    private static List<Object> projectArray(Schema source, List<?> record, Schema target) {
        Schema sourceElement = source.valueSchema();
        Schema targetElement = target.valueSchema();
        List<Object> projected = new ArrayList<>(record.size());
        for (Object element : record) {
            projected.add(project(sourceElement, element, targetElement));
        }
        return projected;
    }

    private static Map<Object, Object> projectMap(Schema source, Map<?, ?> record, Schema target) {
        Schema sourceKey = source.keySchema();
        Schema sourceValue = source.valueSchema();
        Schema targetKey = target.keySchema();
        Schema targetValue = target.valueSchema();
        Map<Object, Object> projected = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : record.entrySet()) {
            projected.put(project(sourceKey, entry.getKey(), targetKey),
                project(sourceValue, entry.getValue(), targetValue));
        }
        return projected;
    }

    private static Object projectPrimitive(Schema source, Object record, Schema target) {
        if (source.type() == target.type() || !(record instanceof Number)) {
            return record;
        }
        Number number = (Number) record;
        switch (target.type()) {
            case INT16:
                return number.shortValue();
            case INT32:
                return number.intValue();
            case INT64:
                return number.longValue();
            case FLOAT32:
                return number.floatValue();
            case FLOAT64:
                return number.doubleValue();
            default:
                // Not reachable: checkMaybeCompatible only lets widenings to the types above through.
                throw new SchemaProjectorException("Cannot promote " + source.type() + " to " + target.type());
        }
    }

    private static void checkMaybeCompatible(Schema source, Schema target) {
        if (source.type() != target.type() && !isPromotable(source.type(), target.type())) {
            throw new SchemaProjectorException("Schema type mismatch. source type: " + source.type()
                + " and target type: " + target.type());
        }
        if (!Objects.equals(source.name(), target.name())) {
            throw new SchemaProjectorException("Schema name mismatch. source name: " + source.name()
                + " and target name: " + target.name());
        }
        if (!Objects.equals(source.parameters(), target.parameters())) {
            throw new SchemaProjectorException("Schema parameters not equal. source parameters: "
                + source.parameters() + " and target parameters: " + target.parameters());
        }
    }

    private static boolean isPromotable(Schema.Type sourceType, Schema.Type targetType) {
        int sourceRank = numericRank(sourceType);
        int targetRank = numericRank(targetType);
        return sourceRank >= 0 && targetRank > sourceRank;
    }

    /** Position in the numeric widening chain, or -1 for a non-numeric type. */
    private static int numericRank(Schema.Type type) {
        switch (type) {
            case INT8:
                return 0;
            case INT16:
                return 1;
            case INT32:
                return 2;
            case INT64:
                return 3;
            case FLOAT32:
                return 4;
            case FLOAT64:
                return 5;
            default:
                return -1;
        }
    }
}
