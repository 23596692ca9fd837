package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Kinds {@code headerConverter.fromConnectHeader} and {@code headerConverter.toConnectHeader}: {@code new C()},
 * {@code configure(config)} (the single-map overload, with the config exactly as given), then one conversion.
 */
final class HeaderConverterCaseRunner implements CaseRunner {

    @Override
    public ObjectNode run(VectorCase vectorCase) throws Exception {
        Class<? extends HeaderConverter> type = Components.load(vectorCase.className(), HeaderConverter.class);
        JsonNode input = vectorCase.input();
        String topic = input.get("topic").textValue();
        String headerKey = input.get("headerKey").textValue();
        boolean fromConnect = vectorCase.kind().equals("headerConverter.fromConnectHeader");

        Schema schema = fromConnect ? VectorCodec.decodeSchema(input.get("schema")) : null;
        Object value = fromConnect ? VectorCodec.decodeValue(input.get("value")) : null;
        byte[] bytes = fromConnect ? null : VectorCodec.decodeBytes(input.get("bytes"));

        HeaderConverter converter = Phase.CONFIGURE.run(() -> {
            HeaderConverter created = Components.instantiate(type);
            created.configure(vectorCase.config());
            return created;
        });
        try {
            if (fromConnect) {
                byte[] serialized = Phase.CONVERT.run(() -> converter.fromConnectHeader(topic, headerKey, schema, value));
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.set("bytes", VectorCodec.encodeBytes(serialized));
                return result;
            }
            SchemaAndValue deserialized = Phase.CONVERT.run(() -> converter.toConnectHeader(topic, headerKey, bytes));
            return VectorCodec.encodeSchemaAndValue(deserialized);
        } finally {
            converter.close();
        }
    }
}
