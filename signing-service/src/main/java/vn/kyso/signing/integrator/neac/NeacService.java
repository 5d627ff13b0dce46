package vn.kyso.signing.integrator.neac;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.integrator.service.Integrators;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.transaction.service.LoadedTransaction;
import vn.kyso.signing.transaction.service.TransactionRequests;

/**
 * The national NEAC remote-signing profile on the signing core: certificate look-up, hash signing held synchronously
 * or answered at once, the status call, and idempotency by ({@code sp_id}, {@code transaction_id}) as the public
 * client's failover needs (a byte-identical re-post joins the transaction it made).
 */
@ApplicationScoped
public class NeacService {

    /** The requester kind of NEAC transactions: their {@code transaction_id}s form one namespace per SP. */
    public static final String REQUESTER_TYPE = "NEAC";
    static final int MAX_FILES = 20;
    private static final int MAX_TRANSACTION_ID = 128;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");
    private static final DateTimeFormatter SIGNED_AT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** How often a held {@code /sign} looks at its transaction again. */
    private static final long HOLD_POLL_MS = 250;

    private final Integrators integrators;
    private final TransactionRequests requests;
    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final SigningConfig config;
    private final Vertx vertx;
    private final DeliveryQueue queue;
    private final Clock clock;

    public NeacService(Integrators integrators, TransactionRequests requests, TransactionRepository transactions,
            TransactionItemRepository items, SigningConfig config, Vertx vertx, DeliveryQueue queue, Clock clock) {
        this.queue = queue;
        this.integrators = integrators;
        this.requests = requests;
        this.transactions = transactions;
        this.items = items;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** One entry of {@code sign_files}, as sent. */
    public record SignFile(String docId, String dataToBeSigned, String signType) {
    }

    /** An answer: HTTP status = {@code status_code}, the message word, and {@code data}. */
    public record Answer(int status, String message, Object data) {
    }

    /** The calling SP; wrong or missing credentials are 401, a guessing source is slowed down. */
    public Uni<ServiceProvider> authenticate(String spId, String spPassword) {
        return integrators.authenticate(spId, spPassword, Integrators.Counting.COUNTED).map(sp -> {
            if (sp == null) {
                throw new NeacError.Failure(NeacError.SP_CREDENTIAL_INVALID);
            }
            return sp;
        });
    }

    /** {@code get_certificate}: the certificates that can sign now, the default one first; {@code data} is an array. */
    public Uni<List<Map<String, Object>>> certificates(ServiceProvider sp, String userId, String serial, String echo) {
        return usable(sp, userId, serial).map(found -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Credential c : found) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("cert_id", c.id.toString());
                item.put("cert_data", Base64.getEncoder().encodeToString(c.certificate));
                List<String> chain = new ArrayList<>();
                if (c.caCertificate != null) {
                    chain.add(Base64.getEncoder().encodeToString(c.caCertificate));
                }
                if (c.rootCertificate != null) {
                    chain.add(Base64.getEncoder().encodeToString(c.rootCertificate));
                }
                item.put("chain_data", chain);
                item.put("serial_number", c.serialNumber.toLowerCase(Locale.ROOT));
                item.put("transaction_id", echo);
                out.add(item);
            }
            return out;
        });
    }

    /**
     * The user's certificates that can sign now, optionally the one with this serial: 404 for an unknown user, no
     * certificate or a serial not held; 403 when certificates exist and none is valid.
     */
    private Uni<List<Credential>> usable(ServiceProvider sp, String userId, String serial) {
        if (userId == null || userId.isBlank()) {
            return Uni.createFrom().failure(new NeacError.Failure(NeacError.BAD_REQUEST));
        }
        return integrators.credentialsOf(sp.spId, userId.strip()).map(all -> usable(all, serial));
    }

    /** As {@link #usable(ServiceProvider, String, String)} for a request: any subscriber who has not blocked the SP. */
    private Uni<Integrators.Reach> reachable(ServiceProvider sp, String userId, String serial) {
        if (userId == null || userId.isBlank()) {
            return Uni.createFrom().failure(new NeacError.Failure(NeacError.BAD_REQUEST));
        }
        return integrators.reachableCredentialsOf(sp.spId, userId.strip())
                .map(reach -> new Integrators.Reach(usable(reach.credentials(), serial), reach.allowed()));
    }

    private List<Credential> usable(List<Credential> all, String serial) {
        List<Credential> held = all.stream().filter(c -> c.certificate != null && c.serialNumber != null)
                .filter(c -> serial == null || serial.isBlank() || sameSerial(serial, c.serialNumber)).toList();
        if (held.isEmpty()) {
            throw new NeacError.Failure(NeacError.NOT_FOUND);
        }
        List<Credential> valid = held.stream().filter(c -> c.status == CredentialStatus.ACTIVE
                && (c.certificateNotAfter == null || clock.instant().isBefore(c.certificateNotAfter))).toList();
        if (valid.isEmpty()) {
            throw new NeacError.Failure(NeacError.CREDENTIAL_STATUS_INVALID);
        }
        return valid;
    }

    /** Hex serials compared as numbers: case and leading zeros do not matter. */
    static boolean sameSerial(String asked, String held) {
        try {
            return new BigInteger(asked.strip(), 16).equals(new BigInteger(held, 16));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code /sign}: validates, makes (or joins) the transaction, then holds the answer in sync mode. */
    public Uni<Answer> sign(ServiceProvider sp, String userId, String transactionId, String serial,
            List<SignFile> files) {
        List<TransactionRequests.NewItem> newItems;
        try {
            if (transactionId == null || transactionId.isBlank() || transactionId.length() > MAX_TRANSACTION_ID) {
                throw new NeacError.Failure(NeacError.BAD_REQUEST);
            }
            newItems = items(files);
        } catch (NeacError.Failure e) {
            return Uni.createFrom().failure(e);
        }
        String description = "Ký " + newItems.size() + " tài liệu: " + String.join(", ",
                newItems.stream().map(TransactionRequests.NewItem::docId).toList());
        return reachable(sp, userId, serial).chain(reach -> requests.create(new TransactionRequests.NewTransaction(
                        reach.credentials().get(0).accountId, REQUESTER_TYPE, sp.spId.toString(), transactionId,
                        sp.name, description.length() > 500 ? description.substring(0, 497) + "…" : description,
                        config.neac().transactionTtl(), newItems)
                        .firstContact(reach.firstContact(reach.credentials().get(0).accountId))))
                .onFailure(ProblemException.class).transform(e -> NeacError.from((ProblemException) e))
                .invoke(created -> {
                    if (!created.fresh() && !sameContent(created.loaded(), newItems)) {
                        // The same key with other content: not the client's failover re-post.
                        throw new NeacError.Failure(NeacError.BAD_REQUEST, "DUPLICATE_TRANSACTION_ID");
                    }
                })
                .chain(created -> mode(sp) == SigningConfig.SignMode.SYNC
                        ? hold(created.loaded(), clock.instant().plus(config.neac().syncWait()))
                                .call(loaded -> ended(loaded.transaction())
                                        // The result travels in this answer: the webhook is not needed.
                                        ? queue.cancel(NeacWebhooks.CHANNEL, loaded.transaction().id.toString())
                                        : Uni.createFrom().voidItem())
                        : Uni.createFrom().item(created.loaded()))
                .map(loaded -> answer(loaded, true));
    }

    SigningConfig.SignMode mode(ServiceProvider sp) {
        return config.neac().spSignMode().getOrDefault(sp.spId.toString(), config.neac().signMode());
    }

    private static boolean sameContent(LoadedTransaction existing, List<TransactionRequests.NewItem> asked) {
        if (existing.items().size() != asked.size()) {
            return false;
        }
        for (int i = 0; i < asked.size(); i++) {
            TransactionItem have = existing.items().get(i);
            TransactionRequests.NewItem want = asked.get(i);
            if (!have.docId.equals(want.docId()) || !Arrays.equals(have.digest, want.digest())) {
                return false;
            }
        }
        return true;
    }

    private static List<TransactionRequests.NewItem> items(List<SignFile> files) {
        if (files == null || files.isEmpty() || files.size() > MAX_FILES) {
            throw new NeacError.Failure(NeacError.BAD_REQUEST);
        }
        List<TransactionRequests.NewItem> out = new ArrayList<>();
        for (SignFile f : files) {
            if (f == null || f.docId() == null || f.docId().isBlank() || f.docId().length() > 255
                    || f.signType() != null && !"hash".equalsIgnoreCase(f.signType())) {
                throw new NeacError.Failure(NeacError.BAD_REQUEST);
            }
            byte[] digest = digest(f.dataToBeSigned());
            String algorithm = switch (digest == null ? 0 : digest.length) {
                case 32 -> "SHA-256";
                case 48 -> "SHA-384";
                case 64 -> "SHA-512";
                default -> throw new NeacError.Failure(NeacError.BAD_REQUEST);
            };
            out.add(TransactionRequests.NewItem.hash(f.docId(), f.docId(), algorithm, digest));
        }
        return out;
    }

    /** Hex of 64/96/128 characters is read as hex first; otherwise base64, standard or URL-safe. */
    static byte[] digest(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (HEX.matcher(v).matches()) {
            return HexFormat.of().parseHex(v.toLowerCase(Locale.ROOT));
        }
        try {
            return v.indexOf('-') >= 0 || v.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(v)
                    : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Waits, off any thread, until the transaction ends or the hold passes. */
    private Uni<LoadedTransaction> hold(LoadedTransaction loaded, Instant until) {
        if (ended(loaded.transaction()) || !clock.instant().isBefore(until)) {
            return Uni.createFrom().item(loaded);
        }
        return Uni.createFrom().<Void>emitter(e -> vertx.setTimer(HOLD_POLL_MS, id -> e.complete(null)))
                .chain(() -> reload(loaded.transaction().id))
                .chain(fresh -> hold(fresh, until));
    }

    private boolean ended(SigningTransaction tx) {
        return tx.status != TransactionStatus.PENDING || !clock.instant().isBefore(tx.expiresAt);
    }

    private Uni<LoadedTransaction> reload(java.util.UUID id) {
        return Panache.withSession(() -> transactions.findById(id).chain(tx -> items.of(id)
                .map(list -> new LoadedTransaction(tx, list))));
    }

    /** {@code /sign/status}: any transaction of this SP by its {@code transaction_id}; another's is unknown. */
    public Uni<Answer> status(ServiceProvider sp, String transactionId) {
        if (transactionId == null || transactionId.isBlank()) {
            return Uni.createFrom().failure(new NeacError.Failure(NeacError.BAD_REQUEST));
        }
        return Panache.withSession(() -> transactions.find(
                        "requesterType = ?1 and requesterId = ?2 and requestRef = ?3", REQUESTER_TYPE,
                        sp.spId.toString(), transactionId).firstResult()
                .chain(tx -> tx == null ? Uni.createFrom().<LoadedTransaction>failure(
                        new NeacError.Failure(NeacError.NOT_FOUND))
                        : items.of(tx.id).map(list -> new LoadedTransaction(tx, list))))
                .map(loaded -> answer(loaded, false));
    }

    /**
     * The profile's answer for a transaction's state: from {@code /sign}, a refusal or expiry is an error (409, 410);
     * from the status call every state is a 200 in the {@code /sign} envelope.
     */
    Answer answer(LoadedTransaction loaded, boolean fromSign) {
        SigningTransaction tx = loaded.transaction();
        TransactionStatus status = tx.status == TransactionStatus.PENDING && !clock.instant().isBefore(tx.expiresAt)
                ? TransactionStatus.EXPIRED : tx.status;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transaction_id", tx.requestRef);
        data.put("status", status.name());
        switch (status) {
            case PENDING -> {
                data.put("expired_in", Math.max(1, Duration.between(clock.instant(), tx.expiresAt).toSeconds()));
                data.put("signed_files", null);
                return new Answer(200, "sig_wait_for_user_confirm", data);
            }
            case SIGNED -> {
                String at = SIGNED_AT.format(tx.completedAt == null ? clock.instant() : tx.completedAt);
                List<Map<String, Object>> signed = new ArrayList<>();
                for (TransactionItem item : loaded.items()) {
                    Map<String, Object> file = new LinkedHashMap<>();
                    file.put("doc_id", item.docId);
                    file.put("signature_value", Base64.getEncoder().encodeToString(item.signature));
                    file.put("timestamp_signature", at);
                    signed.add(file);
                }
                data.put("signed_files", signed);
                return new Answer(200, "SUCCESS", data);
            }
            default -> {
                if (fromSign) {
                    NeacError error = status == TransactionStatus.REJECTED ? NeacError.SIGN_REJECTED
                            : status == TransactionStatus.EXPIRED ? NeacError.SIGN_EXPIRED
                            : NeacError.SERVER_INTERNAL_ERROR;
                    throw new NeacError.Failure(error);
                }
                data.put("signed_files", null);
                return new Answer(200, status.name(), data);
            }
        }
    }
}
