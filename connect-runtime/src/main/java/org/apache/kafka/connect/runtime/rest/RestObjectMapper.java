package org.apache.kafka.connect.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The single JSON configuration of the REST layer, used for request and response bodies and for forwarded requests
 * alike so that both sides agree. Apache's defaults are kept on purpose: an unknown property in a request body
 * (e.g. a misspelt {@code initial_state}) fails the request instead of being silently ignored.
 */
public final class RestObjectMapper {

    private RestObjectMapper() {
    }

    /** A new, fully configured mapper; ObjectMapper is thread-safe once configured, so callers may share it. */
    public static ObjectMapper create() {
        return JsonMapper.builder().build();
    }
}
