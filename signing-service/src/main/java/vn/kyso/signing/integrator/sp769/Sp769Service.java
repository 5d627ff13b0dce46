package vn.kyso.signing.integrator.sp769;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.crypto.IssuedCertificates;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.credential.repository.SubscriberRepository;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.credential.service.Delegation;
import vn.kyso.signing.integrator.service.Integrators;
import vn.kyso.signing.transaction.service.DelegatedSigning;
import vn.kyso.signing.transaction.service.LoadedTransaction;
import vn.kyso.signing.transaction.service.TransactionRequests;

/**
 * The rules behind the SmartCA SP769 contract ({@code ../shared/contracts/sp769.md}): SP authentication against the
 * registry read model, a subscriber's certificates, signing requests that wait for the subscriber, and their status.
 */
@ApplicationScoped
public class Sp769Service {

    public static final String REQUESTER_TYPE = "SP";
    private static final Map<Integer, String> HASH_BY_HEX_LENGTH = Map.of(64, "SHA-256", 96, "SHA-384", 128,
            "SHA-512");

    private final SubscriberRepository subscribers;
    private final CredentialRepository credentials;
    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionRequests signing;
    private final DelegatedSigning delegated;
    private final Integrators integrators;
    private final Delegation delegation;
    private final SealedSecrets sealed;
    private final Clock clock;

    public Sp769Service(SubscriberRepository subscribers, CredentialRepository credentials,
            TransactionRepository transactions, TransactionItemRepository items, TransactionRequests signing,
            DelegatedSigning delegated, Integrators integrators, Delegation delegation, SealedSecrets sealed,
            Clock clock) {
        this.delegated = delegated;
        this.subscribers = subscribers;
        this.credentials = credentials;
        this.transactions = transactions;
        this.items = items;
        this.signing = signing;
        this.integrators = integrators;
        this.delegation = delegation;
        this.sealed = sealed;
        this.clock = clock;
    }

    /** One file of a sign request. */
    public record SignFile(String docId, String fileType, String hexDigest) {
    }

    /** The SP that is calling, once its id and password check out (a wrong password counts against the source). */
    public Uni<ServiceProvider> authenticate(String spId, String spPassword) {
        return authenticate(spId, spPassword, Integrators.Counting.COUNTED);
    }

    /** As {@link #authenticate(String, String)}, where the contract makes credentials optional: nothing is counted. */
    public Uni<ServiceProvider> authenticateOptional(String spId, String spPassword) {
        return authenticate(spId, spPassword, Integrators.Counting.NOT_COUNTED);
    }

    private Uni<ServiceProvider> authenticate(String spId, String spPassword, Integrators.Counting counting) {
        return integrators.authenticate(spId, spPassword, counting).map(sp -> {
            if (sp == null) {
                throw invalidSp();
            }
            return sp;
        });
    }

