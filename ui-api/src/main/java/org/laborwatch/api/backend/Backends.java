package org.laborwatch.api.backend;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.ZoneId;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.RecordCodec;

/** The Elasticsearch client, shared by every repository; it reads documents with the engine's own codec. */
@Factory
class Backends {

    @Singleton
    @Bean(preDestroy = "close")
    ClosableElasticsearch elasticsearch(@Value("${laborwatch.elasticsearch.url}") String url,
                                        @Value("${laborwatch.zone}") String zone,
                                        @Value("${laborwatch.elasticsearch.connections:100}") int connections) {
        // Credentials from LW_ES_USERNAME / LW_ES_PASSWORD[_FILE] or LW_ES_API_KEY[_FILE] (docs/operations.md).
        ElasticsearchEndpoint endpoint = ElasticsearchEndpoint.fromEnvironment(url);
        JacksonJsonpMapper codec = new JacksonJsonpMapper(RecordCodec.objectMapper(ZoneId.of(zone)));
        return new ClosableElasticsearch(endpoint.client(codec, connections));
    }

    @Singleton
    ElasticsearchClient client(ClosableElasticsearch holder) {
        return holder.client();
    }

    /** The same connections, for queries answered without blocking a thread. */
    @Singleton
    ElasticsearchAsyncClient asyncClient(ClosableElasticsearch holder) {
        return new ElasticsearchAsyncClient(holder.client()._transport());
    }

    /** Holds the client so its connections are closed with the application. */
    record ClosableElasticsearch(ElasticsearchClient client) {
        public void close() throws IOException {
            client._transport().close();
        }
    }
}
