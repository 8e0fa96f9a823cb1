package org.laborwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.Serializable;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where Elasticsearch is and how to reach it: the one place the engine, the index job, the CLI and the service build
 * their Elasticsearch clients. Serializable, so a Flink sink can carry it to its writers.
 */
public record ElasticsearchEndpoint(String url) implements Serializable {

    public ElasticsearchEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an Elasticsearch URL is needed, e.g. http://127.0.0.1:9200");
        }
    }

    public static ElasticsearchEndpoint of(String url) {
        return new ElasticsearchEndpoint(url);
    }

    /** The low-level client; closing it (or the transport around it) frees its connections. */
    public RestClient restClient() {
        return restClientBuilder().build();
    }

    RestClientBuilder restClientBuilder() {
        return RestClient.builder(HttpHost.create(url));
    }

    /** A blocking client; close its transport ({@code client._transport().close()}) when done. */
    public ElasticsearchClient client() {
        return client(new JacksonJsonpMapper());
    }

    /** A blocking client whose documents are read and written with {@code mapper}. */
    public ElasticsearchClient client(JsonpMapper mapper) {
        return new ElasticsearchClient(new RestClientTransport(restClient(), mapper));
    }

    /** A non-blocking client over its own connections; close its transport when done. */
    public ElasticsearchAsyncClient asyncClient() {
        return new ElasticsearchAsyncClient(new RestClientTransport(restClient(), new JacksonJsonpMapper()));
    }

    @Override
    public String toString() {
        return url;
    }
}
