package org.laborwatch.connectors.file;

import java.io.IOException;
import java.util.Arrays;
import java.io.InputStream;
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

    /**
     * Decodes each line straight from the read buffer when it lies within one chunk (almost always), so a line costs
     * one String and no intermediate copies; only a line spanning chunks is gathered first.
     */
    static final class LineReader implements Reader<RawLine> {
        private final String fileName;
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private byte[] spill = new byte[1024];
        private int spilled;
        private int pos;
        private int limit;
        private long lineNumber;

        LineReader(String fileName, InputStream in) {
            this.fileName = fileName;
            this.in = in;
        }

        @Override
        public RawLine read() throws IOException {
            spilled = 0;
            long bytes = 0;
            boolean sawAny = false;
            while (true) {
                if (pos == limit && !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    return line(spill, 0, spilled, bytes);
                }
                sawAny = true;
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                bytes += n;
                boolean ended = pos < limit;
                if (ended) {
                    pos++; // the newline
                }
                if (ended && bytes == n) {
                    return line(buffer, start, n, bytes); // the whole line is in this chunk
                }
                keep(start, n);
                if (ended) {
                    return line(spill, 0, spilled, bytes);
                }
            }
        }

        /** Gathers part of a line that spans chunks, up to the bound. */
        private void keep(int start, int n) {
            int take = Math.min(n, MAX_LINE_BYTES - spilled);
            if (take <= 0) {
                return;
            }
            if (spilled + take > spill.length) {
                spill = Arrays.copyOf(spill, Math.min(MAX_LINE_BYTES, Math.max(spill.length * 2,
                        spilled + take)));
            }
            System.arraycopy(buffer, start, spill, spilled, take);
            spilled += take;
        }

        private RawLine line(byte[] bytesOf, int from, int length, long bytes) {
            lineNumber++;
            boolean cut = bytes > MAX_LINE_BYTES;
            int kept = Math.min(length, MAX_LINE_BYTES);
            if (!cut && kept > 0 && bytesOf[from + kept - 1] == '\r') {
                kept--;
            }
            return new RawLine(fileName, lineNumber, Arrays.copyOfRange(bytesOf, from, from + kept), bytes, cut);
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
