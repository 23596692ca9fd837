package org.apache.kafka.connect.runtime.rest;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.ResponseHttpHeaderRules;
import org.apache.kafka.connect.runtime.ResponseHttpHeaderRules.Rule;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.List;

/**
 * Applies the {@code response.http.headers.config} rules to every response of the handlers it wraps. The headers
 * are written before the request is handled, so a header the application sets itself wins over a {@code set} rule.
 * {@code setDate}/{@code addDate} values are offsets in milliseconds from the time of the request, sent as HTTP dates.
 */
final class ResponseHeadersHandler extends Handler.Wrapper {

    private final List<Rule> rules;

    /**
     * @param config the value of {@code response.http.headers.config}
     * @throws ConfigException if a rule is malformed or a date rule's value is not a number of milliseconds
     */
    ResponseHeadersHandler(String config) {
        this.rules = List.copyOf(ResponseHttpHeaderRules.parse(config));
        for (Rule rule : rules) {
            if (rule.action().endsWith("Date") && !rule.value().matches("-?[0-9]{1,18}")) {
                throw new ConfigException("Invalid header config '" + rule.action() + " " + rule.name() + ":"
                        + rule.value() + "': the value of a date rule is an offset in milliseconds");
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        long now = System.currentTimeMillis();
        for (Rule rule : rules) {
            switch (rule.action()) {
                case "set" -> headers.put(rule.name(), rule.value());
                case "add" -> headers.add(rule.name(), rule.value());
                case "setDate" -> headers.putDate(rule.name(), now + Long.parseLong(rule.value()));
                case "addDate" -> headers.addDateField(rule.name(), now + Long.parseLong(rule.value()));
                default -> throw new IllegalStateException("Unknown header action " + rule.action());
            }
        }
        return super.handle(request, response, callback);
    }
}
