package org.laborwatch.api.alert;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.backend.StoredJson;
import org.laborwatch.rules.risk.Alert;

/** Alerts by id, for the parts of the service that refer to them (a case's alerts). */
@Singleton
public class AlertLookup {
    private final ElasticsearchClient es;
    private final String index;

    AlertLookup(ElasticsearchClient es, Names names) {
        this.es = es;
        this.index = names.alertsIndex();
    }

    /** The alerts of these ids that are indexed, in the order asked. */
    public List<Alert> byIds(List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        MgetResponse<JsonNode> got = es.mget(m -> m.index(index).ids(ids), JsonNode.class);
        List<Alert> alerts = new ArrayList<>(ids.size());
        for (MultiGetResponseItem<JsonNode> item : got.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                alerts.add(StoredJson.as(item.result().source(), Alert.class));
            }
        }
        return alerts;
    }
}
