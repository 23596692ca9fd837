package org.apache.kafka.connect.runtime;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks of validation step 3 (rest-api.md) that involve several keys or the worker: a sink's topics and dead
 * letter queue, a sink's consumer group against the Connect group, and a source's exactly-once requirements. Each
 * problem becomes an error on the key it concerns.
 */
final class PreflightChecks {

    private final WorkerConfig workerConfig;
    private final Map<String, String> props;
    private final Map<String, ConfigValue> validated;

    /** @param validated the validated framework values, to which the errors are added */
    PreflightChecks(WorkerConfig workerConfig, Map<String, String> props, Map<String, ConfigValue> validated) {
        this.workerConfig = workerConfig;
        this.props = props;
        this.validated = validated;
    }

    void checkSinkTopics() {
        for (SinkConnectorConfig.TopicsError error : SinkConnectorConfig.topicsErrors(props)) {
            addError(error.key(), error.message());
        }
    }

    /** In a Connect cluster, a sink connector must not consume with the workers' own group id. */
    void checkSinkConsumerGroup() {
        String workerGroup = workerConfig.groupId();
        if (workerGroup == null) {
            return;
        }
        String overrideKey = ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX + "group.id";
        String overridden = props.get(overrideKey);
        String name = props.get(ConnectorConfig.NAME_CONFIG);
        if (overridden != null) {
            if (overridden.equals(workerGroup)) {
                addError(overrideKey, "Consumer group " + overridden + " conflicts with Connect worker group "
                        + workerGroup);
            }
        } else if (ClientConfigs.sinkConsumerGroupId(name).equals(workerGroup)) {
            addError(ConnectorConfig.NAME_CONFIG, "Consumer group for sink connector named " + name
                    + " conflicts with Connect worker group " + workerGroup);
        }
    }

    /** In a Connect cluster, checks {@code exactly.once.support=required} and connector-defined transactions. */
    void checkExactlyOnceSupport(SourceConnector connector) {
        if (workerConfig.groupId() == null) {
            return;
        }
        String supportKey = SourceConnectorConfig.EXACTLY_ONCE_SUPPORT_CONFIG;
        if (is(supportKey, SourceConnectorConfig.ExactlyOnceSupportLevel.REQUIRED.toString())) {
            if (!workerConfig.exactlyOnceSourceEnabled()) {
                addError(supportKey, "This worker does not have exactly-once source support enabled.");
            }
            askConnector(supportKey, () -> connector.exactlyOnceSupport(props),
                    "The connector does not declare whether it supports exactly-once semantics with the provided "
                            + "configuration (it returned null); set " + supportKey + " to 'requested' to run it "
                            + "anyway.",
                    ExactlyOnceSupport.UNSUPPORTED,
                    "The connector does not support exactly-once semantics with the provided configuration.");
        }
        String boundaryKey = SourceConnectorConfig.TRANSACTION_BOUNDARY_CONFIG;
        if (is(boundaryKey, "connector")) {
            askConnector(boundaryKey, () -> connector.canDefineTransactionBoundaries(props),
                    "The connector returned null from canDefineTransactionBoundaries, which is not permitted; it "
                            + "must say whether it can define transaction boundaries.",
                    ConnectorTransactionBoundaries.UNSUPPORTED,
                    "The connector does not support connector-defined transaction boundaries with the given "
                            + "configuration. Please reconfigure it to use a different transaction boundary "
                            + "definition.");
        }
    }

    private boolean is(String key, String expected) {
        String value = props.get(key);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals(expected);
    }

    private void askConnector(String key, Supplier<Object> question, String nullMessage, Object unsupported,
                              String unsupportedMessage) {
        Object answer;
        try {
            answer = question.get();
        } catch (RuntimeException e) {
            addError(key, "An unexpected error occurred during validation: " + e.getMessage());
            return;
        }
        if (answer == null) {
            addError(key, nullMessage);
        } else if (answer == unsupported) {
            addError(key, unsupportedMessage);
        }
    }

    private void addError(String key, String message) {
        validated.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
    }
}
