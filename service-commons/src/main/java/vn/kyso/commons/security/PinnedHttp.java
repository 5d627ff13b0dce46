package vn.kyso.commons.security;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

/**
 * POSTs to a URL over a connection to an address checked beforehand ({@link WebhookDestinations#resolve}), with the
 * URL's host in the Host header, the TLS SNI and the certificate check — so DNS cannot answer the check with a public
 * address and the connection with a private one.
 */
public final class PinnedHttp implements AutoCloseable {

    private final HttpClient client;

    /** A client that trusts the JVM's default CAs. */
    public PinnedHttp(Vertx vertx, Duration connectTimeout) {
        this(vertx, connectTimeout, null);
    }

    /** A client that trusts {@code trust} (tests with their own CA); null for the JVM's default CAs. */
    public PinnedHttp(Vertx vertx, Duration connectTimeout, TrustOptions trust) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                // One connection per delivery: a pooled connection must never carry a request for another host.
                .setKeepAlive(false);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options);
    }

    /** POSTs {@code body} to {@code url} at {@code address}; completes with the HTTP status. */
    public Future<Integer> post(URI url, InetAddress address, Map<String, String> headers, String body,
            Duration timeout) {
        return post(url, address, headers, Buffer.buffer(body), timeout);
    }

    /** POSTs binary {@code body} (an encrypted push message) to {@code url} at {@code address}. */
    public Future<Integer> post(URI url, InetAddress address, Map<String, String> headers, byte[] body,
            Duration timeout) {
        return post(url, address, headers, Buffer.buffer(body), timeout);
    }

    private Future<Integer> post(URI url, InetAddress address, Map<String, String> headers, Buffer body,
            Duration timeout) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setTimeout(timeout.toMillis())
                .setFollowRedirects(false);
        headers.forEach(request::putHeader);
        return client.request(request)
                .compose(r -> r.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    @Override
    public void close() {
        client.close();
    }
}
