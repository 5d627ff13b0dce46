package vn.kyso.sdk.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link Fetcher} of the running service: plain HTTP(S) to the URLs certificates name, short timeouts, bodies
 * capped (a CRL or OCSP answer is small; a hostile URL must not fill the heap).
 */
public final class HttpFetcher implements Fetcher {

    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Optional<byte[]> get(String url) {
        return send(url, HttpRequest.newBuilder().GET());
    }

    @Override
    public Optional<byte[]> post(String url, String contentType, byte[] body) {
        return send(url, HttpRequest.newBuilder().header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Optional<byte[]> send(String url, HttpRequest.Builder builder) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Optional.empty();
        }
        try {
            HttpResponse<InputStream> response = client.send(builder.uri(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    return Optional.empty();
                }
                byte[] body = in.readNBytes(MAX_BODY + 1);
                return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
