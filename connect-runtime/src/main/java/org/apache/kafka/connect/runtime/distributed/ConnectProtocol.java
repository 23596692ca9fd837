package org.apache.kafka.connect.runtime.distributed;

import org.apache.kafka.common.protocol.types.SchemaException;
import org.apache.kafka.connect.util.ConnectorTaskId;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary encoding of the Connect group protocol: the member metadata sent in JoinGroup and the assignments sent in
 * SyncGroup. Every blob starts with an INT16 version; the rest uses Kafka's primitive types (big-endian INT16/32/64,
 * STRING with an INT16 length, NULLABLE_BYTES and ARRAY with an INT32 length where -1 means null).
 *
 * <p>Decoding is lenient in the direction that keeps mixed-version groups working: a newer version is read with
 * the newest layout known here (extra trailing bytes ignored), and fields missing at the end take their defaults.
 */
public final class ConnectProtocol {

    /** The task id that stands for the Connector instance itself in an encoded connector assignment. */
    static final int CONNECTOR_TASK = -1;

    private static final short COOPERATIVE_VERSION = ConnectProtocolCompatibility.COMPATIBLE.version();

    private ConnectProtocol() {
    }

    /**
     * The JoinGroup protocols a worker offers, keyed by protocol name in preference order, each with its metadata.
     *
     * @param state         this worker's state; its allocation is only sent under the cooperative protocols
     * @param compatibility the worker's {@code connect.protocol} level
     */
    public static Map<String, ByteBuffer> metadataRequest(WorkerState state,
                                                          ConnectProtocolCompatibility compatibility) {
        Map<String, ByteBuffer> protocols = new LinkedHashMap<>();
        for (ConnectProtocolCompatibility protocol : compatibility.offeredProtocols()) {
            protocols.put(protocol.protocol(), serializeMetadata(state, protocol.version()));
        }
        return Collections.unmodifiableMap(protocols);
    }

    /** Encodes member metadata with the given version header (0: url and offset; 1+: also the allocation). */
    public static ByteBuffer serializeMetadata(WorkerState state, short version) {
        Writer out = new Writer(version);
        out.writeString(state.url());
        out.writeLong(state.configOffset());
        if (version >= COOPERATIVE_VERSION) {
            ConnectAssignment allocation = state.allocation();
            // An allocation that never came from a leader carries nothing worth sending; a received one is sent
            // even when it holds no work, as Apache workers do.
            boolean absent = allocation == null || (allocation.leader() == null
                    && allocation.assigned().isEmpty() && allocation.revoked().isEmpty());
            out.writeNullableBytes(absent ? null : serializeAssignment(allocation, version));
        }
        return out.toBuffer();
    }

    /** Decodes member metadata of any non-negative version; a V0 blob yields a state without allocation. */
    public static WorkerState deserializeMetadata(ByteBuffer buffer) {
        Reader in = new Reader(buffer.duplicate());
        short version = in.readVersion("subscription");
        String url = in.readString();
        long offset = in.readLong();
        ConnectAssignment allocation = null;
        if (version >= COOPERATIVE_VERSION && in.hasRemaining()) {
            ByteBuffer blob = in.readNullableBytes();
            allocation = blob == null ? null : deserializeAssignment(blob);
        }
        return new WorkerState(url, offset, allocation);
    }

    /** Encodes an assignment with its own version: V0 omits revocations and delay. */
    public static ByteBuffer serializeAssignment(ConnectAssignment assignment) {
        return serializeAssignment(assignment, assignment.version());
    }

    private static ByteBuffer serializeAssignment(ConnectAssignment assignment, short version) {
        Writer out = new Writer(version);
        out.writeShort(assignment.error());
        out.writeString(assignment.leader());
        out.writeString(assignment.leaderUrl());
        out.writeLong(assignment.configOffset());
        writeWork(out, assignment.assigned());
        if (version >= COOPERATIVE_VERSION) {
            writeWork(out, assignment.revoked());
            out.writeInt(assignment.delay());
        }
        return out.toBuffer();
    }

