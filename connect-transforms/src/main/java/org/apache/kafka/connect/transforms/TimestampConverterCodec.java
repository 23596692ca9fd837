package org.apache.kafka.connect.transforms;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * The configured textual and numeric timestamp representations of a {@link TimestampConverter}: a
 * {@link SimpleDateFormat} pattern evaluated in UTC (lenient, as the JDK default) and the unit of Unix epoch numbers.
 * Conversions between units truncate toward zero and saturate at the {@code long} range.
 */
final class TimestampConverterCodec {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String pattern;
    // SimpleDateFormat is not thread-safe, so every use synchronizes on it.
    private final SimpleDateFormat format;
    private final TimeUnit unixUnit;

    private TimestampConverterCodec(String pattern, SimpleDateFormat format, TimeUnit unixUnit) {
        this.pattern = pattern;
        this.format = format;
        this.unixUnit = unixUnit;
    }

    /**
     * @param pattern a {@link SimpleDateFormat} pattern, or null/empty when string timestamps are not used
     * @param unixPrecision one of {@code seconds}, {@code milliseconds}, {@code microseconds}, {@code nanoseconds}
     * @throws ConfigException if the pattern is not a valid {@link SimpleDateFormat} pattern
     */
    static TimestampConverterCodec create(String pattern, String unixPrecision) {
        SimpleDateFormat format = null;
        if (pattern != null && !pattern.isEmpty()) {
            try {
                format = new SimpleDateFormat(pattern);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TimestampConverter.FORMAT_CONFIG, pattern,
                        "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: "
                            + e.getMessage());
            }
            format.setTimeZone(UTC);
        }
        return new TimestampConverterCodec(pattern, format, unixUnit(unixPrecision));
    }

    private static TimeUnit unixUnit(String unixPrecision) {
        switch (unixPrecision.toLowerCase(Locale.ROOT)) {
            case "seconds":
                return TimeUnit.SECONDS;
            case "milliseconds":
                return TimeUnit.MILLISECONDS;
            case "microseconds":
                return TimeUnit.MICROSECONDS;
            case "nanoseconds":
                return TimeUnit.NANOSECONDS;
            default:
                throw new ConfigException(TimestampConverter.UNIX_PRECISION_CONFIG, unixPrecision,
                        "Unsupported Unix timestamp precision");
        }
    }

    /**
     * Parses text that starts with a timestamp in the configured pattern (trailing text is ignored).
     *
     * @throws NullPointerException if no pattern is configured
     * @throws DataException if the text does not match the pattern
     */
    Date parse(String text) {
        Objects.requireNonNull(format, "TimestampConverter needs the '" + TimestampConverter.FORMAT_CONFIG
                + "' setting to read string timestamps");
        try {
            synchronized (format) {
                return format.parse(text);
            }
        } catch (ParseException e) {
            throw new DataException("Could not parse timestamp: value (" + text + ") does not match pattern ("
                    + pattern + ")", e);
        }
    }

    /** Formats an instant with the configured pattern; the pattern is known to be set for string targets. */
    String format(Date instant) {
        synchronized (format) {
            return format.format(instant);
        }
    }

    long toUnix(Date instant) {
        return unixUnit.convert(instant.getTime(), TimeUnit.MILLISECONDS);
    }

    Date fromUnix(long unixTime) {
        return new Date(unixUnit.toMillis(unixTime));
    }
}
