package org.apache.kafka.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Compares a case's {@code expected} outcome with what our components did, by the strict rules of
 * shared/vectors/FORMAT.md: exceptions by simple class name, phase and stage (messages are not compared);
 * results member by member, knowing which members hold tagged values, schemas, bytes or records.
 * <p>
 * Strictness: the Java type is part of a value ({@code int32} is not {@code int64}, {@code bytes} is not
 * {@code bytebuffer}); floats compare as {@code Float/Double.toString} strings; decimals keep their scale;
 * lists, struct fields, schema fields and headers are ordered; only {@code map} tags compare as unordered sets of
 * pairs; schemas compare on every property ({@code parameters: {}} differs from no parameters). Within
 * {@code bytes}, {@code base64} is authoritative and {@code text}, derived from it, is not compared.
 */
final class OutcomeComparator {

    private OutcomeComparator() {
    }

    /** Fails with a description of the first difference, or returns normally when the outcome matches. */
    static void assertMatches(JsonNode expected, ObjectNode actualResult, Phase.Failure actualFailure) {
        if (expected.path("throws").asBoolean(false)) {
            assertFailure(expected, actualResult, actualFailure);
        } else if (actualFailure != null) {
            throw new AssertionFailedError("Expected no exception but got " + actualFailure.getMessage()
                    + "\nexpected: " + expected, actualFailure.exception());
        } else {
            String difference = resultDifference(expected, actualResult);
            if (difference != null) {
                throw new AssertionFailedError(difference + "\nexpected: " + expected + "\nactual:   " + actualResult,
                        expected.toString(), actualResult.toString());
            }
        }
    }

    private static void assertFailure(JsonNode expected, ObjectNode actualResult, Phase.Failure actualFailure) {
        String wanted = expected.path("error").asText() + " in phase " + expected.path("phase").asText()
                + (expected.has("stage") ? " at stage " + expected.get("stage").asInt() : "");
        if (actualFailure == null) {
            throw new AssertionFailedError("Expected " + wanted + " but nothing was thrown; result: " + actualResult);
        }
        Integer expectedStage = expected.hasNonNull("stage") ? expected.get("stage").intValue() : null;
        boolean matches = expected.path("error").asText().equals(actualFailure.exception().getClass().getSimpleName())
                && expected.path("phase").asText().equals(actualFailure.phase().wireName())
                && Objects.equals(expectedStage, actualFailure.stage());
        if (!matches) {
            throw new AssertionFailedError("Expected " + wanted + " but got " + actualFailure.getMessage()
                    + "\nexpected message (informational): " + expected.path("message").asText(""),
                    actualFailure.exception());
        }
    }

    // ---------------------------------------------------------------- results

