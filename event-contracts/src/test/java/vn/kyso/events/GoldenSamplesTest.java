package vn.kyso.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.events.account.AccountActivated;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.activation.ActivationCodeIssued;
import vn.kyso.events.activation.ActivationCompleted;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.audit.AuditAnchored;
import vn.kyso.events.credential.CredentialRegistered;
import vn.kyso.events.credential.DelegationEnded;
import vn.kyso.events.credential.PinChanged;
import vn.kyso.events.credential.PinLocked;
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.events.serviceprovider.ServiceProviderDisabled;
import vn.kyso.events.signature.SignatureCompleted;
import vn.kyso.events.signature.SignatureExpired;
import vn.kyso.events.signature.SignatureRejected;
import vn.kyso.events.signature.SignatureRequested;
import vn.kyso.events.serviceprovider.ServiceProviderRedirectUrisChanged;
import vn.kyso.events.serviceprovider.ServiceProviderRegistered;
import vn.kyso.events.serviceprovider.ServiceProviderSecretRotated;

class GoldenSamplesTest {

    private static final ObjectMapper TREE = new ObjectMapper();

    private static final UUID ACCOUNT = UUID.fromString("0b5f4c52-2f5e-4e0c-9a55-8f3f4f8e2a11");
    private static final UUID ACTIVATION = UUID.fromString("7d1c6a0e-4b8f-4f21-9d3e-2c5a1b9e8f70");
    private static final UUID CREDENTIAL = UUID.fromString("3e9b2f6a-8c1d-4a7e-b0f5-1d2c3b4a5e6f");
    private static final UUID TRANSACTION = UUID.fromString("9c4e1a2b-6d3f-4e8a-b7c1-0f2e3d4c5b6a");
    private static final UUID SP = UUID.fromString("5a0c8e7e-3f0b-4b8a-9d2c-6f1e2d3c4b5a");

