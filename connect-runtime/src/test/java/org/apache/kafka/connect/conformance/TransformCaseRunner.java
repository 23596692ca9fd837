package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code transform}: a chain of stages, each a transformation optionally guarded by a predicate, run with
 * the runtime's semantics. Every stage (and its predicate) is configured before the record enters the chain;
 * a guarded stage applies only when {@code predicate.test(record) XOR negate}; a null result drops the record.
 */
final class TransformCaseRunner implements CaseRunner {

    @Override
    public ObjectNode run(VectorCase vectorCase) throws Exception {
        List<StageSpec> specs = new ArrayList<>();
        for (JsonNode stage : vectorCase.stages()) {
            specs.add(StageSpec.fromJson(stage));
        }
        ConnectRecord<?> record = RecordCodec.decodeRecord(vectorCase.input().get("record"));

        List<Stage> stages = new ArrayList<>();
        try {
            for (int index = 0; index < specs.size(); index++) {
                StageSpec spec = specs.get(index);
                stages.add(Phase.CONFIGURE.run(index, spec::configure));
            }
            for (int index = 0; index < stages.size() && record != null; index++) {
                Stage stage = stages.get(index);
                ConnectRecord<?> input = record;
                record = Phase.APPLY.run(index, () -> stage.apply(input));
            }
        } finally {
            for (Stage stage : stages) {
                stage.close();
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("record", RecordCodec.encodeRecord(record));
        return result;
    }

    /** A stage as described by the case: classes resolved, nothing instantiated yet. */
    @SuppressWarnings("rawtypes")
    private static final class StageSpec {
        private final Class<? extends Transformation> transformation;
        private final Map<String, String> config;
        private final Class<? extends Predicate> predicate;
        private final Map<String, String> predicateConfig;
        private final boolean negate;

        private StageSpec(Class<? extends Transformation> transformation, Map<String, String> config,
                          Class<? extends Predicate> predicate, Map<String, String> predicateConfig, boolean negate) {
            this.transformation = transformation;
            this.config = config;
            this.predicate = predicate;
            this.predicateConfig = predicateConfig;
            this.negate = negate;
        }

        static StageSpec fromJson(JsonNode stage) {
            JsonNode guard = stage.get("predicate");
            boolean guarded = guard != null && !guard.isNull();
            return new StageSpec(
                    Components.load(stage.get("class").textValue(), Transformation.class),
                    VectorCase.configOf(stage.get("config")),
                    guarded ? Components.load(guard.get("class").textValue(), Predicate.class) : null,
                    guarded ? VectorCase.configOf(guard.get("config")) : null,
                    guarded && guard.path("negate").asBoolean(false));
        }

        Stage configure() throws Exception {
            Transformation<?> configuredTransformation = Components.instantiate(transformation);
            configuredTransformation.configure(config);
            Predicate<?> configuredPredicate = null;
            if (predicate != null) {
                configuredPredicate = Components.instantiate(predicate);
                configuredPredicate.configure(predicateConfig);
            }
            return new Stage(configuredTransformation, configuredPredicate, negate);
        }
    }

    /**
     * A configured stage. Raw types are confined here: the chain carries sink or source records, which the
     * self-referential bound {@code R extends ConnectRecord<R>} cannot express for both at once.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Stage {
        private final Transformation transformation;
        private final Predicate predicate;
        private final boolean negate;

        Stage(Transformation<?> transformation, Predicate<?> predicate, boolean negate) {
            this.transformation = transformation;
            this.predicate = predicate;
            this.negate = negate;
        }

        ConnectRecord<?> apply(ConnectRecord<?> record) {
            if (predicate != null && predicate.test(record) == negate) {
                return record;
            }
            return (ConnectRecord<?>) transformation.apply(record);
        }

        void close() {
            transformation.close();
            if (predicate != null) {
                predicate.close();
            }
        }
    }
}
