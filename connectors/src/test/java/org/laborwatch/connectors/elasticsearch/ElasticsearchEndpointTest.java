package org.laborwatch.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from the environment, kept out of every printed form, and sent on the wire. */
class ElasticsearchEndpointTest {
    private static final String URL = "http://127.0.0.1:9200";
    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldHaveNoCredentialsWhenNoneAreSet() {
        ElasticsearchEndpoint endpoint = fromEnv();

        assertThat(endpoint.credentials()).isEqualTo(ElasticsearchEndpoint.Credentials.NONE);
        assertThat(endpoint.caCertificate()).isNull();
        assertThat(endpoint).hasToString(URL).isEqualTo(ElasticsearchEndpoint.of(URL))
                .isEqualTo(new ElasticsearchEndpoint(URL));
    }

    @Test
    void shouldReadAUserAndItsPassword() {
        env.put("LW_ES_USERNAME", "laborwatch_engine");
        env.put("LW_ES_PASSWORD", PASSWORD);

        assertThat(fromEnv().credentials()).isEqualTo(new ElasticsearchEndpoint.Basic("laborwatch_engine", PASSWORD));
    }

    @Test
    void shouldReadSecretsFromFilesWithoutTheirLastLineBreak() throws IOException {
        env.put("LW_ES_USERNAME", "laborwatch_index");
        env.put("LW_ES_PASSWORD_FILE", secretFile("password.txt", PASSWORD + "\n").toString());
        assertThat(fromEnv().credentials()).isEqualTo(new ElasticsearchEndpoint.Basic("laborwatch_index", PASSWORD));

        env.clear();
        env.put("LW_ES_API_KEY_FILE", secretFile("api-key.txt", API_KEY + "\r\n").toString());
        assertThat(fromEnv().credentials()).isEqualTo(new ElasticsearchEndpoint.ApiKey(API_KEY));
    }

    @Test
    void shouldRefuseContradictoryOrIncompleteSettingsWithoutShowingASecret() throws IOException {
        env.put("LW_ES_PASSWORD", PASSWORD);
        env.put("LW_ES_PASSWORD_FILE", secretFile("p.txt", PASSWORD).toString());
        assertRefused("LW_ES_PASSWORD or LW_ES_PASSWORD_FILE, not both");

        env.clear();
        env.put("LW_ES_USERNAME", "laborwatch_engine");
        assertRefused("needs both LW_ES_USERNAME and LW_ES_PASSWORD");
        env.clear();
        env.put("LW_ES_PASSWORD", PASSWORD);
        assertRefused("only the password is set");

        env.put("LW_ES_USERNAME", "laborwatch_engine");
        env.put("LW_ES_API_KEY", API_KEY);
        assertRefused("either an API key");

        env.clear();
        env.put("LW_ES_API_KEY_FILE", dir.resolve("missing.txt").toString());
        assertRefused("LW_ES_API_KEY_FILE names a file that cannot be read: " + dir.resolve("missing.txt"));
        env.put("LW_ES_API_KEY_FILE", secretFile("empty.txt", "\n").toString());
        assertRefused("names an empty file");
    }

    @Test
    void shouldRefuseAUrlThatCarriesCredentials() {
        assertThatThrownBy(() -> ElasticsearchEndpoint.of("http://elastic:" + PASSWORD + "@127.0.0.1:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void shouldNeverPrintASecret() throws Exception {
        env.put("LW_ES_USERNAME", "laborwatch_engine");
        env.put("LW_ES_PASSWORD", PASSWORD);
        ElasticsearchEndpoint basic = fromEnv();
        ElasticsearchEndpoint apiKey = new ElasticsearchEndpoint(URL, new ElasticsearchEndpoint.ApiKey(API_KEY), null);

        assertThat(basic).hasToString(URL + " (as laborwatch_engine)");
        assertThat(basic.credentials().toString()).doesNotContain(PASSWORD);
        assertThat(apiKey).hasToString(URL + " (API key)");
        assertThat(apiKey.credentials().toString()).doesNotContain(API_KEY);
        // A Flink sink carries the endpoint to its writers: it must come back whole.
        assertThat(roundTrip(basic)).isEqualTo(basic);
        assertThat(roundTrip(apiKey)).isEqualTo(apiKey);
    }

    @Test
    void shouldSendBasicAuthOrTheApiKeyWithEveryRequest() throws Exception {
        List<String> seen = recordAuthorization();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        get(new ElasticsearchEndpoint(url, new ElasticsearchEndpoint.Basic("laborwatch_engine", PASSWORD), null));
        get(new ElasticsearchEndpoint(url, new ElasticsearchEndpoint.ApiKey(API_KEY), null));
        get(ElasticsearchEndpoint.of(url));

        assertThat(seen).containsExactly(
                "Basic " + Base64.getEncoder().encodeToString(("laborwatch_engine:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)),
                "ApiKey " + API_KEY,
                "(none)");
    }

    /** A node whose certificate no public CA signed: trusted through LW_ES_CA_CERT, refused without it. */
    @Test
    void shouldTrustTheGivenCaCertificate() throws Exception {
        Path keystore = dir.resolve("node.p12");
        Path ca = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", ca.toString());
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keystore)));
        server = https;
        List<String> seen = recordAuthorization();
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        env.put("LW_ES_CA_CERT", ca.toString());
        env.put("LW_ES_USERNAME", "laborwatch_api");
        env.put("LW_ES_PASSWORD", PASSWORD);

        get(ElasticsearchEndpoint.fromEnvironment(url, env::get));
        assertThat(seen).hasSize(1);
        assertThat(ElasticsearchEndpoint.fromEnvironment(url, env::get))
                .hasToString(url + " (as laborwatch_api) (own CA)");
        assertThatThrownBy(() -> get(ElasticsearchEndpoint.of(url))).isInstanceOf(SSLHandshakeException.class);

        env.put("LW_ES_CA_CERT", secretFile("not-a-cert.pem", "hello").toString());
        assertRefused("LW_ES_CA_CERT");
    }

    private ElasticsearchEndpoint fromEnv() {
        return ElasticsearchEndpoint.fromEnvironment(URL, env::get);
    }

    private void assertRefused(String message) {
        assertThatThrownBy(this::fromEnv).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageNotContaining(PASSWORD).hasMessageNotContaining(API_KEY);
    }

    private Path secretFile(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Starts {@link #server} (plain HTTP unless already made) answering 200 and noting each Authorization header. */
    private List<String> recordAuthorization() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(auth == null ? "(none)" : auth);
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return seen;
    }

    private static void get(ElasticsearchEndpoint endpoint) throws IOException {
        try (RestClient client = endpoint.restClient()) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
    }

    private static ElasticsearchEndpoint roundTrip(ElasticsearchEndpoint endpoint) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(endpoint);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ElasticsearchEndpoint) in.readObject();
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: %s", output).isZero();
    }
}