    /** One sample instance per event type; the golden file is the published wire form. */
    private static final Map<EventType<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventTypes.ACCOUNT_CREATED, new AccountCreated(ACCOUNT, "001203004567", "CCCD",
                    "Nguyễn Thị Hồng Nhung", "nhung.nguyen@example.vn", "0912345678", "Hà Nội", "Cầu Giấy",
                    "UNACTIVATED", Instant.parse("2026-11-26T08:30:00Z"))),
            Map.entry(EventTypes.ACCOUNT_ACTIVATED, new AccountActivated(ACCOUNT, "001203004567",
                    Instant.parse("2026-11-26T08:45:01Z"))),
            Map.entry(EventTypes.ACTIVATION_COMPLETED, new ActivationCompleted(ACTIVATION, ACCOUNT,
                    Instant.parse("2026-11-26T08:45:00Z"))),
            Map.entry(EventTypes.ACTIVATION_CODE_ISSUED, new ActivationCodeIssued(ACTIVATION, ACCOUNT,
                    "ACCOUNT_CREATED", Instant.parse("2026-11-29T08:30:01Z"), Instant.parse("2026-11-26T08:30:01Z"))),
            Map.entry(EventTypes.ACTIVATION_EMAIL_REQUESTED, new ActivationEmailRequested(ACTIVATION, ACCOUNT,
                    "001203004567", "Nguyễn Thị Hồng Nhung", "nhung.nguyen@example.vn",
                    new SealedSecret(SealedSecret.ALG, "notification-2026-11", "V3JhcHBlZEtleQ==", "AAECAwQFBgcICQoL",
                            "Q2lwaGVydGV4dEFuZFRhZw=="),
                    Instant.parse("2026-11-29T08:30:01Z"))),
            Map.entry(EventTypes.SERVICE_PROVIDER_REGISTERED, new ServiceProviderRegistered(SP,
                    "Hóa đơn điện tử ABC", "https://einvoice.example.vn/kyso/webhook",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Instant.parse("2026-11-26T09:00:00Z"), List.of("https://einvoice.example.vn/kyso/callback"))),
            Map.entry(EventTypes.SERVICE_PROVIDER_REDIRECT_URIS_CHANGED, new ServiceProviderRedirectUrisChanged(SP,
                    List.of("https://einvoice.example.vn/kyso/callback", "http://127.0.0.1:53117/callback"),
                    Instant.parse("2026-11-27T10:00:00Z"))),
            Map.entry(EventTypes.SERVICE_PROVIDER_SECRET_ROTATED, new ServiceProviderSecretRotated(SP,
                    "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                    Instant.parse("2026-11-27T09:00:00Z"))),
            Map.entry(EventTypes.SERVICE_PROVIDER_DISABLED, new ServiceProviderDisabled(SP,
                    Instant.parse("2026-11-28T09:00:00Z"))),
            Map.entry(EventTypes.CREDENTIAL_REGISTERED, new CredentialRegistered(CREDENTIAL, ACCOUNT,
                    "iPhone của Nhung", "RSA-2048", Instant.parse("2026-11-26T08:40:00Z"))),
            Map.entry(EventTypes.KEY_PAIR_ACTIVATED, new KeyPairActivated(ACCOUNT, CREDENTIAL, "RSA-2048",
                    "MIICnzCCAYcCAQAwLzEtMCsGA1UEAwwkMGI1ZjRjNTItMmY1ZS00ZTBjLTlhNTUtOGYzZjRmOGUyYTEx",
                    Instant.parse("2026-11-26T08:40:01Z"))),
            Map.entry(EventTypes.DELEGATION_ENDED, new DelegationEnded(ACCOUNT, CREDENTIAL, "TOO_MANY_WRONG_CODES",
                    Instant.parse("2026-12-05T02:10:00Z"))),
            Map.entry(EventTypes.PIN_CHANGED, new PinChanged(ACCOUNT, CREDENTIAL, "CHANGED",
                    Instant.parse("2026-12-06T03:15:00Z"))),
            Map.entry(EventTypes.PIN_LOCKED, new PinLocked(ACCOUNT, CREDENTIAL, 5,
                    Instant.parse("2026-12-06T03:20:00Z"))),
            Map.entry(EventTypes.DEVICE_RECOVERY_REQUESTED, new DeviceRecoveryRequested(ACCOUNT, CREDENTIAL,
                    UUID.fromString("3e8b2c1d-7a4f-4c9e-8d2b-1f0a9e8d7c6b"), Instant.parse("2026-12-07T01:00:00Z"))),
            Map.entry(EventTypes.DEVICE_BOUND, new DeviceBound(ACCOUNT, CREDENTIAL, "Điện thoại mới của Nhung",
                    DeviceBound.RECOVERY, Instant.parse("2026-12-07T03:00:00Z"))),
            Map.entry(EventTypes.RECOVERY_CODE_EMAIL_REQUESTED, new RecoveryCodeEmailRequested(
                    UUID.fromString("3e8b2c1d-7a4f-4c9e-8d2b-1f0a9e8d7c6b"), ACCOUNT,
                    new SealedSecret(SealedSecret.ALG, "notification-2026-11", "V3JhcHBlZEtleQ==", "AAECAwQFBgcICQoL",
                            "Q2lwaGVydGV4dEFuZFRhZw=="),
                    Instant.parse("2026-12-08T02:00:00Z"))),
            Map.entry(EventTypes.AUDIT_ANCHORED, new AuditAnchored("signing-service", 42,
                    Instant.parse("2026-12-05T01:30:00.123456Z"),
                    "0:17:5f3a9c0d12e4b7a15f3a9c0d12e4b7a15f3a9c0d12e4b7a15f3a9c0d12e4b7a1",
                    "0000000000000000000000000000000000000000000000000000000000000000",
                    "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "c2lnbmF0dXJl", "3q2-7w",
                    "MIIB")),
            Map.entry(EventTypes.CERTIFICATE_ISSUED, new CertificateIssued(ACCOUNT, CREDENTIAL, "5F3A9C0D12E4B7A1",
                    "MIIEXjCCA0agAwIBAgIIXzqcDRLkt6EwDQYJKoZIhvcNAQELBQAw", List.of("MIIB9TCCAZugAwIBAgIIQ0E=",
                            "MIIB0zCCAXmgAwIBAgIIUk9PVA=="),
                    Instant.parse("2026-11-26T08:40:02Z"), Instant.parse("2027-11-26T08:40:02Z"),
                    Instant.parse("2026-11-26T08:40:02Z"))),
            Map.entry(EventTypes.CERTIFICATE_REQUEST_REJECTED, new CertificateRequestRejected(ACCOUNT, CREDENTIAL,
                    "CSR_WEAK_KEY", Instant.parse("2026-11-26T08:40:02Z"))),
            Map.entry(EventTypes.CERTIFICATE_REVOKED, new CertificateRevoked(ACCOUNT, CREDENTIAL, "5F3A9C0D12E4B7A1",
                    "keyCompromise", Instant.parse("2026-12-01T10:00:00Z"))),
            Map.entry(EventTypes.CERTIFICATE_CHANGE_REQUESTED, new CertificateChangeRequested(CREDENTIAL, ACCOUNT,
                    "5F3A9C0D12E4B7A1", CertificateChangeRequested.REVOKE, "keyCompromise",
                    Instant.parse("2026-12-01T08:55:00Z"))),
            Map.entry(EventTypes.CERTIFICATE_SUSPENDED, new CertificateSuspended(ACCOUNT, CREDENTIAL,
                    "5F3A9C0D12E4B7A1", Instant.parse("2026-12-01T09:00:00Z"))),
            Map.entry(EventTypes.CERTIFICATE_RESUMED, new CertificateResumed(ACCOUNT, CREDENTIAL,
                    "5F3A9C0D12E4B7A1", Instant.parse("2026-12-01T09:30:00Z"))),
            Map.entry(EventTypes.SIGNATURE_REQUESTED, new SignatureRequested(TRANSACTION, ACCOUNT, CREDENTIAL, "KYSO",
                    "activation-service", "Kyso", "Ký biên bản nghiệm thu", 1, Instant.parse("2026-11-26T08:41:00Z"),
                    Instant.parse("2026-11-26T08:46:00Z"), false)),
            Map.entry(EventTypes.SIGNATURE_COMPLETED, new SignatureCompleted(TRANSACTION, ACCOUNT, CREDENTIAL,
                    "5F3A9C0D12E4B7A1", 1, Instant.parse("2026-11-26T08:42:10Z"), "KYSO", "activation-service")),
            Map.entry(EventTypes.SIGNATURE_REJECTED, new SignatureRejected(TRANSACTION, ACCOUNT, CREDENTIAL,
                    Instant.parse("2026-11-26T08:42:10Z"), "SP", "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")),
            Map.entry(EventTypes.SIGNATURE_EXPIRED, new SignatureExpired(TRANSACTION, ACCOUNT, CREDENTIAL,
                    Instant.parse("2026-11-26T08:46:00Z"), "CSC", "2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")));

    @Test
    void everyEventTypeHasAGoldenSample() {
        assertEquals(Set.copyOf(EventTypes.ALL), SAMPLES.keySet());
    }

    @Test
    void samplesSerialiseExactlyToTheGoldenJson() throws IOException {
        for (var entry : SAMPLES.entrySet()) {
            String golden = golden(entry.getKey());
            assertEquals(TREE.readTree(golden), TREE.readTree(EventCodec.toJson(entry.getValue())),
                    entry.getKey().type());
        }
    }

    @Test
    void goldenJsonReadsBackIntoTheSameRecord() throws IOException {
        for (var entry : SAMPLES.entrySet()) {
            Object read = EventCodec.fromJson(golden(entry.getKey()), entry.getKey().payload());
            assertEquals(entry.getValue(), read, entry.getKey().type());
        }
    }

    @Test
    void typesFollowTheNamingConventionAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (EventType<?> type : EventTypes.ALL) {
            assertTrue(type.type().matches("vn\\.kyso\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[0-9]+"), type.type());
            assertTrue(Topics.ALL.contains(type.topic()), type.topic());
            assertTrue(seen.add(type.type()), "duplicate " + type.type());
            assertTrue(type.payload().isRecord(), type.payload().getName());
        }
        assertEquals(EventTypes.ACCOUNT_CREATED, EventTypes.byType("vn.kyso.account.AccountCreated.v1").orElseThrow());
    }

    @Test
    void unknownFieldsAreToleratedButGarbageIsRejected() {
        AccountCreated read = EventCodec.fromJson("{\"accountId\":\"0b5f4c52-2f5e-4e0c-9a55-8f3f4f8e2a11\","
                + "\"futureField\":1}", AccountCreated.class);
        assertNotNull(read.accountId());
        assertThrows(MalformedEventException.class, () -> EventCodec.fromJson("{not json", AccountCreated.class));
        assertThrows(MalformedEventException.class, () -> EventCodec.fromJson("null", AccountCreated.class));
        assertThrows(MalformedEventException.class,
                () -> EventCodec.fromJson("{\"accountId\":\"not-a-uuid\"}", AccountCreated.class));
    }

    /**
     * The compatibility rule, checked against publication history: every field any earlier committed version of a
     * golden sample had is still there with the same JSON type. Removing or retyping a field needs a new type version.
     */
    @Test
    void noPublishedFieldWasEverRemovedOrRetyped() throws Exception {
        Path dir = Path.of("src/test/resources/golden").toAbsolutePath();
        Assumptions.assumeTrue(git(dir, "rev-parse", "--is-inside-work-tree").strip().equals("true"),
                "not a git checkout: publication history unavailable");
        int versions = 0;
        for (EventType<?> type : EventTypes.ALL) {
            String file = type.type() + ".json";
            JsonNode current = TREE.readTree(golden(type));
            for (String commit : git(dir, "log", "--format=%H", "--", file).lines().toList()) {
                JsonNode published = TREE.readTree(git(dir, "show", commit + ":./" + file));
                List<String> broken = new ArrayList<>();
                compatible(published, current, type.type(), broken);
                assertEquals(List.of(), broken, "published in " + commit.substring(0, 10)
                        + "; a removed or retyped field needs a new version of the type");
                versions++;
            }
        }
        assertTrue(versions >= EventTypes.ALL.size(), "history of every sample read: " + versions);
    }

    @Test
    void theHistoryCheckCatchesARemovedOrRetypedField() throws IOException {
        JsonNode published = TREE.readTree(golden(EventTypes.SIGNATURE_COMPLETED));
        var removed = ((ObjectNode) published.deepCopy());
        removed.remove("serialNumber");
        var retyped = ((ObjectNode) published.deepCopy());
        retyped.put("itemCount", "1");
        var added = ((ObjectNode) published.deepCopy());
        added.put("newOptionalField", "x");
        List<String> broken = new ArrayList<>();
        compatible(published, removed, "removed", broken);
        compatible(published, retyped, "retyped", broken);
        assertEquals(2, broken.size(), broken.toString());
        List<String> none = new ArrayList<>();
        compatible(published, added, "added", none);
        assertEquals(List.of(), none);
    }

    private static void compatible(JsonNode published, JsonNode current, String where, List<String> broken) {
        for (var field : published.properties()) {
            JsonNode now = current.get(field.getKey());
            String path = where + "." + field.getKey();
            if (now == null) {
                broken.add(path + " was removed");
            } else if (!field.getValue().isNull() && !now.isNull()
                    && field.getValue().getNodeType() != now.getNodeType()) {
                broken.add(path + " changed from " + field.getValue().getNodeType() + " to " + now.getNodeType());
            } else if (field.getValue().isObject() && now.isObject()) {
                compatible(field.getValue(), now, path, broken);
            }
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noGit) {
            return "";
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? out : "";
    }

    private static String golden(EventType<?> type) throws IOException {
        try (InputStream in = GoldenSamplesTest.class.getResourceAsStream("/golden/" + type.type() + ".json")) {
            assertNotNull(in, "missing golden sample for " + type.type());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
