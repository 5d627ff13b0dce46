package vn.kyso.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;

/**
 * The connection goes to the checked address only: names that no DNS knows reach a listener on loopback, and TLS still
 * checks the certificate against the URL's host.
 */
class PinnedHttpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static Vertx vertx;
    private static SelfSignedCertificate certificate;
    private static HttpServer plain;
    private static HttpServer tls;
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        vertx = Vertx.vertx();
        certificate = SelfSignedCertificate.create("hooks.kyso.test");
        plain = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            SEEN.add("plain " + request.authority() + " " + request.uri() + " " + body);
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    SEEN.add("tls " + request.connection().indicatedServerName() + " " + request.authority() + " "
                            + body);
                    request.response().setStatusCode(202).end();
                })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        certificate.delete();
    }

    @Test
    void theRequestGoesToTheCheckedAddressWithTheUrlsHostInTheHostHeader() throws Exception {
        try (PinnedHttp http = new PinnedHttp(vertx, Duration.ofSeconds(5))) {
            int status = post(http, "http://hooks.kyso.test:" + plain.actualPort() + "/cb?x=1", "{\"a\":1}");
            assertEquals(204, status);
            assertTrue(SEEN.contains("plain hooks.kyso.test:" + plain.actualPort() + " /cb?x=1 {\"a\":1}"),
                    SEEN.toString());
        }
    }

    @Test
    void overTlsTheCertificateIsCheckedAgainstTheUrlsHostSentAsSni() throws Exception {
        try (PinnedHttp http = new PinnedHttp(vertx, Duration.ofSeconds(5), certificate.trustOptions())) {
            assertEquals(202, post(http, "https://hooks.kyso.test:" + tls.actualPort() + "/cb", "signed"));
            assertTrue(SEEN.contains("tls hooks.kyso.test hooks.kyso.test:" + tls.actualPort() + " signed"),
                    SEEN.toString());
            ExecutionException wrongName = assertThrows(ExecutionException.class,
                    () -> post(http, "https://other.kyso.test:" + tls.actualPort() + "/cb", "never"));
            assertTrue(wrongName.getCause() instanceof javax.net.ssl.SSLException
                    || wrongName.getCause().getCause() instanceof javax.net.ssl.SSLException, wrongName.toString());
            assertTrue(SEEN.stream().noneMatch(s -> s.endsWith(" never")), "nothing was sent to a wrong name");
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        try (PinnedHttp http = new PinnedHttp(vertx, Duration.ofSeconds(5))) {
            assertThrows(ExecutionException.class,
                    () -> post(http, "https://hooks.kyso.test:" + tls.actualPort() + "/cb", "untrusted"));
            assertTrue(SEEN.stream().noneMatch(s -> s.endsWith(" untrusted")));
        }
    }

    private static int post(PinnedHttp http, String url, String body) throws Exception {
        try {
            return http.post(URI.create(url), LOOPBACK, Map.of("Content-Type", "application/json"), body,
                    Duration.ofSeconds(5)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }
}
