package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kinds {@code converter.fromConnectData} and {@code converter.toConnectData}: {@code new C()},
 * {@code configure(config, isKey)}, then one conversion.
 */
final class ConverterCaseRunner implements CaseRunner {

    @Override
    public ObjectNode run(VectorCase vectorCase) throws Exception {
        Class<? extends Converter> type = Components.load(vectorCase.className(), Converter.class);
        JsonNode input = vectorCase.input();
        String topic = input.get("topic").textValue();
        boolean fromConnect = vectorCase.kind().equals("converter.fromConnectData");

        // Inputs are decoded before anything runs, so a decoding problem can never pass for an expected failure.
        Schema schema = fromConnect ? VectorCodec.decodeSchema(input.get("schema")) : null;
        Object value = fromConnect ? VectorCodec.decodeValue(input.get("value")) : null;
        byte[] bytes = fromConnect ? null : VectorCodec.decodeBytes(input.get("bytes"));

        Converter converter = Phase.CONFIGURE.run(() -> {
            Converter created = Components.instantiate(type);
            created.configure(vectorCase.config(), vectorCase.isKey());
            return created;
        });
        try {
            if (fromConnect) {
                byte[] serialized = Phase.CONVERT.run(() -> converter.fromConnectData(topic, schema, value));
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                result.set("bytes", VectorCodec.encodeBytes(serialized));
                return result;
            }
            SchemaAndValue deserialized = Phase.CONVERT.run(() -> converter.toConnectData(topic, bytes));
            return VectorCodec.encodeSchemaAndValue(deserialized);
        } finally {
            converter.close();
        }
    }
}
