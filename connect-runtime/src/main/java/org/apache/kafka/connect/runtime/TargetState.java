package org.apache.kafka.connect.runtime;

/**
 * The state a user asked a connector to be in (stored in the config topic / standalone config store), as opposed
 * to the state it is observed in ({@link AbstractStatus.State}).
 */
public enum TargetState {
    /** Run the connector and its tasks. */
    STARTED,
    /** Keep the connector and tasks alive but stop processing records. */
    PAUSED,
    /** Shut the connector down and remove its task configs, keeping its config (KIP-875). */
    STOPPED
}
