package vn.kyso.signing.integrator.csc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.signing.transaction.model.ApprovalEffect;
import vn.kyso.commons.crypto.TsaClient;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.IssuedCertificates;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.integrator.service.Integrators;
import vn.kyso.signing.transaction.service.AuthorizedSigning;
import vn.kyso.signing.transaction.service.LoadedTransaction;
import vn.kyso.signing.transaction.service.TransactionRequests;

/**
 * The Cloud Signature Consortium API v2 for integrators (client credentials): credentials of a user, an authorisation
 * the subscriber approves in the app (asynchronous: a handle, then a SAD), and signHash releasing only the signatures
 * of the hashes that SAD covers, once.
 */
@ApplicationScoped
public class CscService {

    public static final String REQUESTER_TYPE = "CSC";
    static final String SPENT = "spent";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration SAD_LIFETIME = Duration.ofMinutes(5);
    private static final Map<String, String> HASHES = Map.of("2.16.840.1.101.3.4.2.1", "SHA-256",
            "2.16.840.1.101.3.4.2.2", "SHA-384", "2.16.840.1.101.3.4.2.3", "SHA-512");
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("SHA-256", 32, "SHA-384", 48, "SHA-512", 64);

    private final ServiceProviderRepository providers;
    private final Integrators integrators;
    private final CredentialRepository credentials;
    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionRequests signing;
    private final AuthorizedSigning authorized;
    private final SealedSecrets sealed;
    private final SigningConfig config;
    private final Clock clock;

    public CscService(ServiceProviderRepository providers, Integrators integrators,
            CredentialRepository credentials, TransactionRepository transactions, TransactionItemRepository items,
            TransactionRequests signing, AuthorizedSigning authorized, SealedSecrets sealed, SigningConfig config,
            Clock clock) {
        this.authorized = authorized;
        this.providers = providers;
        this.integrators = integrators;
        this.credentials = credentials;
        this.transactions = transactions;
        this.items = items;
        this.signing = signing;
        this.sealed = sealed;
        this.config = config;
        this.clock = clock;
    }

    /** Claim tying a CSC access token to the integrator secret it was issued for. */
    private static final String SECRET_BINDING = "kyso_sec";

    /** An access token for an SP's client id + secret (OAuth 2.0 client credentials). */
    public Uni<Map<String, Object>> token(String clientId, String clientSecret) {
        return integrators.authenticate(clientId, clientSecret, Integrators.Counting.COUNTED).map(sp -> {
            if (sp == null) {
                throw new CscError(401, "invalid_client", "Unknown client or wrong secret");
            }
            String token = Jwt.issuer("https://kyso.vn/signing/csc").subject(sp.spId.toString())
                    .claim(SECRET_BINDING, secretBinding(sp))
                    .expiresAt(clock.instant().plus(TOKEN_LIFETIME).getEpochSecond()).jws()
                    .algorithm(SignatureAlgorithm.HS256).sign(key("csc-token.v1"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", token);
            answer.put("token_type", "Bearer");
            answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
            return answer;
        });
    }

    /** The SP behind a bearer token, or 401 {@code invalid_token}. */
    public Uni<ServiceProvider> caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 4096) {
            return Uni.createFrom().failure(invalidToken());
        }
        UUID spId;
        String binding;
        try {
            var claims = new DefaultJWTParser().verify(authorization.substring(7).strip(), key("csc-token.v1"));
            spId = Integrators.uuid(claims.getSubject());
            Object claim = claims.getClaim(SECRET_BINDING);
            binding = claim == null ? null : claim.toString();
        } catch (ParseException e) {
            return Uni.createFrom().failure(invalidToken());
        }
        if (spId == null || binding == null) {
            return Uni.createFrom().failure(invalidToken());
        }
        try {
            integrators.checkBackoff(spId);
        } catch (Throttled t) {
            return Uni.createFrom().failure(t);
        }
        return Panache.withSession(() -> providers.findById(spId)).map(sp -> {
            // A token is as good as the secret it was issued for: a rotated secret or a disabled integrator ends it.
            if (sp == null || sp.disabledAt != null
                    || !MessageDigest.isEqual(binding.getBytes(StandardCharsets.US_ASCII),
                            secretBinding(sp).getBytes(StandardCharsets.US_ASCII))) {
                throw invalidToken();
            }
            return sp;
        });
    }

