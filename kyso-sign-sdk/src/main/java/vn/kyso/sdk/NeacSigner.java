package vn.kyso.sdk;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscriber's key over the national NEAC remote-signing profile ({@code /neac/v1}): {@code get_certificate} for the
 * default certificate and its chain, a {@code sign} request the subscriber approves in the app — answered at once in
 * the profile's synchronous mode, else {@code sign/status} polled until it ends.
 */
public final class NeacSigner implements RemoteSigner {

    private final String baseUrl;
    private final String spId;
    private final String spPassword;
    private final String userId;
    private final Duration poll;
    private final Duration patience;
    private List<X509Certificate> chain;

    /**
     * @param baseUrl e.g. {@code https://kyso.example:8443/neac/v1}
     * @param userId the subscriber's ID number
     */
    public NeacSigner(String baseUrl, String spId, String spPassword, String userId, Duration poll,
            Duration patience) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.spId = spId;
        this.spPassword = spPassword;
        this.userId = userId;
        this.poll = poll;
        this.patience = patience;
    }

    @Override
    public synchronized List<X509Certificate> certificateChain() {
        if (chain == null) {
            JsonNode data = checked(Http.postJson(baseUrl + "/get_certificate", null, Map.of("sp_id", spId,
                    "sp_password", spPassword, "user_id", userId, "transaction_id", "sdk-" + UUID.randomUUID())),
                    "get_certificate").path("data");
            // The default certificate comes first (the profile's rule).
            JsonNode first = data.isArray() ? data.path(0) : data.at("/user_certificates/0");
            if (first.isMissingNode() || first.path("cert_data").asText("").isEmpty()) {
                throw new KysoException("the subscriber " + userId + " has no certificate that can sign, or has not "
                        + "allowed this integrator yet (the subscriber allows it in the Kyso app)");
            }
            List<X509Certificate> found = new ArrayList<>();
            found.add(Certificates.fromBase64(first.path("cert_data").asText()));
            first.path("chain_data").forEach(c -> found.add(Certificates.fromBase64(c.asText())));
            chain = List.copyOf(found);
        }
        return chain;
    }

    @Override
    public byte[] sign(String digestAlgorithm, byte[] digest, String label) {
        certificateChain();
        String transactionId = "sdk-" + UUID.randomUUID();
        JsonNode answer = checked(Http.postJson(baseUrl + "/sign", null, Map.of("sp_id", spId, "sp_password",
                spPassword, "user_id", userId, "transaction_id", transactionId, "sign_files", List.of(Map.of(
                        "data_to_be_signed", HexFormat.of().formatHex(digest), "doc_id", label, "file_options",
                        Map.of("file_type", label.toLowerCase().endsWith(".xml") ? "xml" : "pdf", "sign_type",
                                "hash"))))), "sign");
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            switch (answer.at("/data/status").asText(answer.path("message").asText())) {
                case "SIGNED", "SUCCESS" -> {
                    return Base64.getDecoder().decode(answer.at("/data/signed_files/0/signature_value").asText());
                }
                case "PENDING", "sig_wait_for_user_confirm" -> {
                    if (!Instant.now().isBefore(deadline)) {
                        throw new KysoException("no decision within " + patience.toSeconds() + " s");
                    }
                    Http.pause(poll);
                    answer = checked(Http.postJson(baseUrl + "/sign/status", null, Map.of("sp_id", spId,
                            "sp_password", spPassword, "transaction_id", transactionId)), "sign/status");
                }
                default -> throw new KysoException("not signed: " + answer.path("message").asText());
            }
        }
    }

    /** The profile answers refusals (409 rejected, 410 expired) with its envelope: they end the wait with its word. */
    private static JsonNode checked(Http.Answer answer, String call) {
        if (answer.status() == 409 || answer.status() == 410) {
            throw new KysoException(call + ": " + answer.body().path("message").asText("HTTP " + answer.status()));
        }
        if (answer.status() != 200) {
            throw new KysoException(call + ": HTTP " + answer.status() + " " + answer.body().path("message")
                    .asText(answer.raw().body()));
        }
        return answer.body();
    }
}