    /** Every certificate of the user (optionally one serial), in the contract's item shape. */
    public Uni<List<Map<String, Object>>> certificates(ServiceProvider sp, String userId, String serial, String echo) {
        return integrators.credentialsOf(sp.spId, userId).map(found -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Credential c : found) {
                if (c.certificate == null || (serial != null && !serial.isBlank()
                        && !serial.equalsIgnoreCase(c.serialNumber))) {
                    continue;
                }
                X509Certificate cert = IssuedCertificates.parse(c.certificate).orElse(null);
                if (cert == null) {
                    continue;
                }
                String code = statusCode(c);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("service_type", "SMARTCA");
                item.put("service_name", "Kyso – chữ ký số từ xa");
                item.put("cert_id", c.id.toString());
                item.put("cert_status", label(code));
                item.put("cert_status_code", code);
                item.put("serial_number", c.serialNumber.toLowerCase(Locale.ROOT));
                item.put("cert_subject", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
                item.put("cert_valid_from", cert.getNotBefore().toInstant().toString());
                item.put("cert_valid_to", cert.getNotAfter().toInstant().toString());
                item.put("cert_data", Base64.getEncoder().encodeToString(c.certificate));
                Map<String, Object> chain = new LinkedHashMap<>();
                chain.put("ca_cert", c.caCertificate == null ? null : Base64.getEncoder().encodeToString(
                        c.caCertificate));
                chain.put("root_cert", c.rootCertificate == null ? null : Base64.getEncoder().encodeToString(
                        c.rootCertificate));
                item.put("chain_data", chain);
                item.put("transaction_id", echo);
                out.add(item);
            }
            return out;
        });
    }

    private String statusCode(Credential c) {
        if (c.status == CredentialStatus.REVOKED) {
            return "REVOKED";
        }
        if (c.certificateNotAfter != null && !clock.instant().isBefore(c.certificateNotAfter)) {
            return "EXPIRED";
        }
        return c.status == CredentialStatus.ACTIVE ? "VALID" : c.status.name();
    }

    private static String label(String code) {
        return switch (code) {
            case "VALID" -> "Đang hoạt động";
            case "REVOKED" -> "Đã thu hồi";
            case "EXPIRED" -> "Hết hạn";
            case "SUSPENDED" -> "Tạm dừng";
            default -> "Không sử dụng được";
        };
    }

    /**
     * A signing request that waits for the subscriber's approval in the app; {@code timeStamp}: each signature comes
     * with an RFC 3161 token over it ({@code timestamp_signature}, Kyso's addition to the contract).
     */
    public Uni<TransactionRequests.Created> sign(ServiceProvider sp, String userId, String transactionId,
            String description, String serial, List<SignFile> files, boolean timeStamp) {
        if (transactionId == null || transactionId.isBlank() || transactionId.length() > 128) {
            return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.BAD_REQUEST,
                    "transaction_id is required (1 to 128 characters)"));
        }
        if (files == null || files.isEmpty() || files.size() > TransactionRequests.MAX_ITEMS) {
            return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.BAD_REQUEST,
                    "sign_files must hold 1 to " + TransactionRequests.MAX_ITEMS + " files"));
        }
        List<TransactionRequests.NewItem> newItems;
        try {
            newItems = items(files);
        } catch (Sp769Error.Failure e) {
            return Uni.createFrom().failure(e);
        }
        String shownDescription = description == null || description.isBlank() ? "Yêu cầu ký số từ " + sp.name
                : description.length() > 500 ? description.substring(0, 500) : description;
        // A subscriber who blocked this integrator is, to it, no subscriber at all: the same answer as an unknown one.
        // One who has not decided gets the request as the integrator's first, with the choice to block it.
        return integrators.reachableCredentialsOf(sp.spId, userId == null ? "" : userId.strip()).chain(reach -> {
                    if (reach.credentials().isEmpty()) {
                        throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "Unknown user_id");
                    }
                    Credential usable = reach.credentials().stream().filter(c -> c.status == CredentialStatus.ACTIVE)
                            .filter(c -> c.certificateNotAfter == null
                                    || clock.instant().isBefore(c.certificateNotAfter))
                            .filter(c -> serial == null || serial.isBlank() || serial.equalsIgnoreCase(c.serialNumber))
                            .findFirst().orElse(null);
                    if (usable == null) {
                        throw new Sp769Error.Failure(Sp769Error.CREDENTIAL_STATUS_INVALID,
                                "The user has no valid certificate" + (serial == null || serial.isBlank() ? ""
                                        : " with serial " + serial));
                    }
                    return signing.create(new TransactionRequests.NewTransaction(usable.accountId, REQUESTER_TYPE,
                            sp.spId.toString(), transactionId, sp.name, shownDescription, Duration.ofSeconds(300),
                            newItems, vn.kyso.signing.transaction.model.ApprovalEffect.SIGN, timeStamp)
                            .firstContact(reach.firstContact(usable.accountId)));
                }).onFailure(ProblemException.class).transform(e -> Sp769Error.from((ProblemException) e));
    }

    private static List<TransactionRequests.NewItem> items(List<SignFile> files) {
        List<TransactionRequests.NewItem> newItems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SignFile f = files.get(i);
            String hex = f.hexDigest() == null ? "" : f.hexDigest().strip().toLowerCase(Locale.ROOT);
            String algorithm = HASH_BY_HEX_LENGTH.get(hex.length());
            byte[] digest = algorithm == null ? null : hexOrNull(hex);
            if (digest == null) {
                throw new Sp769Error.Failure(Sp769Error.BAD_REQUEST,
                        "sign_files[" + i + "].data_to_be_signed must be the hex of a SHA-256/384/512 digest");
            }
            String docId = f.docId() == null || f.docId().isBlank() ? "doc-" + (i + 1) : f.docId();
            if (docId.length() > 128) {
                throw new Sp769Error.Failure(Sp769Error.BAD_REQUEST,
                        "sign_files[" + i + "].doc_id is longer than 128 characters");
            }
            String fileName = docId + (f.fileType() == null || f.fileType().isBlank() ? "" : "." + f.fileType());
            newItems.add(TransactionRequests.NewItem.hash(docId, fileName.length() > 255 ? docId : fileName,
                    algorithm, digest));
        }
        return newItems;
    }

    /** A TH v2 request: its transaction and the SAD that lets the SP confirm it without the subscriber's app. */
    public record V2Signed(TransactionRequests.Created created, String sad) {
    }

    /** SmartCA TH v2: password (checked at account-service) + TOTP of a delegating subscriber → a transaction + SAD. */
    public Uni<V2Signed> v2Sign(ServiceProvider sp, String userId, String password, String otp, String transactionId,
            String description, String serial, List<SignFile> files, boolean timeStamp) {
        String user = userId == null ? "" : userId.strip();
        // TH v2 signs without the subscriber seeing the request, so only an integrator the subscriber allowed may use it.
        return integrators.reachableCredentialsOf(sp.spId, user).chain(reach -> {
            if (reach.credentials().isEmpty()) {
                throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "Unknown user_id");
            }
            List<java.util.UUID> accounts = reach.credentials().stream().map(c -> c.accountId).distinct()
                    .filter(reach.allowed()::contains).toList();
            return delegation.passwordMatches(user, password).chain(passwordOk -> {
                if (!passwordOk) {
                    throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "PASSWORD_INVALID");
                }
                // Said only to a caller who knows the password: the TOTP is not tried (nor counted) before consent.
                if (accounts.isEmpty()) {
                    throw new Sp769Error.Failure(Sp769Error.CREDENTIAL_STATUS_INVALID, "The user has not allowed "
                            + "this integrator yet: the user allows it in the Kyso app, or approves one of its "
                            + "requests there");
                }
                return Panache.withTransaction(() -> credentials.find("accountId in ?1 and status = ?2 and "
                        + "totpSecretSealed is not null", accounts, CredentialStatus.ACTIVE)
                        .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(c -> c == null ? Uni.createFrom().item("NO_DELEGATION")
                                : delegation.checkTotp(c, otp).map(check -> switch (check) {
                                    case ACCEPTED -> "OK";
                                    case REUSED -> "OTP_REUSED";
                                    case WRONG, WRONG_AND_SWITCHED_OFF -> "OTP_INVALID";
                                })));
            });
        }).chain(result -> {
            if ("NO_DELEGATION".equals(result)) {
                throw new Sp769Error.Failure(Sp769Error.CREDENTIAL_STATUS_INVALID,
                        "The user has not enabled signing with password + OTP");
            }
            if ("OTP_REUSED".equals(result)) {
                // Distinct from a wrong code, so a client that derives one code per call waits for the next 30 s step.
                throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "OTP_REUSED");
            }
            if (!"OK".equals(result)) {
                throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "OTP_INVALID");
            }
            return sign(sp, user, transactionId, description, serial, files, timeStamp);
        }).chain(created -> {
            SigningTransaction tx = created.loaded().transaction();
            String sad = io.smallrye.jwt.build.Jwt.issuer("https://kyso.vn/signing").subject(tx.id.toString())
                    .claim("sp_id", sp.spId.toString()).claim("numSignatures", created.loaded().items().size())
                    .expiresAt(tx.expiresAt.getEpochSecond()).jws()
                    .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256).sign(sadKey());
            return delegated.attachSad(tx.id, Digests.sha256Hex(sad)).replaceWith(new V2Signed(created, sad));
        });
    }

    /** SmartCA TH v2 confirm: the SAD (once) + the password again → every item signed now. */
    public Uni<LoadedTransaction> v2Confirm(ServiceProvider sp, String userId, String password,
            String transactionId, String sad) {
        if (sad == null || sad.isBlank() || sad.length() > 4096) {
            return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.BAD_REQUEST, "sad is required"));
        }
        String user = userId == null ? "" : userId.strip();
        return status(transactionId, sp.spId.toString()).chain(loaded -> {
            SigningTransaction tx = loaded.transaction();
            if (!sp.spId.toString().equals(tx.requesterId)) {
                throw new Sp769Error.Failure(Sp769Error.TRANSACTION_NOT_FOUND, "TRANSACTION_NOT_FOUND");
            }
            return Panache.withSession(() -> subscribers.findById(tx.accountId)).chain(subscriber -> {
                if (subscriber == null || !subscriber.identifier.equals(user)) {
                    throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "SP_CREDENTIAL_INVALID");
                }
                return delegation.passwordMatches(user, password);
            }).chain(passwordOk -> {
                if (!passwordOk) {
                    throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "PASSWORD_INVALID");
                }
                try {
                    var claims = vn.kyso.signing.crypto.HmacTokens.verify(sad, sadKey());
                    if (!tx.id.toString().equals(claims.getSubject())
                            || !sp.spId.toString().equals(claims.getClaim("sp_id"))) {
                        throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "SAD_INVALID");
                    }
                } catch (io.smallrye.jwt.auth.principal.ParseException e) {
                    throw new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "SAD_INVALID");
                }
                return delegated.confirm(tx.id, Digests.sha256Hex(sad));
            });
        }).onFailure(ProblemException.class).transform(e -> {
            // TH v2 confirm answers with the core's code itself as the message, as SmartCA's does.
            ProblemException p = (ProblemException) e;
            Sp769Error error = p.code() == SigningError.SAD_INVALID ? Sp769Error.SP_CREDENTIAL_INVALID
                    : p.code() == SigningError.CREDENTIAL_NOT_USABLE ? Sp769Error.CREDENTIAL_STATUS_INVALID
                    : Sp769Error.BAD_REQUEST;
            return new Sp769Error.Failure(error, p.code().name());
        });
    }

    private javax.crypto.SecretKey sadKey() {
        return new javax.crypto.spec.SecretKeySpec(sealed.key("sad.v1").getEncoded(), "HmacSHA256");
    }

    /**
     * A transaction found by Kyso's tran_code or by the SP's own transaction_id (unique across integrators); when the
     * caller sent credentials, only its own transactions are found.
     */
    public Uni<LoadedTransaction> status(String id, String spId) {
        if (id == null || id.isBlank() || id.length() > 128 || id.chars().anyMatch(Character::isISOControl)) {
            return Uni.createFrom().failure(notFound());
        }
        UUID tranCode = Integrators.uuid(id);
        UUID sp = Integrators.uuid(spId);
        return Panache.withSession(() -> {
            Uni<SigningTransaction> byCode = tranCode == null ? Uni.createFrom().nullItem()
                    : transactions.findById(tranCode).map(t -> t != null && REQUESTER_TYPE.equals(t.requesterType)
                            && (sp == null || sp.toString().equals(t.requesterId)) ? t : null);
            return byCode.chain(t -> t != null ? Uni.createFrom().item(t) : (sp == null
                    ? transactions.find("requesterType = ?1 and requestRef = ?2", Sort.descending("requestedAt"),
                            REQUESTER_TYPE, id)
                    : transactions.find("requesterType = ?1 and requestRef = ?2 and requesterId = ?3",
                            Sort.descending("requestedAt"), REQUESTER_TYPE, id, sp.toString())).firstResult())
                    .chain(t -> {
                        if (t == null) {
                            throw notFound();
                        }
                        return items.of(t.id).map(list -> new LoadedTransaction(t, list));
                    });
        });
    }

    /** The contract's {@code data} of a status answer, and its message. */
    public record StatusAnswer(String message, Map<String, Object> data) {
    }

    public StatusAnswer statusAnswer(LoadedTransaction loaded) {
        SigningTransaction t = loaded.transaction();
        long left = Math.max(0, Duration.between(clock.instant(), t.expiresAt).toSeconds());
        TransactionStatus status = t.status == TransactionStatus.PENDING && left == 0 ? TransactionStatus.EXPIRED
                : t.status;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transaction_id", t.requestRef);
        data.put("tran_code", t.id.toString());
        data.put("status", status.name());
        data.put("expired_in", status == TransactionStatus.PENDING ? left : 0);
        data.put("signatures", status == TransactionStatus.SIGNED ? signatures(loaded.items()) : null);
        String message = switch (status) {
            case SIGNED -> "SUCCESS";
            case PENDING -> "sig_wait_for_user_confirm";
            default -> status.name();
        };
        return new StatusAnswer(message, data);
    }

    public static List<Map<String, Object>> signatures(List<TransactionItem> signed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TransactionItem i : signed) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("doc_id", i.docId);
            s.put("signature_value", i.signature == null ? null : Base64.getEncoder().encodeToString(i.signature));
            // Kyso's addition: an RFC 3161 token over the signature value when the request asked for one.
            s.put("timestamp_signature", i.signatureTimeStamp == null ? null
                    : Base64.getEncoder().encodeToString(i.signatureTimeStamp));
            out.add(s);
        }
        return out;
    }

    public long expiresIn(SigningTransaction t) {
        return Math.max(0, Duration.between(clock.instant(), t.expiresAt).toSeconds());
    }

    private static Sp769Error.Failure invalidSp() {
        return new Sp769Error.Failure(Sp769Error.SP_CREDENTIAL_INVALID, "SP_CREDENTIAL_INVALID");
    }

    private static Sp769Error.Failure notFound() {
        return new Sp769Error.Failure(Sp769Error.TRANSACTION_NOT_FOUND, "TRANSACTION_NOT_FOUND");
    }


    private static byte[] hexOrNull(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
