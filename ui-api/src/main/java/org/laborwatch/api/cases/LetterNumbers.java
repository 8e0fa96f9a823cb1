package org.laborwatch.api.cases;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.letter.LetterNumber;

/**
 * Letter numbers, one series per year for the whole city's union: a counter document per year, raised only if still
 * at the value read, so two letters issued at once never share a number.
 */
@Singleton
class LetterNumbers {
    private static final int ATTEMPTS = 50;
    private final ElasticsearchClient es;
    private final String index;

    LetterNumbers(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.countersIndex();
    }

    /** The number the next letter of the year would get (for a draft; issuing may take a later one). */
    LetterNumber peek(int year) throws IOException {
        Counter c = read(year);
        return new LetterNumber(year, (int) (c == null ? 1 : c.value + 1));
    }

    /** Takes the next number of the year. */
    LetterNumber next(int year) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Counter c = read(year);
            try {
                if (c == null) {
                    es.index(i -> i.index(index).id(id(year)).opType(OpType.Create).document(Map.of("value", 1L)));
                    return new LetterNumber(year, 1);
                }
                long value = c.value + 1;
                es.index(i -> i.index(index).id(id(year)).ifSeqNo(c.seqNo).ifPrimaryTerm(c.primaryTerm)
                        .document(Map.of("value", value)));
                return new LetterNumber(year, (int) value);
            } catch (ElasticsearchException | IOException e) {
                if (!ElasticsearchStatus.isConflict(e)) {
                    throw e;
                }
                // another letter took this number: read again
            }
        }
        throw new IOException("letter numbers of " + year + " kept changing");
    }

    private record Counter(long value, long seqNo, long primaryTerm) {
    }

    @SuppressWarnings("rawtypes")
    private Counter read(int year) throws IOException {
        try {
            GetResponse<Map> got = es.get(g -> g.index(index).id(id(year)), Map.class);
            if (!got.found() || got.source() == null) {
                return null;
            }
            return new Counter(((Number) got.source().get("value")).longValue(), got.seqNo(), got.primaryTerm());
        } catch (ElasticsearchException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private static String id(int year) {
        return "letters-" + year;
    }
}
