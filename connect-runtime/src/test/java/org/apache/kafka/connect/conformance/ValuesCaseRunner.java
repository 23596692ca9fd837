package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Values;

/**
 * Kinds {@code values.parseString}, {@code values.convert} and {@code values.inferSchema}: one static call on
 * {@link Values}. {@code convert} names the method; it is called directly, not reflectively.
 */
final class ValuesCaseRunner implements CaseRunner {

    @Override
    public ObjectNode run(VectorCase vectorCase) {
        JsonNode input = vectorCase.input();
        switch (vectorCase.kind()) {
            case "values.parseString":
                String text = input.get("string").isNull() ? null : input.get("string").textValue();
                SchemaAndValue parsed = Phase.CALL.run(() -> Values.parseString(text));
                return VectorCodec.encodeSchemaAndValue(parsed);
            case "values.inferSchema":
                Object sample = VectorCodec.decodeValue(input.get("value"));
                Schema inferred = Phase.CALL.run(() -> Values.inferSchema(sample));
                return object("schema", VectorCodec.encodeSchema(inferred));
            case "values.convert":
                return convert(input);
            default:
                throw new IllegalArgumentException("Not a Values kind: " + vectorCase.kind());
        }
    }

    private static ObjectNode convert(JsonNode input) {
        String method = input.get("method").textValue();
        Schema schema = VectorCodec.decodeSchema(input.get("schema"));
        Object value = VectorCodec.decodeValue(input.get("value"));
        Phase.Step<Object> call;
        switch (method) {
            case "convertToBoolean": call = () -> Values.convertToBoolean(schema, value); break;
            case "convertToByte": call = () -> Values.convertToByte(schema, value); break;
            case "convertToShort": call = () -> Values.convertToShort(schema, value); break;
            case "convertToInteger": call = () -> Values.convertToInteger(schema, value); break;
            case "convertToLong": call = () -> Values.convertToLong(schema, value); break;
            case "convertToFloat": call = () -> Values.convertToFloat(schema, value); break;
            case "convertToDouble": call = () -> Values.convertToDouble(schema, value); break;
            case "convertToString": call = () -> Values.convertToString(schema, value); break;
            case "convertToList": call = () -> Values.convertToList(schema, value); break;
            case "convertToMap": call = () -> Values.convertToMap(schema, value); break;
            case "convertToStruct": call = () -> Values.convertToStruct(schema, value); break;
            case "convertToTime": call = () -> Values.convertToTime(schema, value); break;
            case "convertToDate": call = () -> Values.convertToDate(schema, value); break;
            case "convertToTimestamp": call = () -> Values.convertToTimestamp(schema, value); break;
            case "convertToDecimal":
                int scale = VectorCodec.integer(input.get("scale")).intValueExact();
                call = () -> Values.convertToDecimal(schema, value, scale);
                break;
            default:
                throw new IllegalArgumentException("Unknown Values method '" + method + "'");
        }
        return object("value", VectorCodec.encodeValue(Phase.CALL.run(call)));
    }

    private static ObjectNode object(String name, JsonNode member) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set(name, member);
        return node;
    }
}
