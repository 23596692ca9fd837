package org.apache.kafka.connect.transforms.field;

import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits a {@link FieldSyntaxVersion#V2} path into field names.
 * <p>
 * Steps are separated by dots. A step that starts with a backtick is quoted: it extends to the first later
 * backtick that is not preceded by a backslash and is followed by a dot or the end of the path, so it may contain
 * dots; inside it, {@code \`.} stands for {@code `.}. Any other step runs up to the next dot and is taken
 * literally (backticks included). Empty steps are kept, so {@code a.} has the steps {@code a} and {@code ""}; the
 * empty path has no steps at all.
 */
final class FieldPathParser {

    private static final char SEPARATOR = '.';
    private static final char QUOTE = '`';
    private static final char ESCAPE = '\\';
    private static final String ESCAPED_QUOTE_BEFORE_SEPARATOR = "" + ESCAPE + QUOTE + SEPARATOR;
    private static final String QUOTE_BEFORE_SEPARATOR = "" + QUOTE + SEPARATOR;

    private FieldPathParser() {
    }

    static List<String> parse(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        int start = 0;
        while (true) {
            int end;
            if (start < path.length() && path.charAt(start) == QUOTE) {
                int closing = closingQuote(path, start);
                String quoted = path.substring(start + 1, closing);
                steps.add(quoted.replace(ESCAPED_QUOTE_BEFORE_SEPARATOR, QUOTE_BEFORE_SEPARATOR));
                end = closing + 1;
            } else {
                int dot = path.indexOf(SEPARATOR, start);
                end = dot < 0 ? path.length() : dot;
                steps.add(path.substring(start, end));
            }
            if (end >= path.length()) {
                return Collections.unmodifiableList(steps);
            }
            start = end + 1; // skip the separator
        }
    }

    private static int closingQuote(String path, int opening) {
        for (int i = path.indexOf(QUOTE, opening + 1); i >= 0; i = path.indexOf(QUOTE, i + 1)) {
            boolean escaped = path.charAt(i - 1) == ESCAPE;
            boolean endsStep = i + 1 == path.length() || path.charAt(i + 1) == SEPARATOR;
            if (!escaped && endsStep) {
                return i;
            }
        }
        throw new ConfigException("Incomplete backtick pair in path: [" + path + "], consider adding a backslash "
                + "before the backtick at position " + opening + " to escape it");
    }
}
