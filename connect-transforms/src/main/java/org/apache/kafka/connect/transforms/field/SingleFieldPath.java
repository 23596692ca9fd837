package org.apache.kafka.connect.transforms.field;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.Requirements;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A path to one field, possibly nested, of a {@link Struct} (with its {@link Schema}) or of a schemaless
 * {@link Map}. How the path text is split into steps depends on the {@link FieldSyntaxVersion}: with V1 the whole
 * text names one top-level field; with V2 it is a dotted path in which backticks quote names containing dots (the
 * grammar is described in {@code FieldPathParser}).
 * <p>
 * Lookups are lenient about absent data: a missing field or a null parent yields {@code null}; only a parent that
 * exists but is not a struct/map is an error. An empty V2 path is accepted but cannot be resolved against data.
 */
public class SingleFieldPath {

    private static final String NESTED_ACCESS = "nested field access";

    private final FieldSyntaxVersion version;
    private final List<String> steps;

    public SingleFieldPath(String pathText, FieldSyntaxVersion version) {
        Objects.requireNonNull(pathText, "field path must not be null");
        this.version = Objects.requireNonNull(version, "field syntax version must not be null");
        this.steps = version == FieldSyntaxVersion.V1 ? List.of(pathText) : FieldPathParser.parse(pathText);
    }

    /**
     * Returns the field this path designates in {@code schema}, or {@code null} if some step names no field.
     *
     * @throws org.apache.kafka.connect.errors.DataException if a step has to look inside a non-struct schema
     */
    public Field fieldFrom(Schema schema) {
        if (schema == null) {
            return null;
        }
        Schema current = schema;
        int last = lastStepIndex();
        for (int i = 0; i < last; i++) {
            Field parent = current.field(steps.get(i));
            if (parent == null) {
                return null;
            }
            current = parent.schema();
        }
        return current.field(steps.get(last));
    }

    /**
     * Returns the value at this path, using field defaults in place of null values.
     */
    public Object valueFrom(Struct struct) {
        return valueFrom(struct, true);
    }

    /**
     * Returns the value at this path, or {@code null} if a field along it is missing or null. Parent structs are
     * always resolved with their defaults; {@code withDefault} decides only for the designated field itself.
     *
     * @throws org.apache.kafka.connect.errors.DataException if a parent value is not a struct
     */
    public Object valueFrom(Struct struct, boolean withDefault) {
        if (struct == null) {
            return null;
        }
        Struct current = struct;
        int last = lastStepIndex();
        for (int i = 0; i < last; i++) {
            String step = steps.get(i);
            if (current.schema().field(step) == null) {
                return null;
            }
            current = Requirements.requireStructOrNull(current.get(step), NESTED_ACCESS);
            if (current == null) {
                return null;
            }
        }
        String name = steps.get(last);
        if (current.schema().field(name) == null) {
            return null;
        }
        return withDefault ? current.get(name) : current.getWithoutDefault(name);
    }

    /**
     * Returns the value at this path in a schemaless map, or {@code null} if a key along it is absent or null.
     *
     * @throws org.apache.kafka.connect.errors.DataException if a parent value is not a map
     */
    public Object valueFrom(Map<String, Object> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> current = map;
        int last = lastStepIndex();
        for (int i = 0; i < last; i++) {
            current = Requirements.requireMapOrNull(current.get(steps.get(i)), NESTED_ACCESS);
            if (current == null) {
                return null;
            }
        }
        return current.get(steps.get(last));
    }

    private int lastStepIndex() {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("The empty field path does not designate any field");
        }
        return steps.size() - 1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SingleFieldPath)) {
            return false;
        }
        // the syntax version only affects parsing: two paths with the same steps address the same field
        return steps.equals(((SingleFieldPath) o).steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps);
    }

    @Override
    public String toString() {
        return "SingleFieldPath{version=" + version + ", path=" + String.join(".", steps) + "}";
    }
}
