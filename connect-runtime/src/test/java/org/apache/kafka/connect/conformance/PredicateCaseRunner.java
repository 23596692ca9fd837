package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Kind {@code predicate}: {@code new P()}, {@code configure(config)}, {@code test(record)}. The runtime's
 * {@code negate} flag plays no part here; it belongs to {@link TransformCaseRunner}.
 */
final class PredicateCaseRunner implements CaseRunner {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ObjectNode run(VectorCase vectorCase) throws Exception {
        Class<? extends Predicate> type = Components.load(vectorCase.className(), Predicate.class);
        ConnectRecord<?> record = RecordCodec.decodeRecord(vectorCase.input().get("record"));

        Predicate predicate = Phase.CONFIGURE.run(() -> {
            Predicate created = Components.instantiate(type);
            created.configure(vectorCase.config());
            return created;
        });
        try {
            boolean matches = Phase.TEST.run(() -> predicate.test(record));
            return JsonNodeFactory.instance.objectNode().put("result", matches);
        } finally {
            predicate.close();
        }
    }
}
