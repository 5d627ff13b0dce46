package vn.kyso.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON and form calls over the JDK's HTTP client: the SDK's one way to talk to Kyso. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Http() {
    }

    /** A response: status and body as JSON (an empty object when the body is not JSON). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    static Answer postJson(String url, String bearer, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), bearer);
        } catch (IOException e) {
            throw new KysoException("the request to " + url + " could not be written", e);
        }
    }

    static Answer postForm(String url, String basicUser, String basicPassword, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((
                    java.net.URLEncoder.encode(basicUser, java.nio.charset.StandardCharsets.UTF_8) + ":"
                    + java.net.URLEncoder.encode(basicPassword, java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return send(request, null);
    }

    private static Answer send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                body = JSON.createObjectNode();
            }
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new KysoException("Kyso could not be reached at " + built.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KysoException("interrupted while waiting for " + built.uri(), e);
        }
    }

    /** Waits {@code pause}, or gives up when interrupted. */
    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KysoException("interrupted while waiting for the subscriber", e);
        }
    }
}
