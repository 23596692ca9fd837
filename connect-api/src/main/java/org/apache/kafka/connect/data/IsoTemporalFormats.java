package org.apache.kafka.connect.data;

import java.text.DateFormat;
import java.text.ParseException;
import java.text.SimpleDateFormat;

/**
 * The ISO-8601 text forms that {@link Values} uses for Connect's temporal logical types: {@code yyyy-MM-dd} for
 * {@link Date}, {@code HH:mm:ss.SSS'Z'} for {@link Time} and both joined by {@code T} for {@link Timestamp}.
 * <p>
 * Like Apache Kafka, formatting and parsing use the JVM's default time zone, so the literal {@code Z} is only truthful
 * when that zone is UTC. Formats are created per call because {@link SimpleDateFormat} is not thread-safe.
 */
final class IsoTemporalFormats {

    static final String DATE_PATTERN = "yyyy-MM-dd";
    static final String TIME_PATTERN = "HH:mm:ss.SSS'Z'";
    static final String TIMESTAMP_PATTERN = DATE_PATTERN + "'T'" + TIME_PATTERN;

    static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    // Text is recognised as temporal by its exact length in one of the forms, then parsed leniently.
    private static final int DATE_LENGTH = "2000-01-01".length();
    private static final int TIME_LENGTH = "00:00:00.000Z".length();
    private static final int TIMESTAMP_LENGTH = "2000-01-01T00:00:00.000Z".length();

    private IsoTemporalFormats() {
    }

    /**
     * Chooses the form by inspecting the value: less than one day after the epoch (including any instant before it)
     * is a time, an exact multiple of a day is a date, anything else a timestamp.
     */
    static DateFormat formatFor(java.util.Date value) {
        long millis = value.getTime();
        if (millis < MILLIS_PER_DAY) {
            return new SimpleDateFormat(TIME_PATTERN);
        }
        if (millis % MILLIS_PER_DAY == 0) {
            return new SimpleDateFormat(DATE_PATTERN);
        }
        return new SimpleDateFormat(TIMESTAMP_PATTERN);
    }

    /**
     * Reads text in one of the three forms; colons may be escaped as {@code \:}.
     *
     * @return the logical schema and the {@link java.util.Date}, or null when the text is not in any of the forms
     */
    static SchemaAndValue parse(String text) {
        String candidate = text.replace("\\:", ":");
        int length = candidate.length();
        if (length == DATE_LENGTH) {
            return parse(candidate, DATE_PATTERN, Date.SCHEMA);
        }
        if (length == TIME_LENGTH) {
            return parse(candidate, TIME_PATTERN, Time.SCHEMA);
        }
        if (length == TIMESTAMP_LENGTH) {
            return parse(candidate, TIMESTAMP_PATTERN, Timestamp.SCHEMA);
        }
        return null;
    }

    private static SchemaAndValue parse(String text, String pattern, Schema schema) {
        try {
            return new SchemaAndValue(schema, new SimpleDateFormat(pattern).parse(text));
        } catch (ParseException e) {
            return null;
        }
    }
}
