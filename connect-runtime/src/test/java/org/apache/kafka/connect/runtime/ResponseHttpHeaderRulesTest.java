package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.ResponseHttpHeaderRules.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResponseHttpHeaderRulesTest {

    @Test
    void parsesRulesInOrderWithQuotedCommasAndCanonicalActions() {
        List<Rule> rules = ResponseHttpHeaderRules.parse(
                "set X-Frame-Options:DENY, \"add Cache-Control: no-cache, no-store\",SETDATE Expires : 31540000000,");

        assertEquals(List.of(
                new Rule("set", "X-Frame-Options", "DENY"),
                new Rule("add", "Cache-Control", "no-cache, no-store"),
                new Rule("setDate", "Expires", "31540000000")), rules);
    }

    @Test
    void blankConfigHasNoRules() {
        assertEquals(List.of(), ResponseHttpHeaderRules.parse("  "));
    }

    @Test
    void malformedRulesAreRejectedWithTheFirstProblem() {
        assertEquals("Invalid format of header config 'set'. Expected: '[action] [header name]:[header value]'",
                message("set"));
        assertEquals("Invalid format of header name and header value pair 'X-Foo'. Expected: "
                + "'[header name]:[header value]'", message("set X-Foo"));
        assertEquals("Invalid format of header name and header value pair 'X:y:z'. Expected: "
                + "'[header name]:[header value]'", message("set X:y:z"));
        assertEquals("Invalid header name ''. The '[header name]' cannot contain whitespace", message("set :v"));
        assertEquals("Invalid header config action: 'put'. Expected one of [set, add, setDate, addDate]",
                message("put X:y"));
        assertEquals("Invalid format of header config ''. Expected: '[action] [header name]:[header value]'",
                message("set X:a,,add Y:b"));
    }

    private static String message(String config) {
        return assertThrows(ConfigException.class, () -> ResponseHttpHeaderRules.parse(config)).getMessage();
    }
}