    /** Decodes an assignment of any non-negative version; missing trailing fields mean no revocations, no delay. */
    public static ConnectAssignment deserializeAssignment(ByteBuffer buffer) {
        Reader in = new Reader(buffer.duplicate());
        short version = in.readVersion("assignment");
        short error = in.readShort();
        String leader = in.readString();
        String leaderUrl = in.readString();
        long offset = in.readLong();
        ConnectorsAndTasks assigned = readWork(in);
        ConnectorsAndTasks revoked = ConnectorsAndTasks.EMPTY;
        int delay = 0;
        if (version >= COOPERATIVE_VERSION) {
            if (in.hasRemaining()) {
                revoked = readWork(in);
            }
            if (in.hasRemaining()) {
                delay = in.readInt();
            }
        }
        return new ConnectAssignment(version, error, leader, leaderUrl, offset, assigned, revoked, delay);
    }

    // ARRAY of (connector STRING, tasks ARRAY of INT32), the connector itself listed first as CONNECTOR_TASK.
    private static void writeWork(Writer out, ConnectorsAndTasks work) {
        Map<String, List<Integer>> byConnector = new TreeMap<>();
        for (String connector : work.connectors()) {
            byConnector.computeIfAbsent(connector, c -> new ArrayList<>()).add(CONNECTOR_TASK);
        }
        for (ConnectorTaskId task : work.tasks()) {
            byConnector.computeIfAbsent(task.connector(), c -> new ArrayList<>()).add(task.task());
        }
        out.writeInt(byConnector.size());
        byConnector.forEach((connector, ids) -> {
            out.writeString(connector);
            out.writeInt(ids.size());
            ids.forEach(out::writeInt);
        });
    }

    private static ConnectorsAndTasks readWork(Reader in) {
        int entries = in.readInt();
        if (entries <= 0) {
            return ConnectorsAndTasks.EMPTY;
        }
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (int entry = 0; entry < entries; entry++) {
            String connector = in.readString();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                int id = in.readInt();
                if (id == CONNECTOR_TASK) {
                    connectors.add(connector);
                } else {
                    tasks.add(new ConnectorTaskId(connector, id));
                }
            }
        }
        return new ConnectorsAndTasks(connectors, tasks);
    }

    /** Big-endian writer of Kafka protocol primitives. */
    private static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Writer(short version) {
            writeShort(version);
        }

        void writeShort(short value) {
            bytes.write(value >>> 8);
            bytes.write(value);
        }

        void writeInt(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes.write(value >>> shift);
            }
        }

        void writeLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes.write((int) (value >>> shift));
            }
        }

        void writeString(String value) {
            if (value == null) {
                throw new SchemaException("A Connect protocol STRING field cannot be null");
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > Short.MAX_VALUE) {
                throw new SchemaException("String longer than " + Short.MAX_VALUE + " bytes: " + value);
            }
            writeShort((short) utf8.length);
            bytes.writeBytes(utf8);
        }

        void writeNullableBytes(ByteBuffer value) {
            if (value == null) {
                writeInt(-1);
                return;
            }
            ByteBuffer copy = value.duplicate();
            byte[] content = new byte[copy.remaining()];
            copy.get(content);
            writeInt(content.length);
            bytes.writeBytes(content);
        }

        ByteBuffer toBuffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }

    /** Reader of Kafka protocol primitives that reports truncated or malformed input as a SchemaException. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        boolean hasRemaining() {
            return buffer.hasRemaining();
        }

        short readVersion(String what) {
            short version = readShort();
            if (version < 0) {
                throw new SchemaException("Unsupported " + what + " version: " + version);
            }
            return version;
        }

        short readShort() {
            try {
                return buffer.getShort();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        int readInt() {
            try {
                return buffer.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        long readLong() {
            try {
                return buffer.getLong();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        String readString() {
            short length = readShort();
            if (length < 0) {
                throw new SchemaException("Negative length for a non-null STRING: " + length);
            }
            return new String(readBytes(length), StandardCharsets.UTF_8);
        }

        ByteBuffer readNullableBytes() {
            int length = readInt();
            return length < 0 ? null : ByteBuffer.wrap(readBytes(length));
        }

        private byte[] readBytes(int length) {
            if (length > buffer.remaining()) {
                throw truncated();
            }
            byte[] content = new byte[length];
            buffer.get(content);
            return content;
        }

        private SchemaException truncated() {
            return new SchemaException("Truncated Connect protocol message");
        }
    }
}
