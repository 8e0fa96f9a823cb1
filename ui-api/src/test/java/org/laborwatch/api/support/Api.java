package org.laborwatch.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the running service over real HTTP with the JDK's client: it shows every status and body as they are (4xx
 * included, no exceptions), and reads a Server-Sent-Events stream line by line.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Api(EmbeddedServer server) {
        this.base = server.getURI();
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** The user's token, signing in once; waits for the service to be ready (its demo users created). */
    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            long deadline = System.currentTimeMillis() + 60_000;
            // Not a sign-in attempt per poll: failed ones would be throttled.
            while (get("/health/readiness", null).status() != 200 && System.currentTimeMillis() < deadline) {
                sleep(300);
            }
            while (true) {
                Response r = post("/api/login", null,
                        "{\"username\":\"" + u + "\",\"password\":\"" + ApiStack.DEMO_PASSWORD + "\"}");
                if (r.status() == 200) {
                    return r.json().get("accessToken").asText();
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("cannot sign in as " + u + ": " + r.status() + " " + r.body());
                }
                sleep(300);
            }
        });
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpClient client() {
        return http;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