    /**
     * Names the secret a token was issued for, without revealing anything about it: a hash of the stored hash under
     * a label of its own.
     */
    private static String secretBinding(ServiceProvider sp) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("kyso-csc-token-binding|" + sp.secretSha256)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<List<String>> list(ServiceProvider sp, String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing or invalid parameter userID"));
        }
        return integrators.credentialsOf(sp.spId, userId).map(list -> list.stream().filter(c -> c.certificate != null)
                .map(c -> c.id.toString()).toList());
    }

    public Uni<Map<String, Object>> info(ServiceProvider sp, String credentialId, String certificates,
            boolean certInfo) {
        return credential(sp, credentialId).map(c -> {
            X509Certificate cert = IssuedCertificates.parse(c.certificate).orElseThrow();
            boolean rsa = c.keyAlgorithm.startsWith("RSA");
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("status", c.status == CredentialStatus.ACTIVE ? "enabled" : "disabled");
            key.put("algo", rsa ? List.of("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11")
                    : List.of("1.2.840.10045.2.1", "1.2.840.10045.4.3.2"));
            key.put("len", rsa ? 2048 : 256);
            if (!rsa) {
                key.put("curve", "1.2.840.10045.3.1.7");
            }
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("status", c.status == CredentialStatus.REVOKED ? "revoked"
                    : !clock.instant().isBefore(cert.getNotAfter().toInstant()) ? "expired" : "valid");
            List<String> chain = new ArrayList<>();
            String mode = certificates == null ? "single" : certificates;
            if (!"none".equals(mode)) {
                chain.add(Base64.getEncoder().encodeToString(c.certificate));
                if ("chain".equals(mode)) {
                    if (c.caCertificate != null) {
                        chain.add(Base64.getEncoder().encodeToString(c.caCertificate));
                    }
                    if (c.rootCertificate != null) {
                        chain.add(Base64.getEncoder().encodeToString(c.rootCertificate));
                    }
                }
                certificate.put("certificates", chain);
            }
            if (certInfo) {
                certificate.put("issuerDN", cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
                certificate.put("serialNumber", c.serialNumber);
                certificate.put("subjectDN", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
                certificate.put("validFrom", generalizedTime(cert.getNotBefore().toInstant()));
                certificate.put("validTo", generalizedTime(cert.getNotAfter().toInstant()));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("description", "Kyso remote signing key");
            answer.put("key", key);
            answer.put("cert", certificate);
            answer.put("authMode", "explicit");
            answer.put("SCAL", "2");
            answer.put("multisign", 20);
            answer.put("lang", "vi-VN");
            return answer;
        });
    }

    /** A credential the integrator may see; any other is answered exactly as an unknown one. */
    private Uni<Credential> credential(ServiceProvider sp, String credentialId) {
        UUID id = Integrators.uuid(credentialId);
        if (id == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter credentialID"));
        }
        return Panache.withSession(() -> credentials.findById(id).chain(c -> {
            if (c == null || c.certificate == null) {
                return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter credentialID"));
            }
            return integrators.maySee(sp.spId, c).map(visible -> {
                if (!visible) {
                    throw CscError.invalidRequest("Invalid parameter credentialID");
                }
                return c;
            });
        }));
    }

    /** An authorisation request the subscriber approves in the app: answers a handle (HTTP 202). */
    public Uni<SigningTransaction> authorize(ServiceProvider sp, String credentialId, Integer numSignatures,
            List<String> hashes, String hashAlgorithmOid, String description) {
        String algorithm = HASHES.get(hashAlgorithmOid == null ? "" : hashAlgorithmOid);
        if (algorithm == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter hashAlgorithmOID"));
        }
        if (hashes == null || hashes.isEmpty() || hashes.size() > TransactionRequests.MAX_ITEMS) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter hashes: 1 to "
                    + TransactionRequests.MAX_ITEMS + " are allowed"));
        }
        if (numSignatures == null || numSignatures != hashes.size()) {
            return Uni.createFrom().failure(CscError.invalidRequest(
                    "Invalid parameter numSignatures: it must equal the number of hashes"));
        }
        List<TransactionRequests.NewItem> newItems = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            byte[] digest = base64(hashes.get(i));
            if (digest == null || digest.length != HASH_LENGTHS.get(algorithm)) {
                return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter hashes[" + i + "]"));
            }
            newItems.add(TransactionRequests.NewItem.hash("hash-" + (i + 1), "Hash " + (i + 1), algorithm, digest));
        }
        String shown = description == null || description.isBlank() ? "Yêu cầu ký số từ " + sp.name
                : description.length() > 500 ? description.substring(0, 500) : description;
        return credential(sp, credentialId).chain(c -> {
            if (c.status != CredentialStatus.ACTIVE) {
                throw CscError.invalidRequest("The credential cannot sign in its current state");
            }
            return signing.create(new TransactionRequests.NewTransaction(c.accountId, REQUESTER_TYPE,
                    sp.spId.toString(), null, sp.name, shown, config.transactionLifetime(), newItems,
                    ApprovalEffect.AUTHORIZE));
        }).onFailure(ProblemException.class).transform(e -> CscError.invalidRequest(e.getMessage()))
                .map(created -> created.loaded().transaction());
    }

    /** What authorizeCheck answers. */
    public record Check(int status, Map<String, Object> body) {
    }

    /** Pending (202), approved (a fresh SAD, 200), or refused/expired (400). */
    public Uni<Check> authorizeCheck(ServiceProvider sp, String credentialId, String handle) {
        UUID id = Integrators.uuid(handle);
        if (id == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter authorizationHandle"));
        }
        return Panache.withTransaction(() -> transactions.findById(id, LockModeType.PESSIMISTIC_WRITE).map(tx -> {
            if (tx == null || !REQUESTER_TYPE.equals(tx.requesterType) || !sp.spId.toString().equals(tx.requesterId)
                    || !tx.credentialId.toString().equals(credentialId)) {
                throw CscError.invalidRequest("Invalid parameter authorizationHandle");
            }
            Instant now = clock.instant();
            if (tx.status == TransactionStatus.PENDING && now.isBefore(tx.expiresAt)) {
                return new Check(202, Map.of("status", "pending", "expiresIn",
                        Duration.between(now, tx.expiresAt).toSeconds()));
            }
            if (tx.status == TransactionStatus.REJECTED) {
                throw new CscError(400, "access_denied", "The subscriber rejected the request");
            }
            if (tx.status == TransactionStatus.SIGNED) {
                throw CscError.invalidRequest("The authorization was already used");
            }
            if (tx.status != TransactionStatus.AUTHORIZED || !now.isBefore(tx.expiresAt)) {
                throw CscError.invalidRequest("The authorization request expired");
            }
            Instant expires = now.plus(SAD_LIFETIME).isBefore(tx.expiresAt) ? now.plus(SAD_LIFETIME) : tx.expiresAt;
            String sad = Jwt.issuer("https://kyso.vn/signing/csc").subject(tx.id.toString())
                    .claim("sp_id", sp.spId.toString()).claim("credentialID", tx.credentialId.toString())
                    .expiresAt(expires.getEpochSecond()).jws()
                    .algorithm(SignatureAlgorithm.HS256).sign(key("csc-sad.v1"));
            // A newer SAD replaces an unused older one: only the last one issued works.
            tx.sadHash = Digests.sha256Hex(sad);
            return new Check(200, Map.of("SAD", sad, "expiresIn", Duration.between(now, expires).toSeconds()));
        }));
    }

    /** The signatures of exactly the authorised hashes, released once per SAD. */
    public Uni<List<String>> signHash(ServiceProvider sp, String credentialId, String sad, List<String> hashes,
            String hashAlgorithmOid, String signAlgo) {
        if (sad == null || sad.isBlank() || sad.length() > 4096) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing parameter SAD"));
        }
        if (hashes == null || hashes.isEmpty()) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing parameter hashes"));
        }
        UUID txId;
        try {
            var claims = new DefaultJWTParser().verify(sad, key("csc-sad.v1"));
            txId = Integrators.uuid(claims.getSubject());
            if (txId == null || !sp.spId.toString().equals(claims.getClaim("sp_id"))
                    || !String.valueOf(credentialId).equals(claims.getClaim("credentialID"))) {
                throw CscError.invalidRequest("Invalid parameter SAD");
            }
            if (claims.getExpirationTime() <= clock.instant().getEpochSecond()) {
                throw CscError.invalidRequest("Invalid parameter SAD: expired");
            }
        } catch (ParseException e) {
            return refusedSad(sp, CscError.invalidRequest("Invalid parameter SAD"));
        } catch (CscError e) {
            return e.getMessage().endsWith("expired") ? Uni.createFrom().failure(e) : refusedSad(sp, e);
        }
        String sadHash = Digests.sha256Hex(sad);
        return Panache.withTransaction(() -> transactions.findById(txId, LockModeType.PESSIMISTIC_WRITE)
                .chain(tx -> {
                    if (tx == null || tx.sadHash == null || !MessageDigest.isEqual(tx.sadHash.getBytes(
                            StandardCharsets.US_ASCII), sadHash.getBytes(StandardCharsets.US_ASCII))) {
                        throw new RefusedSad();
                    }
                    return items.of(tx.id).chain(list -> credentials.findById(tx.credentialId).chain(c -> {
                        checkAlgorithms(c, list, hashAlgorithmOid, signAlgo);
                        List<TransactionItem> asked = new ArrayList<>();
                        for (String hash : hashes) {
                            byte[] digest = base64(hash);
                            TransactionItem match = digest == null ? null : list.stream()
                                    .filter(i -> MessageDigest.isEqual(i.digest, digest)).findFirst().orElse(null);
                            if (match == null) {
                                throw CscError.invalidRequest("Invalid parameter hashes: " + hash
                                        + " is not covered by the SAD");
                            }
                            asked.add(match);
                        }
                        tx.sadHash = SPENT;
                        return authorized.signAuthorized(new LoadedTransaction(tx, list))
                                .map(ignored -> asked.stream().map(i -> Base64.getEncoder()
                                        .encodeToString(i.signature)).toList());
                    }));
                })).invoke(authorized::committed)
                .onFailure(ProblemException.class).transform(e -> CscError.invalidRequest(e.getMessage()))
                .onFailure(RefusedSad.class).recoverWithUni(() -> refusedSad(sp,
                        CscError.invalidRequest("Invalid parameter SAD: unknown, replaced or already used")));
    }

    /** A SAD that is forged, foreign, replaced or spent counts against the SP like a wrong secret. */
    private <T> Uni<T> refusedSad(ServiceProvider sp, CscError error) {
        integrators.recordFailure(sp.spId);
        return Uni.createFrom().failure(error);
    }

    /** Inside the transaction: rolled back, then counted outside it. */
    private static final class RefusedSad extends RuntimeException {
        RefusedSad() {
            super(null, null, false, false);
        }
    }

    private static void checkAlgorithms(Credential c, List<TransactionItem> authorised, String hashAlgorithmOid,
            String signAlgo) {
        boolean rsa = c.keyAlgorithm.startsWith("RSA");
        List<String> allowed = rsa ? List.of("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11")
                : List.of("1.2.840.10045.2.1", "1.2.840.10045.4.3.2");
        if (signAlgo == null || !allowed.contains(signAlgo)) {
            throw CscError.invalidRequest("Invalid parameter signAlgo");
        }
        String algorithm = HASHES.get(hashAlgorithmOid == null ? "" : hashAlgorithmOid);
        if (algorithm != null && authorised.stream().anyMatch(i -> !algorithm.equals(i.hashAlgorithm))) {
            throw CscError.invalidRequest("Invalid parameter hashAlgorithmOID: not the authorised one");
        }
    }

    /** An RFC 3161 token over a caller's hash from ca-service's TSA. */
    public Uni<String> timestamp(String hash, String hashAlgorithmOid, String nonce) {
        String algorithm = HASHES.get(hashAlgorithmOid == null ? "" : hashAlgorithmOid);
        byte[] digest = base64(hash);
        if (algorithm == null || digest == null || digest.length != HASH_LENGTHS.get(algorithm)) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter hash or hashAlgorithmOID"));
        }
        BigInteger n;
        try {
            n = nonce == null || nonce.isBlank() ? null : new BigInteger(HexFormat.of().parseHex(nonce.length() > 64
                    ? "" : nonce));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter nonce"));
        }
        if (config.tsaUrl().isEmpty()) {
            return Uni.createFrom().failure(CscError.invalidRequest("No time-stamping authority is configured"));
        }
        TsaClient tsa = new TsaClient(config.tsaUrl().get(), config.tsaTimeout());
        return vn.kyso.commons.work.Blocking.onWorker(() -> tsa.tokenForImprint(hashAlgorithmOid, digest, n))
                .map(token -> Base64.getEncoder().encodeToString(token.orElseThrow(() -> new CscError(400,
                        "invalid_request", "The time-stamping authority did not answer"))));
    }

    private SecretKey key(String purpose) {
        return new SecretKeySpec(sealed.key(purpose).getEncoded(), "HmacSHA256");
    }

    private static CscError invalidToken() {
        return new CscError(401, "invalid_token", "The access token is missing, invalid or expired");
    }

    private static String generalizedTime(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }

    private static byte[] base64(String value) {
        try {
            return value == null ? null : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
