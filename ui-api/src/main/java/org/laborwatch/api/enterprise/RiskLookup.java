package org.laborwatch.api.enterprise;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.laborwatch.connectors.elasticsearch.ElasticsearchStatus;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.backend.StoredJson;
import org.laborwatch.rules.risk.RiskSnapshot;

/** An enterprise's current risk (its snapshot in lw-risk, stored under its credit code), for other features. */
@Singleton
public class RiskLookup {
    private final ElasticsearchClient es;
    private final String index;

    RiskLookup(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.riskIndex();
    }

    public Optional<RiskSnapshot> current(String creditCode) throws IOException {
        try {
            GetResponse<JsonNode> got = es.get(g -> g.index(index).id(creditCode), JsonNode.class);
            return got.found() && got.source() != null
                    ? Optional.of(StoredJson.as(got.source(), RiskSnapshot.class)) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchStatus.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
