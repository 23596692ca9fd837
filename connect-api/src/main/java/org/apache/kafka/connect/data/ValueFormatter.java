package org.apache.kafka.connect.data;

import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes Connect values in the compact text form that {@link ValueParser} reads back: lists as {@code [a,b]}, maps
 * as {@code {k:v}}, structs as {@code {"field":value}}, bytes as Base64 and dates in the {@link IsoTemporalFormats}
 * form chosen by the value. A string stands as it is at the top level; inside a container it is double-quoted with
 * {@code \} and {@code "} escaped. No whitespace is added.
 */
final class ValueFormatter {

    private static final String NULL = "null";
    private static final char QUOTE = '"';
    private static final char ESCAPE = '\\';

    private ValueFormatter() {
    }

    /** @return the text form of the value, or null for a null value */
    static String format(Object value) {
        if (value == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        append(text, value, false);
        return text.toString();
    }

    /**
     * @param embedded whether the value sits inside a list, map or struct, where strings and Base64 text are quoted
     * @throws DataException if the value is not of a Connect type
     */
    static void append(StringBuilder text, Object value, boolean embedded) {
        if (value == null) {
            text.append(NULL);
        } else if (value instanceof String) {
            appendText(text, (String) value, embedded);
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else if (value instanceof byte[]) {
            appendText(text, Base64.getEncoder().encodeToString((byte[]) value), embedded);
        } else if (value instanceof ByteBuffer) {
            appendText(text, Base64.getEncoder().encodeToString(contentUpToLimit((ByteBuffer) value)), embedded);
        } else if (value instanceof java.util.Date) {
            java.util.Date date = (java.util.Date) value;
            text.append(IsoTemporalFormats.formatFor(date).format(date));
        } else if (value instanceof List) {
            text.append('[');
            appendElements(text, ((List<?>) value).iterator());
            text.append(']');
        } else if (value instanceof Map) {
            appendEntries(text, (Map<?, ?>) value);
        } else if (value instanceof Struct) {
            appendFields(text, (Struct) value);
        } else {
            throw new DataException("Failed to serialize unexpected value type " + value.getClass().getName() + ": "
                + value);
        }
    }

    /** Appends the elements comma-separated, in embedded form, without brackets. */
    static void appendElements(StringBuilder text, Iterator<?> elements) {
        boolean first = true;
        while (elements.hasNext()) {
            if (!first) {
                text.append(',');
            }
            append(text, elements.next(), true);
            first = false;
        }
    }

    /** @return the text with every backslash and double quote preceded by a backslash */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || c == QUOTE) {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static void appendText(StringBuilder text, String value, boolean embedded) {
        if (embedded) {
            text.append(QUOTE).append(escape(value)).append(QUOTE);
        } else {
            text.append(value);
        }
    }

    private static void appendEntries(StringBuilder text, Map<?, ?> map) {
        text.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                text.append(',');
            }
            append(text, entry.getKey(), true);
            text.append(':');
            append(text, entry.getValue(), true);
            first = false;
        }
        text.append('}');
    }

    private static void appendFields(StringBuilder text, Struct struct) {
        text.append('{');
        boolean first = true;
        for (Field field : struct.schema().fields()) {
            if (!first) {
                text.append(',');
            }
            appendText(text, field.name(), true);
            text.append(':');
            // get() rather than getWithoutDefault(): an unset field is written as its default
            append(text, struct.get(field), true);
            first = false;
        }
        text.append('}');
    }

    /** Apache writes a buffer from its start to its limit, whatever its position; so do we. */
    private static byte[] contentUpToLimit(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        view.rewind();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
