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
 * A subscriber's key over the SmartCA SP769 contract ({@code /sca/sp769}): the certificate from
 * {@code get_certificate}, a {@code hash} sign request the subscriber approves in the app, and the status polled until
 * it is decided — the same calls a SmartCA integrator makes, so this also runs against SmartCA itself.
 */
public final class Sp769Signer implements RemoteSigner {

    private final String baseUrl;
    private final String spId;
    private final String spPassword;
    private final String userId;
    private final Duration poll;
    private final Duration patience;
    private List<X509Certificate> chain;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8084/sca/sp769}
     * @param userId the subscriber's ID number (CCCD/MST)
     * @param poll how often the status is asked while the subscriber decides
     * @param patience how long to wait for the decision at most (Kyso's transactions live 300 s)
     */
    public Sp769Signer(String baseUrl, String spId, String spPassword, String userId, Duration poll,
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
            Http.Answer answer = Http.postJson(baseUrl + "/v1/credentials/get_certificate", null, Map.of("sp_id",
                    spId, "sp_password", spPassword, "user_id", userId, "serial_number", "", "transaction_id",
                    "sdk-" + UUID.randomUUID()));
            JsonNode certificates = checked(answer, "get_certificate").at("/data/user_certificates");
            JsonNode valid = null;
            for (JsonNode c : certificates) {
                if ("VALID".equals(c.path("cert_status_code").asText())) {
                    valid = c;
                    break;
                }
            }
            if (valid == null) {
                throw new KysoException("the subscriber " + userId + " has no valid certificate, or has not allowed "
                        + "this integrator yet (the subscriber allows it in the Kyso app)");
            }
            List<X509Certificate> found = new ArrayList<>();
            found.add(Certificates.fromBase64(valid.path("cert_data").asText()));
            for (String link : List.of("ca_cert", "root_cert")) {
                String der = valid.at("/chain_data/" + link).asText("");
                if (!der.isEmpty()) {
                    found.add(Certificates.fromBase64(der));
                }
            }
            chain = List.copyOf(found);
        }
        return chain;
    }

    @Override
    public byte[] sign(String digestAlgorithm, byte[] digest, String label) {
        String transactionId = "sdk-" + UUID.randomUUID();
        Http.Answer asked = Http.postJson(baseUrl + "/v1/signatures/sign", null, Map.of("sp_id", spId,
                "sp_password", spPassword, "user_id", userId, "transaction_id", transactionId, "transaction_desc",
                label, "serial_number", certificateChain().get(0).getSerialNumber().toString(16), "sign_files",
                List.of(Map.of("data_to_be_signed", HexFormat.of().formatHex(digest), "doc_id", "1", "file_type",
                        label.toLowerCase().endsWith(".xml") ? "xml" : "pdf", "sign_type", "hash"))));
        String tranCode = checked(asked, "sign").at("/data/tran_code").asText(transactionId);
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = checked(Http.postJson(baseUrl + "/v1/signatures/sign/" + tranCode + "/status", null,
                    Map.of("sp_id", spId, "sp_password", spPassword)), "status");
            switch (status.path("message").asText()) {
                case "SUCCESS" -> {
                    return Base64.getDecoder().decode(status.at("/data/signatures/0/signature_value").asText());
                }
                case "REJECTED" -> throw new KysoException("the subscriber refused to sign");
                case "EXPIRED" -> throw new KysoException("the subscriber did not approve in time");
                default -> Http.pause(poll);
            }
        }
        throw new KysoException("no decision within " + patience.toSeconds() + " s");
    }

    private static JsonNode checked(Http.Answer answer, String call) {
        if (answer.status() != 200) {
            throw new KysoException(call + ": HTTP " + answer.status() + " " + answer.body().path("message")
                    .asText(answer.raw().body()));
        }
        return answer.body();
    }
}