    private static String resultDifference(JsonNode expected, ObjectNode actual) {
        List<String> expectedMembers = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedMembers::add);
        expectedMembers.remove("throws");
        List<String> actualMembers = new ArrayList<>();
        actual.fieldNames().forEachRemaining(actualMembers::add);
        if (!sameElements(expectedMembers, actualMembers)) {
            return "Result members differ: expected " + expectedMembers + " but got " + actualMembers;
        }
        for (String member : expectedMembers) {
            String path = "$." + member;
            JsonNode e = expected.get(member);
            JsonNode a = actual.get(member);
            String difference;
            switch (member) {
                case "bytes": difference = bytes(path, e, a); break;
                case "schema": difference = schema(path, e, a); break;
                case "value": difference = value(path, e, a); break;
                case "record": difference = record(path, e, a); break;
                case "result": difference = plain(path, e, a); break;
                default: difference = path + ": no comparison rule for this member";
            }
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- tagged values

    private static String value(String path, JsonNode e, JsonNode a) {
        if (isNull(e) || isNull(a) || e.isBoolean() || e.isTextual()) {
            return plain(path, e, a);
        }
        if (e.isArray()) {
            if (!a.isArray() || a.size() != e.size()) {
                return differs(path + " (list)", e, a);
            }
            for (int i = 0; i < e.size(); i++) {
                String difference = value(path + "[" + i + "]", e.get(i), a.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (e.has("struct")) {
            return struct(path, e, a);
        }
        String tag = e.fieldNames().next();
        if (!a.isObject() || a.size() != 1 || !a.has(tag)) {
            return differs(path + " (type " + tag + ")", e, a);
        }
        JsonNode ev = e.get(tag);
        JsonNode av = a.get(tag);
        String at = path + "." + tag;
        switch (tag) {
            case "int8": case "int16": case "int32": case "int64": case "date":
                return integer(at, ev, av);
            case "float32":
                return Float.toString(Float.parseFloat(ev.textValue())).equals(av.textValue()) ? null : differs(at, ev, av);
            case "float64":
                return Double.toString(Double.parseDouble(ev.textValue())).equals(av.textValue()) ? null : differs(at, ev, av);
            case "decimal":
                return plain(at, ev, av);
            case "bytes": case "bytebuffer":
                return Arrays.equals(base64(ev), base64(av)) ? null : differs(at, ev, av);
            case "map":
                return map(at, ev, av);
            default:
                return at + ": unknown value tag in the expected outcome";
        }
    }

    private static String struct(String path, JsonNode e, JsonNode a) {
        if (!a.isObject() || !a.has("struct") || a.size() != e.size()) {
            return differs(path + " (struct)", e, a);
        }
        String difference = schema(path + ".schema", e.get("schema"), a.get("schema"));
        if (difference != null) {
            return difference;
        }
        List<String> expectedFields = names(e.get("struct"));
        List<String> actualFields = names(a.get("struct"));
        if (!expectedFields.equals(actualFields)) {
            return path + ".struct: fields differ: expected " + expectedFields + " but got " + actualFields;
        }
        for (String field : expectedFields) {
            difference = value(path + ".struct." + field, e.get("struct").get(field), a.get("struct").get(field));
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    /** Map tags are unordered: every expected pair must match a distinct actual pair. */
    private static String map(String path, JsonNode e, JsonNode a) {
        if (!a.isArray() || a.size() != e.size()) {
            return differs(path + " (entry count)", e, a);
        }
        List<JsonNode> unmatched = new ArrayList<>();
        a.forEach(unmatched::add);
        for (JsonNode expectedPair : e) {
            Iterator<JsonNode> candidates = unmatched.iterator();
            boolean found = false;
            while (candidates.hasNext() && !found) {
                JsonNode actualPair = candidates.next();
                if (value(path, expectedPair.get(0), actualPair.get(0)) == null
                        && value(path, expectedPair.get(1), actualPair.get(1)) == null) {
                    candidates.remove();
                    found = true;
                }
            }
            if (!found) {
                return path + ": no actual entry matches expected entry " + expectedPair + "; actual entries " + a;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- schemas

    private static String schema(String path, JsonNode e, JsonNode a) {
        if (isNull(e) || isNull(a)) {
            return plain(path, e, a);
        }
        if (!a.isObject() || !sameElements(names(e), names(a))) {
            return path + ": schema properties differ: expected " + names(e) + " but got "
                    + (a.isObject() ? names(a) : a);
        }
        for (String property : names(e)) {
            String at = path + "." + property;
            JsonNode ev = e.get(property);
            JsonNode av = a.get(property);
            String difference;
            switch (property) {
                case "version": difference = isNull(ev) ? plain(at, ev, av) : integer(at, ev, av); break;
                case "parameters": difference = ev.equals(av) ? null : differs(at, ev, av); break;
                case "default": difference = value(at, ev, av); break;
                case "items": case "keys": case "values": difference = schema(at, ev, av); break;
                case "fields": difference = fields(at, ev, av); break;
                default: difference = plain(at, ev, av);
            }
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String fields(String path, JsonNode e, JsonNode a) {
        if (!a.isArray() || a.size() != e.size()) {
            return differs(path + " (field count)", e, a);
        }
        for (int i = 0; i < e.size(); i++) {
            String difference = schema(path + "[" + i + "]", e.get(i), a.get(i));
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- bytes and records

    private static String bytes(String path, JsonNode e, JsonNode a) {
        if (isNull(e) || isNull(a)) {
            return plain(path, e, a);
        }
        return Arrays.equals(base64(e.get("base64")), base64(a.get("base64"))) ? null : differs(path, e, a);
    }

    private static String record(String path, JsonNode e, JsonNode a) {
        if (isNull(e) || isNull(a)) {
            return plain(path, e, a);
        }
        if (!sameElements(names(e), names(a))) {
            return path + ": record members differ: expected " + names(e) + " but got " + names(a);
        }
        for (String member : names(e)) {
            String at = path + "." + member;
            JsonNode ev = e.get(member);
            JsonNode av = a.get(member);
            String difference;
            switch (member) {
                case "partition": case "offset": case "timestamp":
                    difference = isNull(ev) ? plain(at, ev, av) : integer(at, ev, av);
                    break;
                case "keySchema": case "valueSchema": difference = schema(at, ev, av); break;
                case "key": case "value": case "sourcePartition": case "sourceOffset":
                    difference = value(at, ev, av);
                    break;
                case "headers": difference = headers(at, ev, av); break;
                default: difference = plain(at, ev, av);
            }
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String headers(String path, JsonNode e, JsonNode a) {
        if (!a.isArray() || a.size() != e.size()) {
            return differs(path + " (header count)", e, a);
        }
        for (int i = 0; i < e.size(); i++) {
            String at = path + "[" + i + "]";
            String difference = plain(at + ".key", e.get(i).get("key"), a.get(i).get("key"));
            if (difference == null) {
                difference = schema(at + ".schema", e.get(i).get("schema"), a.get(i).get("schema"));
            }
            if (difference == null) {
                difference = value(at + ".value", e.get(i).get("value"), a.get(i).get("value"));
            }
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- leaves

    /** Exact JSON equality for strings, booleans and nulls. */
    private static String plain(String path, JsonNode e, JsonNode a) {
        if (isNull(e) && isNull(a)) {
            return null;
        }
        return Objects.equals(e, a) ? null : differs(path, e, a);
    }

    /** JSON integers compare by value, whatever width Jackson chose to hold them. */
    private static String integer(String path, JsonNode e, JsonNode a) {
        boolean same = e.isIntegralNumber() && a != null && a.isIntegralNumber()
                && e.bigIntegerValue().equals(a.bigIntegerValue());
        return same ? null : differs(path, e, a);
    }

    private static String differs(String path, JsonNode e, JsonNode a) {
        return path + ": expected " + e + " but got " + a;
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull();
    }

    private static byte[] base64(JsonNode node) {
        return node == null || !node.isTextual() ? null : Base64.getDecoder().decode(node.textValue());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean sameElements(List<String> left, List<String> right) {
        return left.size() == right.size() && left.containsAll(right);
    }
}
