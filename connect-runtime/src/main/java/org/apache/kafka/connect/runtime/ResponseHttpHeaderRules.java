package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code response.http.headers.config}: comma-separated rules {@code <action> <name>:<value>}, where action is
 * {@code set}, {@code add}, {@code setDate} or {@code addDate} (any case) and a rule containing a comma is wrapped
 * in double quotes, e.g. {@code "add Cache-Control: no-cache, no-store",set X-Frame-Options:DENY}. The worker
 * checks the rules when it parses its config; the REST server applies them.
 */
public final class ResponseHttpHeaderRules {

    /** The actions in the spelling used by error messages. */
    private static final List<String> ACTIONS = List.of("set", "add", "setDate", "addDate");

    /** One header rule; {@code action} is one of {@code set, add, setDate, addDate} in that spelling. */
    public record Rule(String action, String name, String value) {
    }

    private ResponseHttpHeaderRules() {
    }

    /**
     * @return the rules in order; empty for a blank value
     * @throws ConfigException naming the first malformed rule
     */
    public static List<Rule> parse(String config) {
        List<Rule> rules = new ArrayList<>();
        if (config == null || config.isBlank()) {
            return rules;
        }
        for (String rule : splitRules(config)) {
            rules.add(parseRule(unquote(rule.trim())));
        }
        return rules;
    }

    /** Splits on commas outside double quotes; empty rules at the end (a trailing comma) are ignored. */
    private static List<String> splitRules(String config) {
        List<String> rules = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : config.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                rules.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        rules.add(current.toString());
        while (!rules.isEmpty() && rules.get(rules.size() - 1).isBlank()) {
            rules.remove(rules.size() - 1);
        }
        return rules;
    }

    private static String unquote(String rule) {
        if (rule.length() >= 2 && rule.startsWith("\"") && rule.endsWith("\"")) {
            return rule.substring(1, rule.length() - 1).trim();
        }
        return rule;
    }

    private static Rule parseRule(String rule) {
        String[] actionAndHeader = rule.split("\\s+", 2);
        if (actionAndHeader.length < 2) {
            throw new ConfigException("Invalid format of header config '" + rule
                    + "'. Expected: '[action] [header name]:[header value]'");
        }
        String action = canonicalAction(actionAndHeader[0]);
        String[] nameAndValue = actionAndHeader[1].split(":");
        if (nameAndValue.length != 2) {
            throw new ConfigException("Invalid format of header name and header value pair '" + actionAndHeader[1]
                    + "'. Expected: '[header name]:[header value]'");
        }
        String name = nameAndValue[0].trim();
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException("Invalid header name '" + name
                    + "'. The '[header name]' cannot contain whitespace");
        }
        return new Rule(action, name, nameAndValue[1].trim());
    }

    private static String canonicalAction(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        for (String known : ACTIONS) {
            if (known.toLowerCase(Locale.ROOT).equals(lower)) {
                return known;
            }
        }
        throw new ConfigException("Invalid header config action: '" + action + "'. Expected one of " + ACTIONS);
    }
}
