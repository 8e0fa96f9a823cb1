package org.laborwatch.connectors.rulesets;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Every rule-set version ever published and every publication, in Elasticsearch: {@code lw.rules} is compacted and
 * keeps only the latest version of each name, but authors list versions, read old ones and roll back to them. A
 * version is kept once under its own id ({@value #VERSIONS}: its files as authored); a publication is a record
 * of who sent which version under which name when ({@value #PUBLICATIONS}), never changed afterwards. Used by the
 * command line and the service; no Flink.
 */
public final class RuleSetHistory implements AutoCloseable {
    public static final String VERSIONS = "lw-rulesets";
    public static final String PUBLICATIONS = "lw-rule-publications";

    /** What a publication did: a new version, or an older one sent again. */
    public enum Action { PUBLISH, ROLLBACK }

    /**
     * One publication.
     *
     * @param offset where {@code lw.rules} has it; with the name it is the publication's id
     * @param note   what the author said about it, or null
     */
    public record Publication(String name, String version, Action action, String by, Instant at, long offset,
                              String note) {
    }

    private final ElasticsearchClient es;
    private final boolean ownsClient;
    private final String versions;
    private final String publications;

    /** Over the default indices, on a client of its own, closed with it. */
    public RuleSetHistory(ElasticsearchEndpoint endpoint) {
        this(endpoint.client(), true, VERSIONS, PUBLICATIONS);
    }

    /** Over the named indices, on a client the caller shares and closes (the service's). */
    public RuleSetHistory(ElasticsearchClient es, String versions, String publications) {
        this(es, false, versions, publications);
    }

    private RuleSetHistory(ElasticsearchClient es, boolean ownsClient, String versions, String publications) {
        this.es = es;
        this.ownsClient = ownsClient;
        this.versions = versions;
        this.publications = publications;
    }

    /** Records that {@code rules} went out as {@code publication}; its files are kept the first time only. */
    public void record(RuleSet rules, Publication publication) throws IOException {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", rules.version());
        version.put("name", publication.name());
        version.put("files", new TreeMap<>(rules.sources()));
        version.put("firstPublishedAt", publication.at().toString());
        version.put("firstPublishedBy", publication.by());
        createIfAbsent(versions, rules.version(), version);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", publication.name());
        record.put("version", publication.version());
        record.put("action", publication.action().name());
        record.put("by", publication.by());
        record.put("at", publication.at().toString());
        record.put("offset", publication.offset());
        if (publication.note() != null) {
            record.put("note", publication.note());
        }
        createIfAbsent(publications, publication.name() + "@" + publication.offset(), record);
    }

    /** The latest publications, newest first. */
    public List<Publication> publications(int limit) throws IOException {
        try {
            var found = es.search(s -> s.index(publications).size(limit)
                    .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("offset").order(SortOrder.Desc))), Map.class);
            List<Publication> list = new ArrayList<>();
            for (Hit<Map> hit : found.hits().hits()) {
                list.add(publication(hit.source()));
            }
            return list;
        } catch (ElasticsearchException | TransportException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return List.of(); // nothing published yet
            }
            throw new IOException("cannot read the publications from " + publications + ": " + e.getMessage(), e);
        }
    }

    /** A version's files as it was published, if it ever was. */
    @SuppressWarnings("unchecked")
    public Optional<RuleSet> version(String version) throws IOException {
        try {
            GetResponse<Map> got = es.get(g -> g.index(versions).id(version), Map.class);
            if (!got.found()) {
                return Optional.empty();
            }
            return Optional.of(new RuleSet(version, (Map<String, String>) got.source().get("files")));
        } catch (ElasticsearchException | TransportException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty();
            }
            throw new IOException("cannot read rule set " + version + " from " + versions + ": " + e.getMessage(), e);
        }
    }

    private void createIfAbsent(String index, String id, Map<String, Object> document) throws IOException {
        try {
            es.create(c -> c.index(index).id(id).document(document).refresh(
                    co.elastic.clients.elasticsearch._types.Refresh.True));
        } catch (ElasticsearchException | IOException e) {
            // 409: already there, which is what was wanted. The low-level client reports it as an IOException.
            if (!ElasticsearchStatus.isConflict(e)) {
                throw new IOException("cannot record " + id + " in " + index + ": " + e.getMessage(), e);
            }
        }
    }

    private static Publication publication(Map<?, ?> doc) {
        return new Publication((String) doc.get("name"), (String) doc.get("version"),
                Action.valueOf((String) doc.get("action")), (String) doc.get("by"),
                Instant.parse((String) doc.get("at")), ((Number) doc.get("offset")).longValue(),
                (String) doc.get("note"));
    }

    @Override
    public void close() throws IOException {
        if (ownsClient) {
            es._transport().close();
        }
    }
}
