package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Every record of every Kyso topic delivered a second time, as a relay retry or a consumer restart would: no service
 * may do anything twice — no row, no email, no certificate, no signature, no event of its own.
 */
// Replays every topic and compares the whole stack's state before and after.
@Isolated
class DuplicateDeliveryIT {

    static final List<String> TOPICS = List.of("kyso.account.events", "kyso.serviceprovider.events",
            "kyso.activation.events", "kyso.notification.requests", "kyso.credential.events",
            "kyso.certificate.events", "kyso.signature.events", "kyso.audit.anchors");

    @Test
    void everyEventTypeDeliveredTwiceHasOneEffect() throws Exception {
        KysoStack stack = KysoStack.shared();
        String operator = stack.operator();
        Api.Subscriber carol = Api.activate(stack, "Đỗ Thị Cúc");
        // The events the activation did not make: an integrator's whole life (redirect URIs included), every
        // transaction outcome, the subscriber's and the operator's holds and resumptions, a revocation and a refused
        // certificate request.
        String expiring = stack.shortTransaction(carol.accountId(), 30);
        KysoStack.Integrator sp = stack.registerIntegrator("Bệnh viện " + carol.identifier(), carol.identifier());
        String signed = "DUP-S-" + carol.identifier();
        String rejected = "DUP-R-" + carol.identifier();
        String toSign = Api.JSON.readTree(stack.sp769Sign(sp, carol.identifier(), signed,
                HexFormat.of().formatHex(new byte[32]))).at("/data/tran_code").asText();
        String toReject = Api.JSON.readTree(stack.sp769Sign(sp, carol.identifier(), rejected,
                HexFormat.of().formatHex(new byte[32]))).at("/data/tran_code").asText();
        Api.ok(carol.confirm(toSign));
        Api.ok(carol.reject(toReject));
        StateSnapshot.expireNow(List.of(expiring));
        Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/transactions/" + expiring,
                carol.token(), null, null)), t -> "EXPIRED".equals(t.path("status").asText()), "an expired request");
        Api.ok(Api.send("PUT", KysoStack.ACCOUNT + "/api/v1/service-providers/" + sp.id() + "/redirect-uris",
                operator, "application/json", "{\"redirectUris\":[\"https://benhvien.example.vn/kyso/callback\"]}"));
        Api.ok(Api.send("POST", KysoStack.ACCOUNT + "/api/v1/service-providers/" + sp.id() + "/rotate-secret",
                operator, null, null));
        Api.ok(Api.send("POST", KysoStack.ACCOUNT + "/api/v1/service-providers/" + sp.id() + "/disable", operator,
                null, null));
        // TH delegation on, then off again: DelegationEnded (and the notice mail it brings).
        String credential = KysoStack.SIGNING + "/api/v1/credentials/" + carol.credentialId();
        String challenge = Api.json(Api.send("POST", credential + "/challenge", carol.token(), null, null))
                .get("challenge").asText();
        Api.ok(Api.send("POST", credential + "/totp", carol.token(), "application/json", Api.JSON.writeValueAsString(
                Map.of("pin", carol.pin(), "challenge", challenge, "deviceSignature", carol.sign(challenge)))));
        Api.ok(Api.send("DELETE", credential + "/totp", carol.token(), null, null));
        String serial = Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", carol.token(), null,
                null)).get(0).get("serialNumber").asText();
        // The subscriber's own hold and its lifting (CertificateChangeRequested, answered by ca-service).
        for (String change : List.of("suspend", "resume")) {
            String c = Api.json(Api.send("POST", credential + "/challenge", carol.token(), null, null))
                    .get("challenge").asText();
            Api.ok(Api.send("POST", credential + "/" + change, carol.token(), "application/json", Api.JSON
                    .writeValueAsString(Map.of("pin", carol.pin(), "challenge", c, "deviceSignature", carol.sign(c)))));
            String expected = change.equals("suspend") ? "SUSPENDED" : "ACTIVE";
            Api.await(() -> Api.json(Api.send("GET", credential, carol.token(), null, null)),
                    t -> expected.equals(t.path("status").asText()), "the credential " + expected);
        }
        // The PIN changed (PinChanged), then five wrong ones lock it (PinLocked); the recovery below unlocks it.
        String p = Api.json(Api.send("POST", credential + "/challenge", carol.token(), null, null)).get("challenge")
                .asText();
        Api.ok(Api.send("POST", credential + "/pin", carol.token(), "application/json", Api.JSON.writeValueAsString(
                Map.of("currentPin", carol.pin(), "newPin", "580417", "confirmPin", "580417", "challenge", p,
                        "deviceSignature", carol.sign(p)))));
        for (int attempt = 1; attempt <= 5; attempt++) {
            String w = Api.json(Api.send("POST", credential + "/challenge", carol.token(), null, null))
                    .get("challenge").asText();
            int status = Api.send("POST", credential + "/suspend", carol.token(), "application/json", Api.JSON
                    .writeValueAsString(Map.of("pin", "975310", "challenge", w, "deviceSignature", carol.sign(w))))
                    .statusCode();
            assertEquals(attempt < 5 ? 400 : 423, status, "wrong PIN " + attempt);
        }
        // The device is lost (DeviceRecoveryRequested); an operator approves (RecoveryCodeEmailRequested); the mailed
        // code binds a new device and PIN (DeviceBound, the old certificate revoked, a new one issued).
        String recovery = Api.json(Api.send("POST", credential + "/recovery", carol.token(), "application/json",
                "{\"reason\":\"Mất máy\"}")).get("recoveryId").asText();
        Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/recoveries/" + recovery + "/approve", operator,
                "application/json", "{\"note\":\"Gọi lại số đã đăng ký\"}"));
        Api.ok(Api.send("POST", credential + "/recovery/complete", carol.token(), "application/json",
                Api.JSON.writeValueAsString(Map.of("code", KysoStack.recoveryCode(carol.email()), "pin", "640251",
                        "confirmPin", "640251", "deviceName", "máy mới", "devicePublicKey", Api.newDeviceKey()))));
        serial = Api.await(() -> Api.json(Api.send("GET", credential, carol.token(), null, null)),
                c -> "ACTIVE".equals(c.path("status").asText()), "the recovered credential's new certificate")
                .get("serialNumber").asText();
        // On hold and off again (CertificateSuspended, CertificateResumed), then revoked for good.
        Api.ok(Api.send("POST", Api.CA + "/api/v1/certificates/" + serial + "/suspend", operator, null, null));
        Api.ok(Api.send("POST", Api.CA + "/api/v1/certificates/" + serial + "/resume", operator, null, null));
        Api.ok(Api.send("POST", Api.CA + "/api/v1/certificates/" + serial + "/revoke", operator, "application/json",
                "{\"reason\":\"keyCompromise\"}"));
        publishRefusedCertificateRequest(carol.accountId());

        // Earlier suites' waiting transactions would otherwise expire in the middle of the window.
        StateSnapshot.expireWaitingTransactions();
        Map<String, Long> before = StateSnapshot.settled();
        Map<String, Integer> replayed = replayEverything();
        Map<String, Long> after = StateSnapshot.settled();

        Set<String> types = new TreeSet<>(replayed.keySet());
        Set<String> catalogue = new TreeSet<>(vn.kyso.events.EventTypes.ALL.stream().map(t -> t.type()).toList());
        assertTrue(types.containsAll(catalogue), "not replayed: " + catalogue.stream()
                .filter(t -> !types.contains(t)).toList());
        List<String> changed = StateSnapshot.differences(before, after).stream()
                .filter(d -> TOPICS.stream().noneMatch(t -> d.startsWith("kafka " + t + " end offset")))
                .toList();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/duplicate-delivery-report.txt"), "records delivered twice, by type: "
                + replayed + "\nchanges after the second delivery: " + changed + "\n");
        assertEquals(List.of(), changed, "a second delivery had an effect");
        // The only records the replay may have added are its own: no service published anything in answer.
        // The anchors' topic grows on a clock and is left out of the snapshots; its replayed records too.
        int total = replayed.entrySet().stream().filter(e -> !e.getKey().equals(
                vn.kyso.events.EventTypes.AUDIT_ANCHORED.type())).mapToInt(Map.Entry::getValue).sum();
        long grown = TOPICS.stream().mapToLong(t -> after.getOrDefault("kafka " + t + " end offset", 0L)
                - before.getOrDefault("kafka " + t + " end offset", 0L)).sum();
        assertEquals(total, grown, "events published in answer to duplicates");
    }

    /** A KeyPairActivated whose CSR is garbage, as a faulty producer could send: ca-service must refuse it. */
    private static void publishRefusedCertificateRequest(String accountId) throws Exception {
        String credential = UUID.randomUUID().toString();
        var event = new vn.kyso.events.credential.KeyPairActivated(UUID.fromString(accountId),
                UUID.fromString(credential), "EC-P256", "bm90IGEgQ1NS", java.time.Instant.now());
        try (var producer = producer()) {
            var record = new ProducerRecord<>(vn.kyso.events.Topics.CREDENTIAL_EVENTS, credential,
                    vn.kyso.events.EventCodec.toJson(event));
            headers(record, vn.kyso.events.EventTypes.KEY_PAIR_ACTIVATED.type(), credential, "/kyso/signing-service");
            producer.send(record).get();
        }
        Api.await(() -> countOf(vn.kyso.events.Topics.CERTIFICATE_EVENTS,
                vn.kyso.events.EventTypes.CERTIFICATE_REQUEST_REJECTED.type(), credential), n -> n == 1,
                "ca-service's refusal");
    }

    /** Sends every record of every topic again: same key, value and headers (so the same ce_id). */
    private static Map<String, Integer> replayEverything() throws Exception {
        Map<String, Integer> byType = new TreeMap<>();
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        for (String topic : TOPICS) {
            all.addAll(readAll(topic));
        }
        try (var producer = producer()) {
            for (ConsumerRecord<String, String> r : all) {
                var copy = new ProducerRecord<>(r.topic(), r.key(), r.value());
                r.headers().forEach(h -> copy.headers().add(h.key(), h.value()));
                producer.send(copy);
                byType.merge(header(r, "ce_type"), 1, Integer::sum);
            }
            producer.flush();
        }
        return byType;
    }

    static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StateSnapshot.KAFKA);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    private static int countOf(String topic, String type, String key) {
        return (int) readAll(topic).stream().filter(r -> key.equals(r.key()) && type.equals(header(r, "ce_type")))
                .count();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void headers(ProducerRecord<String, String> record, String type, String subject, String source) {
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", source.getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", subject.getBytes(StandardCharsets.UTF_8))
                .add("ce_time", java.time.Instant.now().toString().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StateSnapshot.KAFKA);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
