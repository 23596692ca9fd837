package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/**
 * One entry of {@code listeners} or {@code admin.listeners}: {@code protocol://host:port}, protocol {@code http} or
 * {@code https} in any case, an empty host meaning all interfaces, an IPv6 host optionally in brackets, port 0 meaning
 * any free port.
 *
 * @param protocol {@code http} or {@code https}, lower case
 * @param host     the host to bind, or null for all interfaces
 */
record RestListener(String protocol, String host, int port) {

    static final String HTTP = "http";
    static final String HTTPS = "https";

    private static final String FORMAT_ERROR = "Listener doesn't have the right format (protocol://hostname:port).";

    static RestListener parse(String listener) {
        String value = listener.trim();
        int schemeEnd = value.indexOf("://");
        if (schemeEnd <= 0) {
            throw new ConfigException(FORMAT_ERROR);
        }
        String protocol = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String hostAndPort = value.substring(schemeEnd + 3);

        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0 || close + 1 >= hostAndPort.length() || hostAndPort.charAt(close + 1) != ':') {
                throw new ConfigException(FORMAT_ERROR);
            }
            host = hostAndPort.substring(1, close);
            port = hostAndPort.substring(close + 2);
        } else {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException(FORMAT_ERROR);
            }
            host = hostAndPort.substring(0, colon);
            port = hostAndPort.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw new ConfigException(FORMAT_ERROR);
        }
        if (!protocol.equals(HTTP) && !protocol.equals(HTTPS)) {
            throw new ConfigException("Listener protocol must be either \"" + HTTP + "\" or \"" + HTTPS + "\".");
        }
        return new RestListener(protocol, host.isEmpty() ? null : host, Integer.parseInt(port));
    }
}
