package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.protocol.types.SchemaException;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectProtocolTest {

    private static final String URL = "http://w1:8083/";
    // STRING "http://w1:8083/": INT16 length 15, then UTF-8.
    private static final String URL_HEX = "000f" + "687474703a2f2f77313a383038332f";
    private static final String OFFSET_42 = "000000000000002a";
    private static final ConnectorsAndTasks WORK = new ConnectorsAndTasks(List.of("b", "a"),
            List.of(new ConnectorTaskId("b", 1), new ConnectorTaskId("a", 0), new ConnectorTaskId("c", 2)));
    // ARRAY of 3: "a" [-1, 0], "b" [-1, 1], "c" [2]: connectors by name, the connector itself first.
    private static final String WORK_HEX = "00000003"
            + "0001" + "61" + "00000002" + "ffffffff" + "00000000"
            + "0001" + "62" + "00000002" + "ffffffff" + "00000001"
            + "0001" + "63" + "00000001" + "00000002";
    private static final ConnectorsAndTasks REVOKED = new ConnectorsAndTasks(List.of("z"), List.of());
    private static final String REVOKED_HEX = "00000001" + "0001" + "7a" + "00000001" + "ffffffff";
    private static final String LEADER_HEX = "0002" + "6d31" + URL_HEX + OFFSET_42; // leader "m1", its url, offset

    @Test
    void metadataV0IsVersionUrlAndOffset() {
        WorkerState state = new WorkerState(URL, 42, null);
        assertEquals("0000" + URL_HEX + OFFSET_42, hex(ConnectProtocol.serializeMetadata(state, (short) 0)));
        assertEquals(state, ConnectProtocol.deserializeMetadata(bytes("0000" + URL_HEX + OFFSET_42)));
    }

    @Test
    void metadataV1WithoutAllocationEndsWithNullBytes() {
        WorkerState state = new WorkerState(URL, 42, null);
        String expected = "0001" + URL_HEX + OFFSET_42 + "ffffffff";
        assertEquals(expected, hex(ConnectProtocol.serializeMetadata(state, (short) 1)));
        assertEquals(state, ConnectProtocol.deserializeMetadata(bytes(expected)));
    }

    @Test
    void metadataV2EmbedsTheAllocationAsAV2AssignmentBlob() {
        ConnectAssignment allocation = new ConnectAssignment((short) 2, ConnectAssignment.NO_ERROR, "m1", URL, 42,
                WORK, ConnectorsAndTasks.EMPTY, 0);
        String blob = "0002" + "0000" + LEADER_HEX + WORK_HEX + "00000000" + "00000000";
        String expected = "0002" + URL_HEX + OFFSET_42 + String.format("%08x", blob.length() / 2) + blob;
        WorkerState state = new WorkerState(URL, 42, allocation);
        assertEquals(expected, hex(ConnectProtocol.serializeMetadata(state, (short) 2)));
        WorkerState decoded = ConnectProtocol.deserializeMetadata(bytes(expected));
        assertEquals(state, decoded);
        assertEquals(WORK, decoded.runningWork());
    }

    @Test
    void allocationTakesTheMetadataVersion() {
        ConnectAssignment v1 = new ConnectAssignment((short) 1, ConnectAssignment.NO_ERROR, "m1", URL, 42, WORK,
                ConnectorsAndTasks.EMPTY, 0);
        WorkerState decoded = ConnectProtocol.deserializeMetadata(
                ConnectProtocol.serializeMetadata(new WorkerState(URL, 42, v1), (short) 2));
        assertEquals(2, decoded.allocation().version());
    }

    @Test
    void emptyAllocationWithoutLeaderIsSentAsNull() {
        ConnectAssignment none = new ConnectAssignment((short) 1, ConnectAssignment.NO_ERROR, null, null, -1,
                ConnectorsAndTasks.EMPTY, ConnectorsAndTasks.EMPTY, 0);
        assertEquals("0001" + URL_HEX + OFFSET_42 + "ffffffff",
                hex(ConnectProtocol.serializeMetadata(new WorkerState(URL, 42, none), (short) 1)));
    }

    @Test
    void v0MetadataReadAsCooperativeHasNoAllocation() {
        WorkerState decoded = ConnectProtocol.deserializeMetadata(bytes("0001" + URL_HEX + OFFSET_42));
        assertNull(decoded.allocation());
        assertEquals(ConnectorsAndTasks.EMPTY, decoded.runningWork());
    }

    @Test
    void newerMetadataVersionsAreReadWithTheKnownLayout() {
        WorkerState decoded = ConnectProtocol.deserializeMetadata(
                bytes("0005" + URL_HEX + OFFSET_42 + "ffffffff" + "0102030405"));
        assertEquals(new WorkerState(URL, 42, null), decoded);
    }

    @Test
    void negativeVersionsAreRejected() {
        assertThrows(SchemaException.class, () -> ConnectProtocol.deserializeMetadata(bytes("ffff" + URL_HEX
                + OFFSET_42)));
        assertThrows(SchemaException.class, () -> ConnectProtocol.deserializeAssignment(bytes("ffff0000"
                + LEADER_HEX + "00000000")));
    }

    @Test
    void truncatedInputIsASchemaException() {
        assertThrows(SchemaException.class, () -> ConnectProtocol.deserializeMetadata(bytes("0000" + URL_HEX
                + "0000")));
    }

    @Test
    void assignmentV0ListsTheWorkOnly() {
        ConnectAssignment assignment = new ConnectAssignment((short) 0, ConnectAssignment.NO_ERROR, "m1", URL, 42,
                WORK, ConnectorsAndTasks.EMPTY, 0);
        String expected = "0000" + "0000" + LEADER_HEX + WORK_HEX;
        assertEquals(expected, hex(ConnectProtocol.serializeAssignment(assignment)));
        assertEquals(assignment, ConnectProtocol.deserializeAssignment(bytes(expected)));
    }

    @Test
    void configMismatchAssignmentCarriesTheErrorCode() {
        ConnectAssignment mismatch = ConnectAssignment.configMismatch((short) 0, "m1", URL, 42);
        String expected = "0000" + "0001" + LEADER_HEX + "00000000";
        assertEquals(expected, hex(ConnectProtocol.serializeAssignment(mismatch)));
        ConnectAssignment decoded = ConnectProtocol.deserializeAssignment(bytes(expected));
        assertEquals(ConnectAssignment.CONFIG_MISMATCH, decoded.error());
        assertEquals(true, decoded.failed());
    }

    @Test
    void assignmentV1AndV2AddRevocationsAndDelay() {
        for (short version = 1; version <= 2; version++) {
            ConnectAssignment assignment = new ConnectAssignment(version, ConnectAssignment.NO_ERROR, "m1", URL, 42,
                    WORK, REVOKED, 1500);
            String expected = String.format("%04x", version) + "0000" + LEADER_HEX + WORK_HEX + REVOKED_HEX
                    + "000005dc";
            assertEquals(expected, hex(ConnectProtocol.serializeAssignment(assignment)));
            assertEquals(assignment, ConnectProtocol.deserializeAssignment(bytes(expected)));
        }
    }

    @Test
    void missingTrailingAssignmentFieldsTakeDefaults() {
        ConnectAssignment decoded = ConnectProtocol.deserializeAssignment(bytes("0001" + "0000" + LEADER_HEX
                + WORK_HEX));
        assertEquals(WORK, decoded.assigned());
        assertEquals(ConnectorsAndTasks.EMPTY, decoded.revoked());
        assertEquals(0, decoded.delay());

        ConnectAssignment nullArrays = ConnectProtocol.deserializeAssignment(bytes("0002" + "0000" + LEADER_HEX
                + "ffffffff" + "ffffffff" + "00000000"));
        assertEquals(ConnectorsAndTasks.EMPTY, nullArrays.assigned());
        assertEquals(ConnectorsAndTasks.EMPTY, nullArrays.revoked());
    }

    @Test
    void newerAssignmentVersionsIgnoreTrailingFields() {
        ConnectAssignment decoded = ConnectProtocol.deserializeAssignment(bytes("0003" + "0000" + LEADER_HEX
                + WORK_HEX + REVOKED_HEX + "00000005" + "deadbeef"));
        assertEquals(3, decoded.version());
        assertEquals(WORK, decoded.assigned());
        assertEquals(REVOKED, decoded.revoked());
        assertEquals(5, decoded.delay());
    }

    @Test
    void metadataRequestOffersProtocolsInPreferenceOrder() {
        WorkerState state = new WorkerState(URL, 42, null);
        assertEquals(List.of("sessioned", "compatible", "default"), List.copyOf(
                ConnectProtocol.metadataRequest(state, ConnectProtocolCompatibility.SESSIONED).keySet()));
        assertEquals(List.of("compatible", "default"), List.copyOf(
                ConnectProtocol.metadataRequest(state, ConnectProtocolCompatibility.COMPATIBLE).keySet()));
        Map<String, ByteBuffer> eager = ConnectProtocol.metadataRequest(state, ConnectProtocolCompatibility.EAGER);
        assertEquals(List.of("default"), List.copyOf(eager.keySet()));
        assertEquals("0000" + URL_HEX + OFFSET_42, hex(eager.get("default")));
    }

    @Test
    void compatibilityNamesAndVersions() {
        assertEquals(ConnectProtocolCompatibility.EAGER, ConnectProtocolCompatibility.fromProtocol("default"));
        assertEquals(ConnectProtocolCompatibility.SESSIONED, ConnectProtocolCompatibility.fromConfigValue("SESSIONED"));
        assertEquals(ConnectProtocolCompatibility.COMPATIBLE, ConnectProtocolCompatibility.fromVersion((short) 1));
        assertThrows(IllegalArgumentException.class, () -> ConnectProtocolCompatibility.fromConfigValue("lazy"));
    }

    private static String hex(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] content = new byte[copy.remaining()];
        copy.get(content);
        return HexFormat.of().formatHex(content);
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }
}
