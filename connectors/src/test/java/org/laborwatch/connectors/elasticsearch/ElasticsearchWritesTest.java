package org.laborwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/** What the sink asks of Elasticsearch: which write, under which id and version; and that buffered writes survive. */
class ElasticsearchWritesTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldCreateOnceOrWriteVersionedByEventTime() {
        BulkRequest bulk = ElasticsearchWriter.bulk(List.of(
                EsAction.create(Documents.ALERTS, "alert-1", "{}".getBytes(StandardCharsets.UTF_8)),
                EsAction.versioned(Documents.RISK, "91350100M000100Y43", 1_748_741_400_000L,
                        "{}".getBytes(StandardCharsets.UTF_8))));

        BulkOperation create = bulk.operations().get(0);
        assertThat(create.isCreate()).isTrue();
        assertThat(create.create().index()).isEqualTo("lw-alerts");
        assertThat(create.create().id()).isEqualTo("alert-1");

        BulkOperation upsert = bulk.operations().get(1);
        assertThat(upsert.isIndex()).isTrue();
        assertThat(upsert.index().id()).isEqualTo("91350100M000100Y43");
        assertThat(upsert.index().version()).isEqualTo(1_748_741_400_000L);
        assertThat(upsert.index().versionType()).isEqualTo(VersionType.ExternalGte);
    }

    @Test
    void shouldVersionRiskByItsEventTimeAndKeyItByEnterprise() {
        Instant asOf = Instant.parse("2025-06-01T01:30:00Z");
        RiskSnapshot risk = new RiskSnapshot("91350100M000100Y43", "青岛海润建筑工程有限公司", "黄岛区", "建筑业", 62.5,
                RiskLevel.ORANGE, asOf, List.of(), Map.of("complaints30d", 3.0), "v1");

        EsAction action = Documents.risk(risk, RecordCodec.riskSnapshots(ZONE).encodeBytes(risk));

        assertThat(action.index()).isEqualTo("lw-risk");
        assertThat(action.id()).isEqualTo("91350100M000100Y43");
        assertThat(action.version()).isEqualTo(asOf.toEpochMilli());
        assertThat(new String(action.document(), StandardCharsets.UTF_8)).contains("\"asOf\":\"2025-06-01T09:30:00+08:00\"");
    }

    @Test
    void shouldSendOnlyTheLastVersionedWriteOfADocumentInABatch() {
        byte[] doc = "{}".getBytes(StandardCharsets.UTF_8);
        EsAction older = EsAction.versioned("lw-risk", "e-1", 100, doc);
        EsAction alert = EsAction.create("lw-alerts", "a-1", doc);
        EsAction other = EsAction.versioned("lw-risk", "e-2", 100, doc);
        EsAction newer = EsAction.versioned("lw-risk", "e-1", 100, "{\"score\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(ElasticsearchWriter.latestPerDocument(List.of(older, alert, other, newer)))
                .containsExactly(alert, other, newer);
        assertThat(ElasticsearchWriter.latestPerDocument(List.of(alert, other))).containsExactly(alert, other);
    }

    @Test
    void shouldRefuseANegativeVersion() {
        assertThatThrownBy(() -> EsAction.versioned("lw-risk", "x", -5, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepBufferedWritesWholeInACheckpoint() throws Exception {
        EsAction create = EsAction.create("lw-alerts", "a-1", "{\"k\":\"预警\"}".getBytes(StandardCharsets.UTF_8));
        EsAction versioned = EsAction.versioned("lw-risk", "e-1", 42, "{}".getBytes(StandardCharsets.UTF_8));
        EsActionSerializer serializer = new EsActionSerializer();
        var state = new BufferedRequestState<>(List.of(new RequestEntryWrapper<>(create, create.sizeInBytes()),
                new RequestEntryWrapper<>(versioned, versioned.sizeInBytes())));

        var restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries()).extracting(w -> w.getRequestEntry().id())
                .containsExactly("a-1", "e-1");
        EsAction back = restored.getBufferedRequestEntries().get(0).getRequestEntry();
        assertThat(back.isCreate()).isTrue();
        assertThat(new String(back.document(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"预警\"}");
        assertThat(restored.getBufferedRequestEntries().get(1).getRequestEntry().version()).isEqualTo(42);
    }

    @Test
    void shouldTellACredentialsRefusalFromAPassingFault() {
        var refused = new ElasticsearchException("bulk", ErrorResponse.of(e -> e.status(403)
                .error(c -> c.type("security_exception").reason("action [indices:data/write/bulk] is unauthorized"))));

        assertThat(ElasticsearchWriter.statusOf(new CompletionException(refused))).isEqualTo(403);
        assertThat(ElasticsearchWriter.statusOf(new CompletionException(new ConnectException("refused")))).isZero();
    }
}
