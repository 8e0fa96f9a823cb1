package org.laborwatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesFormatTest {

    private static List<RawLine> read(String content) throws IOException {
        var reader = new JsonLinesFormat.LineReader("in.jsonl",
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        List<RawLine> lines = new ArrayList<>();
        for (RawLine line = reader.read(); line != null; line = reader.read()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void shouldNumberLinesSoDeadLettersPointBack() throws IOException {
        assertThat(read("{\"a\":1}\n\n{\"b\":\"青岛\"}\n"))
                .extracting(RawLine::origin, RawLine::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("in.jsonl:1", "{\"a\":1}"),
                        org.assertj.core.groups.Tuple.tuple("in.jsonl:2", ""),
                        org.assertj.core.groups.Tuple.tuple("in.jsonl:3", "{\"b\":\"青岛\"}"));
    }

    @Test
    void shouldReadLastLineWithoutNewlineAndStripWindowsLineEnds() throws IOException {
        assertThat(read("one\r\ntwo")).extracting(RawLine::text).containsExactly("one", "two");
    }

    @Test
    void shouldJoinALineThatSpansReadChunks() throws IOException {
        String first = "{\"a\":\"" + "青".repeat(30_000) + "\"}";   // 90 KB: longer than one 64 KB read

        List<RawLine> lines = read(first + "\nsecond\n");

        assertThat(lines.get(0).text()).isEqualTo(first);
        assertThat(lines.get(0).cut()).isFalse();
        assertThat(lines.get(1).origin()).isEqualTo("in.jsonl:2");
        assertThat(lines.get(1).text()).isEqualTo("second");
    }

    @Test
    void shouldCutOverlongLineButKeepCountingAfterIt() throws IOException {
        String huge = "y".repeat(JsonLinesFormat.MAX_LINE_BYTES + 10);

        List<RawLine> lines = read(huge + "\nnext\n");

        assertThat(lines.get(0).cut()).isTrue();
        assertThat(lines.get(0).bytes()).isEqualTo(JsonLinesFormat.MAX_LINE_BYTES + 10);
        assertThat(lines.get(0).text()).hasSize(JsonLinesFormat.MAX_LINE_BYTES);
        assertThat(lines.get(1)).extracting(RawLine::origin, RawLine::text, RawLine::bytes, RawLine::cut)
                .containsExactly("in.jsonl:2", "next", 4L, false);
    }

    @Test
    void shouldTellBlankLinesFromRecords() throws IOException {
        assertThat(read(" \t\n\u3000\n\u001f\n{}\n")).extracting(RawLine::isBlank)
                .containsExactly(true, true, true, false);
    }
}
