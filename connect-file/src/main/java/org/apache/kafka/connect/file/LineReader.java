package org.apache.kafka.connect.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a growing byte stream into UTF-8 lines without ever blocking: it only reads what the stream reports as
 * {@link InputStream#available() available}, so a file being appended to (or a quiet stdin) can be tailed by a
 * thread that must stay responsive. Lines end with {@code \n}, {@code \r\n} or {@code \r}; an unterminated last
 * line is held back until its terminator arrives.
 * <p>
 * Positions count bytes from the start of the stream, which is also where reading started if the stream was opened
 * at an offset. Splitting on bytes is safe because UTF-8 never uses {@code \n} or {@code \r} inside a multi-byte
 * character. Not thread-safe.
 */
final class LineReader {

    private static final int INITIAL_BUFFER_SIZE = 1024;

    /** A line without its terminator, and the stream position just after the terminator. */
    record Line(String text, long endPosition) {
    }

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL_BUFFER_SIZE];
    /** Start of the first line not yet returned. */
    private int lineStart;
    /** Where the search for the next terminator resumes, so a long partial line is scanned only once. */
    private int scanFrom;
    /** End of the valid bytes in the buffer. */
    private int end;
    /** Stream position of {@code buffer[lineStart]}. */
    private long position;

    LineReader(InputStream in, long startPosition) {
        this.in = in;
        this.position = startPosition;
    }

    /**
     * Returns the next complete line, reading more bytes if none is buffered, or null if the stream has no complete
     * line to offer right now.
     */
    Line nextLine() throws IOException {
        Line line = bufferedLine();
        while (line == null && readAvailable()) {
            line = bufferedLine();
        }
        return line;
    }

    private Line bufferedLine() {
        for (int i = scanFrom; i < end; i++) {
            byte b = buffer[i];
            int terminatorLength;
            if (b == '\n') {
                terminatorLength = 1;
            } else if (b == '\r') {
                if (i + 1 == end) {
                    // Whether this is "\r" or the first half of "\r\n" is only known once the next byte arrives.
                    scanFrom = i;
                    return null;
                }
                terminatorLength = buffer[i + 1] == '\n' ? 2 : 1;
            } else {
                continue;
            }
            String text = new String(buffer, lineStart, i - lineStart, StandardCharsets.UTF_8);
            int next = i + terminatorLength;
            position += next - lineStart;
            lineStart = next;
            scanFrom = next;
            return new Line(text, position);
        }
        scanFrom = end;
        return null;
    }

    /** Appends whatever the stream can deliver without blocking; returns false if nothing was read. */
    private boolean readAvailable() throws IOException {
        int available = in.available();
        if (available <= 0) {
            return false;
        }
        makeRoom();
        int read = in.read(buffer, end, Math.min(available, buffer.length - end));
        if (read <= 0) {
            return false;
        }
        end += read;
        return true;
    }

    /** Moves the pending partial line to the front of the buffer, growing the buffer if the line fills it. */
    private void makeRoom() {
        if (lineStart > 0) {
            int pending = end - lineStart;
            System.arraycopy(buffer, lineStart, buffer, 0, pending);
            scanFrom -= lineStart;
            end = pending;
            lineStart = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }
}
