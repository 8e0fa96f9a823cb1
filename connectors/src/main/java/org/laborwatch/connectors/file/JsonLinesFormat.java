package org.laborwatch.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * Reads a JSON Lines file line by line, numbering lines so every dead letter can say where it came from, and never
 * holding more than a bounded prefix of an over-long line in memory.
 *
 * <p>Not splittable, so line numbers are exact: on recovery Flink reopens the file and skips the lines already
 * emitted, and the count restarts from the top with it.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<RawLine> {
    private static final long serialVersionUID = 1L;
    /** Bytes of a line kept before it is cut: the record limit in characters, at up to four bytes each. */
    static final int MAX_LINE_BYTES = SignalCodec.MAX_RECORD_CHARS * 4;

    private final String fileName;

    public JsonLinesFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(fileName, stream);
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }

    static final class LineReader implements Reader<RawLine> {
        private final String fileName;
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private int pos;
        private int limit;
        private long lineNumber;

        LineReader(String fileName, InputStream in) {
            this.fileName = fileName;
            this.in = in;
        }

        @Override
        public RawLine read() throws IOException {
            line.reset();
            long bytes = 0;
            boolean sawAny = false;
            while (true) {
                if (pos == limit && !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
                sawAny = true;
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                bytes += n;
                int room = MAX_LINE_BYTES - line.size();
                if (room > 0) {
                    line.write(buffer, start, Math.min(n, room));
                }
                if (pos < limit) {
                    pos++; // the newline
                    break;
                }
            }
            lineNumber++;
            return toRawLine(bytes);
        }

        private RawLine toRawLine(long bytes) {
            byte[] kept = line.toByteArray();
            int length = kept.length;
            if (length > 0 && kept[length - 1] == '\r' && bytes == length) {
                length--;
            }
            boolean cut = bytes > MAX_LINE_BYTES;
            String text = new String(kept, 0, length, StandardCharsets.UTF_8);
            return new RawLine(fileName + ":" + lineNumber, text, bytes, cut);
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
