package org.apache.kafka.connect.runtime.distributed;

import java.util.List;

/**
 * The Connect sub-protocols a worker can offer in JoinGroup, from the oldest to the newest. The worker setting
 * {@code connect.protocol} names the newest one a worker speaks; it also offers every older one so the group can
 * settle on a protocol all members support.
 */
public enum ConnectProtocolCompatibility {
    /** Eager rebalancing: every member stops everything at each rebalance (V0 metadata and assignments). */
    EAGER("eager", "default", (short) 0),
    /** Incremental cooperative rebalancing (KIP-415; V1 metadata and assignments). */
    COMPATIBLE("compatible", "compatible", (short) 1),
    /** Incremental cooperative rebalancing with session keys for signed internal requests (KIP-507; V2). */
    SESSIONED("sessioned", "sessioned", (short) 2);

    private final String configValue;
    private final String protocol;
    private final short version;

    ConnectProtocolCompatibility(String configValue, String protocol, short version) {
        this.configValue = configValue;
        this.protocol = protocol;
        this.version = version;
    }

    /** The value of {@code connect.protocol} that selects this compatibility level. */
    public String configValue() {
        return configValue;
    }

    /** The protocol name sent in JoinGroup; note that eager workers call theirs {@code default}. */
    public String protocol() {
        return protocol;
    }

    /** The version header of the metadata and assignments exchanged under this protocol. */
    public short version() {
        return version;
    }

    /** Whether rebalances are incremental and cooperative (only explicitly revoked work is stopped). */
    public boolean isCooperative() {
        return this != EAGER;
    }

    /** The protocols a worker configured with this level offers, most preferred first. */
    public List<ConnectProtocolCompatibility> offeredProtocols() {
        switch (this) {
            case SESSIONED:
                return List.of(SESSIONED, COMPATIBLE, EAGER);
            case COMPATIBLE:
                return List.of(COMPATIBLE, EAGER);
            default:
                return List.of(EAGER);
        }
    }

    /** The level named by a {@code connect.protocol} value (case-insensitive). */
    public static ConnectProtocolCompatibility fromConfigValue(String value) {
        for (ConnectProtocolCompatibility level : values()) {
            if (level.configValue.equalsIgnoreCase(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown Connect protocol compatibility mode: " + value);
    }

    /** The level of the protocol name the coordinator selected for the group. */
    public static ConnectProtocolCompatibility fromProtocol(String protocolName) {
        for (ConnectProtocolCompatibility level : values()) {
            if (level.protocol.equals(protocolName)) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown Connect protocol: " + protocolName);
    }

    /** The level whose metadata and assignments carry this version header. */
    public static ConnectProtocolCompatibility fromVersion(short version) {
        for (ConnectProtocolCompatibility level : values()) {
            if (level.version == version) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown Connect protocol version: " + version);
    }

    @Override
    public String toString() {
        return configValue;
    }
}
