package org.apache.kafka.connect.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A connector given on the standalone command line. The file is read as, in this order: a JSON object of strings
 * (the connector config), a JSON {@code POST /connectors} body ({@code name}, {@code config},
 * {@code initial_state}), or a Java properties file. The config always contains {@code name}.
 */
record ConnectorConfigFile(String name, Map<String, String> config, TargetState initialState) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @throws ConnectException if the file cannot be read, names no connector, or its two names disagree
     */
    static ConnectorConfigFile read(Path path) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectException("Failed to read connector configuration at '" + path + "'", e);
        }
        ConnectorConfigFile fromJson = parseJson(path, content);
        if (fromJson != null) {
            return fromJson;
        }
        Map<String, String> properties;
        try {
            properties = Utils.propsToStringMap(Utils.loadProps(path.toString()));
        } catch (IOException e) {
            throw new ConnectException("Failed to read connector configuration at '" + path + "'", e);
        }
        String name = properties.get(ConnectorConfig.NAME_CONFIG);
        if (name == null) {
            throw missingName(path);
        }
        return new ConnectorConfigFile(name, properties, null);
    }

    /** The connector the JSON describes, or null if the content is not one of the two JSON shapes. */
    private static ConnectorConfigFile parseJson(Path path, String content) {
        try {
            Map<String, String> flat = JSON.readValue(content, new TypeReference<Map<String, String>>() { });
            if (flat != null && flat.get(ConnectorConfig.NAME_CONFIG) != null) {
                return new ConnectorConfigFile(flat.get(ConnectorConfig.NAME_CONFIG), flat, null);
            }
        } catch (JsonProcessingException e) {
            // Not a flat map of strings: try the request shape.
        }
        CreateConnectorRequest request;
        try {
            request = JSON.readValue(content, CreateConnectorRequest.class);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (request == null || request.name() == null || request.config() == null) {
            return null;
        }
        Map<String, String> config = new HashMap<>(request.config());
        String configName = config.get(ConnectorConfig.NAME_CONFIG);
        if (configName == null) {
            config.put(ConnectorConfig.NAME_CONFIG, request.name());
        } else if (!configName.equals(request.name())) {
            throw new ConnectException("Connector configuration at '" + path + "' has a 'name' (" + request.name()
                    + ") that does not match the 'name' in its 'config' (" + configName + ")");
        }
        return new ConnectorConfigFile(request.name(), config, request.initialTargetState());
    }

    private static ConnectException missingName(Path path) {
        return new ConnectException("Connector configuration at '" + path
                + "' is missing the mandatory '" + ConnectorConfig.NAME_CONFIG + "' configuration");
    }
}
