package org.laborwatch.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.apache.http.ssl.SSLContexts;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where Elasticsearch is and how to reach it: the one place the engine, the index job, the CLI and the service build
 * their Elasticsearch clients. Serializable, so a Flink sink can carry it to its writers: credentials and the CA
 * certificate are read once, where the endpoint is made (a job's {@code main}), and travel with it, so TaskManagers
 * need neither the environment nor the files. {@link #toString()} never shows a secret.
 *
 * @param url           {@code http(s)://host:port}, without user information (credentials come separately)
 * @param credentials   basic auth, an API key, or {@link Credentials#NONE}
 * @param caCertificate PEM text of the certificate(s) an https node's certificate must chain to, or null for the
 *                      JVM's trust store
 */
public record ElasticsearchEndpoint(String url, Credentials credentials, String caCertificate) implements Serializable {

    /** The environment variables {@link #fromEnvironment(String)} reads. */
    public static final String USERNAME = "LW_ES_USERNAME";
    public static final String PASSWORD = "LW_ES_PASSWORD";
    public static final String PASSWORD_FILE = "LW_ES_PASSWORD_FILE";
    public static final String API_KEY = "LW_ES_API_KEY";
    public static final String API_KEY_FILE = "LW_ES_API_KEY_FILE";
    public static final String CA_CERT = "LW_ES_CA_CERT";

    public ElasticsearchEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an Elasticsearch URL is needed, e.g. http://127.0.0.1:9200");
        }
        // A password in the URL would be printed wherever the URL is (logs, messages).
        String authority = url.strip().replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").split("/", 2)[0];
        if (authority.contains("@")) {
            throw new IllegalArgumentException("the Elasticsearch URL must not carry credentials; set " + USERNAME
                    + " and " + PASSWORD + " (or " + API_KEY + ") instead");
        }
        if (credentials == null) {
            throw new IllegalArgumentException("credentials are needed; Credentials.NONE for none");
        }
        if (caCertificate != null) {
            certificates(caCertificate); // fails now, with the reason, rather than in a TaskManager later
        }
    }

    /** An endpoint without credentials, over the JVM's trust store (a node with security off, tests). */
    public ElasticsearchEndpoint(String url) {
        this(url, Credentials.NONE, null);
    }

    /** An endpoint without credentials, over the JVM's trust store (a node with security off, tests). */
    public static ElasticsearchEndpoint of(String url) {
        return new ElasticsearchEndpoint(url, Credentials.NONE, null);
    }

    /**
     * An endpoint whose credentials and CA come from this process's environment: {@value #USERNAME} with
     * {@value #PASSWORD} or {@value #PASSWORD_FILE}, or {@value #API_KEY} or {@value #API_KEY_FILE} (the
     * {@code encoded} value Elasticsearch returns for a new key), and optionally {@value #CA_CERT} (a PEM file).
     * None of them set: no credentials. A {@code _FILE} variable names a file that holds the secret (a Docker or
     * Kubernetes secret); trailing line breaks are dropped.
     *
     * @throws IllegalArgumentException when the variables contradict each other or a file cannot be read; the message
     *                                  names the variable and file, never the secret
     */
    public static ElasticsearchEndpoint fromEnvironment(String url) {
        return fromEnvironment(url, System::getenv);
    }

    static ElasticsearchEndpoint fromEnvironment(String url, UnaryOperator<String> env) {
        String username = value(env, USERNAME);
        String password = secret(env, PASSWORD, PASSWORD_FILE);
        String apiKey = secret(env, API_KEY, API_KEY_FILE);
        Credentials credentials;
        if (apiKey != null) {
            if (username != null || password != null) {
                throw new IllegalArgumentException("set either an API key (" + API_KEY + "/" + API_KEY_FILE
                        + ") or a user (" + USERNAME + " with " + PASSWORD + "/" + PASSWORD_FILE + "), not both");
            }
            credentials = new ApiKey(apiKey);
        } else if (username != null || password != null) {
            if (username == null || password == null) {
                throw new IllegalArgumentException("basic auth needs both " + USERNAME + " and " + PASSWORD + " (or "
                        + PASSWORD_FILE + "); only " + (username == null ? "the password" : "the username")
                        + " is set");
            }
            credentials = new Basic(username, password);
        } else {
            credentials = Credentials.NONE;
        }
        String ca = value(env, CA_CERT);
        return new ElasticsearchEndpoint(url, credentials, ca == null ? null : read(Path.of(ca), CA_CERT));
    }

    /** The low-level client; closing it (or the transport around it) frees its connections. */
    public RestClient restClient() {
        return restClientBuilder().build();
    }

    RestClientBuilder restClientBuilder() {
        return restClientBuilder(0);
    }

    /** @param connections the most connections at once, 0 for the client's default (10, and 30 in all) */
    RestClientBuilder restClientBuilder(int connections) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(url.strip()));
        // Sent with every request rather than after a 401 challenge: one round trip, and the same for both kinds.
        credentials.authorization().ifPresent(value ->
                builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, value)}));
        SSLContext ssl = caCertificate == null ? null : sslContext(caCertificate);
        if (ssl != null || connections > 0) {
            builder.setHttpClientConfigCallback(http -> {
                if (ssl != null) {
                    http.setSSLContext(ssl);
                }
                if (connections > 0) {
                    http.setMaxConnPerRoute(connections).setMaxConnTotal(connections);
                }
                return http;
            });
        }
        return builder;
    }

    /** A blocking client; close its transport ({@code client._transport().close()}) when done. */
    public ElasticsearchClient client() {
        return client(new JacksonJsonpMapper());
    }

    /** A blocking client whose documents are read and written with {@code mapper}. */
    public ElasticsearchClient client(JsonpMapper mapper) {
        return new ElasticsearchClient(new RestClientTransport(restClient(), mapper));
    }

    /**
     * A blocking client for a server answering many requests at once: up to {@code connections} in flight (the
     * low-level client's default of 10 per host queued a service's requests behind each other).
     */
    public ElasticsearchClient client(JsonpMapper mapper, int connections) {
        return new ElasticsearchClient(new RestClientTransport(restClientBuilder(connections).build(), mapper));
    }

    /** A non-blocking client over its own connections; close its transport when done. */
    public ElasticsearchAsyncClient asyncClient() {
        return new ElasticsearchAsyncClient(new RestClientTransport(restClient(), new JacksonJsonpMapper()));
    }

    /** The URL and how the endpoint authenticates (the user's name at most), never a secret. */
    @Override
    public String toString() {
        return url + credentials.describe() + (caCertificate == null ? "" : " (own CA)");
    }

    /** How a client proves who it is. Each kind's {@code toString} leaves its secret out. */
    public sealed interface Credentials extends Serializable permits None, Basic, ApiKey {
        Credentials NONE = new None();

        /** The {@code Authorization} header's value, if any. */
        Optional<String> authorization();

        /** A phrase for {@link ElasticsearchEndpoint#toString()}: no secret. */
        String describe();
    }

    /** No credentials: a node with security off. */
    public record None() implements Credentials {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "";
        }
    }

    /** An Elasticsearch user: HTTP basic auth. */
    public record Basic(String username, String password) implements Credentials {
        public Basic {
            if (username == null || username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("an Elasticsearch username is needed, without ':'");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the password of Elasticsearch user " + username + " is empty");
            }
        }

        @Override
        public Optional<String> authorization() {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String describe() {
            return " (as " + username + ")";
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** An Elasticsearch API key, as the {@code encoded} value its creation returns (base64 of {@code id:key}). */
    public record ApiKey(String encoded) implements Credentials {
        public ApiKey {
            if (encoded == null || encoded.isEmpty()) {
                throw new IllegalArgumentException("the Elasticsearch API key is empty");
            }
        }

        @Override
        public Optional<String> authorization() {
            return Optional.of("ApiKey " + encoded);
        }

        @Override
        public String describe() {
            return " (API key)";
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    private static String value(UnaryOperator<String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** A secret given in the variable itself or in the file the {@code _FILE} variable names, not both. */
    private static String secret(UnaryOperator<String> env, String name, String fileName) {
        String direct = value(env, name);
        String file = value(env, fileName);
        if (direct != null && file != null) {
            throw new IllegalArgumentException("set " + name + " or " + fileName + ", not both");
        }
        if (file == null) {
            return direct;
        }
        String content = read(Path.of(file), fileName);
        // `echo secret > file` and `openssl rand ... > file` end the file with a line break that is not the secret's;
        // trailing line breaks are dropped as the shell's $(cat file) drops them (docker/setup/es-setup.sh).
        content = content.replaceFirst("[\r\n]+$", "");
        if (content.isEmpty()) {
            throw new IllegalArgumentException(fileName + " names an empty file: " + file);
        }
        return content;
    }

    private static String read(Path file, String variable) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + " names a file that cannot be read: " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Collection<? extends Certificate> certificates(String pem) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + CA_CERT);
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(CA_CERT + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the given certificates, as Elasticsearch's client guide does for a node's own CA. */
    private static SSLContext sslContext(String pem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : certificates(pem)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            return SSLContexts.custom().loadTrustMaterial(trust, null).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the certificate of " + CA_CERT + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
