package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The NEAC profile over signing-service's HTTPS the way the profile's public client connects: TLS 1.2 only,
 * ECDHE-ECDSA-AES128-GCM-SHA256 only, trusting nothing but Kyso's root, the host name checked; a synchronous sign held
 * until the subscriber approves, and the client's byte-identical re-post answered from the same transaction.
 */
class NeacHttpsIT {

    static final String HTTPS = "https://localhost:" + (8443 + KysoStack.OFFSET) + "/neac/v1";

    @Test
    void aTls12ClientTrustingOnlyKysosRootSignsThroughTheNeacProfile() throws Exception {
        KysoStack stack = KysoStack.shared();
        HttpClient neacClient = client(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});

        HttpResponse<String> stranger = post(neacClient, "/get_certificate",
                "{\"sp_id\":\"nobody\",\"sp_password\":\"wrong\",\"user_id\":\"001000000000\"}");
        assertEquals(401, stranger.statusCode(), stranger.body());
        assertEquals("TLSv1.2", stranger.sslSession().orElseThrow().getProtocol());
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", stranger.sslSession().orElseThrow().getCipherSuite());
        JsonNode error = Api.JSON.readTree(stranger.body());
        assertEquals(401, error.get("status_code").asInt());
        assertEquals(401, error.get("code").asInt());

        Api.Subscriber lan = Api.activate(stack, "Trịnh Thị Lan");
        KysoStack.Integrator sp = stack.registerIntegrator("NEAC TLS " + lan.identifier(), lan.identifier());
        stack.allow(sp, lan);
        HttpResponse<String> certificate = post(neacClient, "/get_certificate", "{\"sp_id\":\"" + sp.id()
                + "\",\"sp_password\":\"" + sp.password() + "\",\"user_id\":\"" + lan.identifier() + "\"}");
        assertEquals(200, certificate.statusCode(), certificate.body());

        byte[] digest = MessageDigest.getInstance("SHA-256").digest("Tờ khai HTTPS".getBytes(StandardCharsets.UTF_8));
        String body = "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\"" + sp.password() + "\",\"user_id\":\""
                + lan.identifier() + "\",\"transaction_id\":\"TLS-" + lan.identifier()
                + "\",\"time_stamp\":\"20261205040000000000Z\",\"sign_files\":[{\"data_to_be_signed\":\""
                + Base64.getEncoder().encodeToString(digest) + "\",\"doc_id\":\"TK-1\"}]}";
        int before = transactions(lan).size();
        CompletableFuture<HttpResponse<String>> held = neacClient.sendAsync(request("/sign", body),
                HttpResponse.BodyHandlers.ofString());
        String tran = Api.await(() -> pending(lan), id -> id != null, "the pending request");
        Api.ok(lan.confirm(tran));
        HttpResponse<String> signed = held.get();
        assertEquals(200, signed.statusCode(), signed.body());
        JsonNode answer = Api.JSON.readTree(signed.body());
        assertEquals("SUCCESS", answer.get("message").asText());
        String signature = answer.at("/data/signed_files/0/signature_value").asText();
        assertTrue(!signature.isEmpty(), signed.body());

        HttpResponse<String> again = post(neacClient, "/sign", body);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(signature, Api.JSON.readTree(again.body()).at("/data/signed_files/0/signature_value").asText());
        assertEquals(before + 1, transactions(lan).size(), "one transaction for the request and its re-post");

        // Nothing older than TLS 1.2 is spoken.
        HttpClient old = client(new String[] {"TLSv1.1"}, null);
        assertThrows(SSLHandshakeException.class, () -> post(old, "/get_certificate", "{}"));
    }

    /**
     * OkHttp 2.7.5 — the transport of the profile's public client — with its own defaults (MODERN_TLS: TLS 1.0–1.2
     * and its 2015 cipher list), given only a trust store with Kyso's root as an SP would import it; the base URL
     * ending in a slash as a careless configuration leaves it ({@code //get_certificate}).
     */
    @Test
    void okHttp275WithItsOwnTlsDefaultsGetsAnAnswer() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber minh = Api.activate(stack, "Phan Văn Minh");
        KysoStack.Integrator sp = stack.registerIntegrator("NEAC OkHttp " + minh.identifier(), minh.identifier());
        stack.allow(sp, minh);
        com.squareup.okhttp.OkHttpClient okhttp = new com.squareup.okhttp.OkHttpClient();
        okhttp.setSslSocketFactory(trustingKysoRoot().getSocketFactory());
        okhttp.setConnectTimeout(60, java.util.concurrent.TimeUnit.SECONDS);
        okhttp.setReadTimeout(60, java.util.concurrent.TimeUnit.SECONDS);
        com.squareup.okhttp.Request request = new com.squareup.okhttp.Request.Builder().url(HTTPS + "//get_certificate")
                .post(com.squareup.okhttp.RequestBody.create(com.squareup.okhttp.MediaType.parse(
                        "application/json; charset=utf-8"), "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\""
                        + sp.password() + "\",\"user_id\":\"" + minh.identifier() + "\"}"))
                .build();
        com.squareup.okhttp.Response response = okhttp.newCall(request).execute();
        String body = response.body().string();
        assertEquals(200, response.code(), body);
        // A TLS 1.2 suite (OkHttp 2.7.5 offers nothing newer) with forward secrecy and AEAD.
        String suite = response.handshake().cipherSuite();
        assertTrue(suite.startsWith("TLS_ECDHE_") && suite.contains("_GCM_"), suite);
        JsonNode answer = Api.JSON.readTree(body);
        assertEquals(200, answer.get("status_code").asInt());
        assertTrue(answer.at("/data/0/cert_data").asText().length() > 100, body);
    }

    private static JsonNode transactions(Api.Subscriber s) throws Exception {
        return Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/transactions", s.token(), null, null));
    }

    private static String pending(Api.Subscriber s) throws Exception {
        for (JsonNode tx : transactions(s)) {
            if ("PENDING".equals(tx.get("status").asText())) {
                return tx.get("id").asText();
            }
        }
        return null;
    }

    private static HttpResponse<String> post(HttpClient client, String path, String body) throws Exception {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(HTTPS + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** A client that trusts Kyso's root alone, fetched from the CA's own chain. */
    private static HttpClient client(String[] protocols, String[] ciphers) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols);
        if (ciphers != null) {
            parameters.setCipherSuites(ciphers);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingKysoRoot())
                .sslParameters(parameters).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext trustingKysoRoot() throws Exception {
        String chain = Api.send("GET", Api.CA + "/ca/chain.pem", null, null, null).body();
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
        X509Certificate root = certificates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).findFirst().orElseThrow();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("kyso-root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
