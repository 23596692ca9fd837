package org.apache.kafka.connect.file;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LineReaderTest {

    private final GrowingStream stream = new GrowingStream();

    @Test
    void splitsOnEveryKindOfTerminator() throws IOException {
        stream.append("a\nb\r\nc\rd\n");
        LineReader reader = new LineReader(stream, 0);

        assertEquals(new LineReader.Line("a", 2), reader.nextLine());
        assertEquals(new LineReader.Line("b", 5), reader.nextLine());
        assertEquals(new LineReader.Line("c", 7), reader.nextLine());
        assertEquals(new LineReader.Line("d", 9), reader.nextLine());
        assertNull(reader.nextLine());
    }

    @Test
    void positionsStartAtTheGivenOffset() throws IOException {
        stream.append("x\n");
        LineReader reader = new LineReader(stream, 100);

        assertEquals(new LineReader.Line("x", 102), reader.nextLine());
    }

    @Test
    void completesLinesAsBytesArrive() throws IOException {
        LineReader reader = new LineReader(stream, 0);
        assertNull(reader.nextLine());

        stream.append("hel");
        assertNull(reader.nextLine());
        stream.append("lo\r");
        assertNull(reader.nextLine());
        stream.append("\nworld\r");
        assertEquals(new LineReader.Line("hello", 7), reader.nextLine());
        assertNull(reader.nextLine());
        // Any byte other than '\n' after a pending '\r' ends the line at the '\r'.
        stream.append("!");
        assertEquals(new LineReader.Line("world", 13), reader.nextLine());
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossReads() throws IOException {
        byte[] bytes = "é€\n".getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(stream, 0);
        for (byte b : Arrays.copyOf(bytes, bytes.length - 1)) {
            stream.append(new byte[] {b});
            assertNull(reader.nextLine());
        }
        stream.append(new byte[] {'\n'});

        assertEquals(new LineReader.Line("é€", 6), reader.nextLine());
    }

    @Test
    void growsForLongLinesAndKeepsPendingBytesWhenCompacting() throws IOException {
        String longLine = "y".repeat(3000);
        stream.append("short\n" + longLine.substring(0, 1500));
        LineReader reader = new LineReader(stream, 0);
        assertEquals(new LineReader.Line("short", 6), reader.nextLine());
        assertNull(reader.nextLine());

        stream.append(longLine.substring(1500) + "\nend\n");

        assertEquals(new LineReader.Line(longLine, 3007), reader.nextLine());
        assertEquals(new LineReader.Line("end", 3011), reader.nextLine());
    }

    /** Test double: a stream that data can be appended to, like a file being written, and that never blocks. */
    private static final class GrowingStream extends InputStream {
        private byte[] data = new byte[0];
        private int next;

        void append(String text) {
            append(text.getBytes(StandardCharsets.UTF_8));
        }

        void append(byte[] bytes) {
            byte[] grown = Arrays.copyOf(data, data.length + bytes.length);
            System.arraycopy(bytes, 0, grown, data.length, bytes.length);
            data = grown;
        }

        @Override
        public int available() {
            return data.length - next;
        }

        @Override
        public int read() {
            return next < data.length ? data[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (next == data.length) {
                return -1;
            }
            int count = Math.min(len, data.length - next);
            System.arraycopy(data, next, b, off, count);
            next += count;
            return count;
        }
    }
}
