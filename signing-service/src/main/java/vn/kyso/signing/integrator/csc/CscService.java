package vn.kyso.signing.integrator.csc;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.signing.integrator.model.CscResponse;
import vn.kyso.signing.integrator.repository.CscResponseRepository;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.signing.crypto.HmacTokens;
import vn.kyso.signing.transaction.model.ApprovalEffect;
import vn.kyso.commons.crypto.TsaClient;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.IssuedCertificates;
import vn.kyso.signing.crypto.RecordingFetcher;
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
import vn.kyso.signing.transaction.service.AdesSigning;
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

    private static final Logger LOG = Logger.getLogger(CscService.class);

    public static final String REQUESTER_TYPE = "CSC";
    /** A used SAD's hash is kept behind this prefix: it no longer signs but may still extend its transaction. */
    static final String SPENT_PREFIX = "spent:";
    /** Signatures one authorisation may cover: what credentials/info advertises is what authorize enforces. */
    public static final int MULTISIGN = TransactionRequests.MAX_ITEMS;
    /** The authentication object of every credential: approval in the Kyso app, PIN + passkey, out of band. */
    static final String APP_AUTH_ID = "KYSO_APP";
    static final CscMessages.Auth AUTH = new CscMessages.Auth("explicit", APP_AUTH_ID, List.of(
            new CscMessages.AuthObjectType("ChallengeResponseOOB", APP_AUTH_ID, null, "Kyso app",
                    "The subscriber approves in the Kyso app or portal with PIN and passkey", null)));
    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final List<String> RSA_ALGOS = List.of(RSA_ENCRYPTION, "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12",
            "1.2.840.113549.1.1.13");
    static final List<String> EC_ALGOS = List.of("1.2.840.10045.2.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3",
            "1.2.840.10045.4.3.4");
    /** Signature algorithms that name their hash. */
    private static final Map<String, String> SIGN_ALGO_HASH = Map.of("1.2.840.113549.1.1.11", "SHA-256",
            "1.2.840.113549.1.1.12", "SHA-384", "1.2.840.113549.1.1.13", "SHA-512", "1.2.840.10045.4.3.2", "SHA-256",
            "1.2.840.10045.4.3.3", "SHA-384", "1.2.840.10045.4.3.4", "SHA-512");
    private static final List<String> CONFORMANCE_LEVELS = List.of("ades-b-b", "ades-b-t", "ades-b-lt", "ades-b-lta",
            "ades-b", "ades-t", "ades-lt", "ades-lta");
    /** The SAD claim naming the hashes it binds. */
    private static final String SAD_HASHES = "hashes";
    private static final Duration ASYNC_VALIDITY = Duration.ofHours(1);
    private static final Duration MIN_ASYNC_VALIDITY = Duration.ofSeconds(10);
    private static final Duration MAX_ASYNC_VALIDITY = Duration.ofDays(1);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** Claims of a token from the authorization-code flow. */
    static final String CLAIM_SCOPE = "scope";
    static final String CLAIM_ACCOUNT = "kyso_acc";
    static final String CLAIM_AUTHORIZATION = "kyso_oauth";
    static final String CLAIM_CREDENTIAL = "credentialID";
    static final String CLAIM_SAD = "kyso_sad";
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
    private final CscResponseRepository responses;
    private final DeliveryQueue queue;
    private final ObjectMapper json;
    private final vn.kyso.signing.integrator.repository.OAuthAuthorizationRepository oauth;
    private final AdesSigning adesSigning;

    public CscService(ServiceProviderRepository providers, Integrators integrators,
            CredentialRepository credentials, TransactionRepository transactions, TransactionItemRepository items,
            TransactionRequests signing, AuthorizedSigning authorized, SealedSecrets sealed, SigningConfig config,
            Clock clock, CscResponseRepository responses, DeliveryQueue queue, ObjectMapper json,
            vn.kyso.signing.integrator.repository.OAuthAuthorizationRepository oauth, AdesSigning adesSigning) {
        this.oauth = oauth;
        this.adesSigning = adesSigning;
        this.responses = responses;
        this.queue = queue;
        this.json = json;
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
    public Uni<CscMessages.TokenResponse> token(String clientId, String clientSecret) {
        return integrators.authenticate(clientId, clientSecret, Integrators.Counting.COUNTED).map(sp -> {
            if (sp == null) {
                throw new CscError(401, "invalid_client", "Unknown client or wrong secret");
            }
            return new CscMessages.TokenResponse(mint(sp, Map.of(), TOKEN_LIFETIME), "Bearer",
                    TOKEN_LIFETIME.toSeconds(), null, null);
        });
    }

    /** An access token of this SP, bound to its current secret, with these extra claims. */
    String mint(ServiceProvider sp, Map<String, Object> claims, Duration lifetime) {
        var builder = Jwt.issuer("https://kyso.vn/signing/csc").subject(sp.spId.toString())
                .claim(SECRET_BINDING, secretBinding(sp));
        claims.forEach(builder::claim);
        return builder.expiresAt(clock.instant().plus(lifetime).getEpochSecond()).jws()
                .algorithm(SignatureAlgorithm.HS256).sign(key("csc-token.v1"));
    }

    /** The authorization an access token of the authorization-code flow belongs to, or null for any other string. */
    UUID authorizationOf(String token) {
        try {
            Object claim = HmacTokens.verify(token, key("csc-token.v1")).getClaim(CLAIM_AUTHORIZATION);
            return claim == null ? null : Integrators.uuid(claim.toString());
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * The caller behind a bearer token, or 401 {@code invalid_token}: a token is as good as the secret it was issued
     * for, and one from the authorization-code flow also as its authorization (revoked or replayed = ended).
     */
    public Uni<CscCaller> caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 8192) {
            return Uni.createFrom().failure(invalidToken());
        }
        UUID spId;
        String binding;
        org.eclipse.microprofile.jwt.JsonWebToken claims;
        try {
            claims = HmacTokens.verify(authorization.substring(7).strip(), key("csc-token.v1"));
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
        UUID grant = Integrators.uuid(text(claims.getClaim(CLAIM_AUTHORIZATION)));
        return Panache.withSession(() -> providers.findById(spId).chain(sp -> {
            if (sp == null || sp.disabledAt != null
                    || !MessageDigest.isEqual(binding.getBytes(StandardCharsets.US_ASCII),
                            secretBinding(sp).getBytes(StandardCharsets.US_ASCII))) {
                throw invalidToken();
            }
            if (grant == null) {
                return Uni.createFrom().item(CscCaller.integrator(sp));
            }
            return oauth.findById(grant).map(a -> {
                if (a == null || !a.spId.equals(spId)
                        || a.status != vn.kyso.signing.integrator.model.OAuthAuthorization.Status.ACTIVE) {
                    throw invalidToken();
                }
                return new CscCaller(sp, a.accountId, a.scope, a.credentialId, text(claims.getClaim(CLAIM_SAD)));
            });
        }));
    }

    private static String text(Object claim) {
        if (claim instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }

    /** A credential-scope token is good only for signing what was approved (and reading that credential). */
    private static void notCredentialScope(CscCaller caller) {
        if (caller.credentialScope()) {
            throw new CscError(403, "insufficient_scope",
                    "This access token has the credential scope: it signs the approved hashes only");
        }
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

    /** The credentials of a user the integrator may see (§11.4), with their details when asked. */
    public Uni<CscMessages.ListResponse> list(CscCaller caller, CscMessages.ListRequest request) {
        ServiceProvider sp = caller.sp();
        String userId = request.userID();
        notCredentialScope(caller);
        if (caller.userSpecific() && userId != null) {
            return Uni.createFrom().failure(CscError.invalidRequest(
                    "Invalid parameter userID: the access token is the user's own, so userID SHALL be null"));
        }
        if (!caller.userSpecific() && (userId == null || userId.isBlank() || userId.length() > 64)) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing (or invalid type) string parameter userID"));
        }
        String certificates = certificatesMode(request.certificates());
        boolean details = Boolean.TRUE.equals(request.credentialInfo());
        boolean onlyValid = Boolean.TRUE.equals(request.onlyValid());
        Uni<List<Credential>> found = caller.userSpecific()
                ? Panache.withSession(() -> credentials.list("accountId = ?1 order by createdAt desc",
                        caller.accountId()))
                : integrators.credentialsOf(sp.spId, userId);
        return found.map(list -> {
            List<String> ids = new ArrayList<>();
            List<CscMessages.CredentialInfo> infos = new ArrayList<>();
            for (Credential c : list) {
                if (c.certificate == null || (onlyValid && !usable(c))) {
                    continue;
                }
                ids.add(c.id.toString());
                if (details) {
                    infos.add(describe(c, certificates, Boolean.TRUE.equals(request.certInfo())).withId(c.id.toString()));
                }
            }
            return new CscMessages.ListResponse(ids, details ? infos : null, onlyValid ? Boolean.TRUE : null);
        });
    }

    /** One credential (§11.5); any credential the integrator may not see is answered as an unknown one. */
    public Uni<CscMessages.CredentialInfo> info(CscCaller caller, CscMessages.InfoOfCredentialRequest request) {
        String certificates = certificatesMode(request.certificates());
        return credential(caller, request.credentialID())
                .map(c -> describe(c, certificates, Boolean.TRUE.equals(request.certInfo())));
    }

    private static String certificatesMode(String requested) {
        String mode = requested == null ? "single" : requested;
        if (!List.of("none", "single", "chain").contains(mode)) {
            throw CscError.invalidRequest("Invalid parameter certificates");
        }
        return mode;
    }

    /** A credential can sign now: active, its certificate inside its validity. */
    private boolean usable(Credential c) {
        if (c.status != CredentialStatus.ACTIVE) {
            return false;
        }
        return IssuedCertificates.parse(c.certificate).map(cert -> {
            Instant now = clock.instant();
            return !now.isBefore(cert.getNotBefore().toInstant()) && now.isBefore(cert.getNotAfter().toInstant());
        }).orElse(false);
    }

    private CscMessages.CredentialInfo describe(Credential c, String certificates, boolean certInfo) {
        X509Certificate cert = IssuedCertificates.parse(c.certificate).orElseThrow();
        PublicKey publicKey = cert.getPublicKey();
        boolean rsa = publicKey instanceof RSAPublicKey;
        int length = publicKey instanceof RSAPublicKey r ? r.getModulus().bitLength()
                : publicKey instanceof ECPublicKey e ? e.getParams().getCurve().getField().getFieldSize() : 0;
        String curve = rsa ? null : length == 384 ? "1.3.132.0.34" : "1.2.840.10045.3.1.7";
        CscMessages.Key key = new CscMessages.Key(c.status == CredentialStatus.ACTIVE ? "enabled" : "disabled",
                rsa ? RSA_ALGOS : EC_ALGOS, length, curve);
        Instant now = clock.instant();
        String status = c.status == CredentialStatus.REVOKED ? "revoked"
                : c.status == CredentialStatus.SUSPENDED ? "suspended"
                : !now.isBefore(cert.getNotAfter().toInstant()) ? "expired" : "valid";
        List<String> chain = null;
        if (!"none".equals(certificates)) {
            chain = new ArrayList<>();
            chain.add(Base64.getEncoder().encodeToString(c.certificate));
            if ("chain".equals(certificates)) {
                if (c.caCertificate != null) {
                    chain.add(Base64.getEncoder().encodeToString(c.caCertificate));
                }
                if (c.rootCertificate != null) {
                    chain.add(Base64.getEncoder().encodeToString(c.rootCertificate));
                }
            }
        }
        CscMessages.Cert certificate = certInfo
                ? new CscMessages.Cert(status, chain, cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                        c.serialNumber, cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                        generalizedTime(cert.getNotBefore().toInstant()), generalizedTime(cert.getNotAfter().toInstant()))
                : new CscMessages.Cert(status, chain, null, null, null, null, null);
        return new CscMessages.CredentialInfo(null, "Kyso remote signing key", null, key, certificate, AUTH, "2",
                MULTISIGN, "vi-VN");
    }

    /** A credential the integrator may see; any other is answered exactly as an unknown one. */
    private Uni<Credential> credential(CscCaller caller, String credentialId) {
        if (credentialId == null) {
            return Uni.createFrom().failure(CscError.invalidRequest(
                    "Missing (or invalid type) string parameter credentialID"));
        }
        UUID id = Integrators.uuid(credentialId);
        if (id == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter credentialID"));
        }
        return Panache.withSession(() -> credentials.findById(id).chain(c -> {
            if (c == null || c.certificate == null) {
                return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter credentialID"));
            }
            if (caller.userSpecific()) {
                // The subscriber's own token sees the subscriber's own credentials (the one approved, for a
                // credential-scope token) and nothing else.
                if (!c.accountId.equals(caller.accountId())
                        || caller.credentialScope() && !c.id.equals(caller.credentialId())) {
                    throw CscError.invalidRequest("Invalid parameter credentialID");
                }
                return Uni.createFrom().item(c);
            }
            return integrators.maySee(caller.sp().spId, c).map(visible -> {
                if (!visible) {
                    throw CscError.invalidRequest("Invalid parameter credentialID");
                }
                return c;
            });
        }));
    }

    /**
     * An authorisation the subscriber gives in the app with PIN + passkey, out of band (§13.5): always under way at
     * first, so the answer is a handle (HTTP 202). SCAL2: the hashes are named here, one signature each.
     */
    public Uni<SigningTransaction> authorize(CscCaller caller, CscMessages.AuthorizeRequest request) {
        ServiceProvider sp = caller.sp();
        notCredentialScope(caller);
        Integer numSignatures = request.numSignatures();
        if (numSignatures == null) {
            return Uni.createFrom().failure(CscError.invalidRequest(
                    "Missing (or invalid type) integer parameter numSignatures"));
        }
        if (numSignatures < 1) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid value for parameter numSignatures"));
        }
        if (numSignatures > MULTISIGN) {
            return Uni.createFrom().failure(CscError.invalidRequest("Numbers of signatures is too high"));
        }
        if (request.authData() != null && request.authData().stream()
                .anyMatch(a -> a == null || !APP_AUTH_ID.equals(a.id()) || a.value() != null)) {
            return Uni.createFrom().failure(new CscError(400, "invalid_authentication_data",
                    "The authentication data is invalid: this credential takes only {\"id\":\"" + APP_AUTH_ID
                            + "\"}, approved in the Kyso app"));
        }
        String algorithm;
        List<byte[]> digests;
        try {
            algorithm = hashAlgorithm(request.hashAlgorithmOID());
            digests = digests(request.hashes(), algorithm);
        } catch (CscError e) {
            return Uni.createFrom().failure(e);
        }
        if (numSignatures != digests.size()) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid value for parameter numSignatures: with"
                    + " SCAL 2 it equals the number of hashes, each of which the subscriber approves"));
        }
        List<TransactionRequests.NewItem> newItems = new ArrayList<>();
        for (int i = 0; i < digests.size(); i++) {
            newItems.add(TransactionRequests.NewItem.hash("hash-" + (i + 1), "Hash " + (i + 1), algorithm,
                    digests.get(i)));
        }
        String description = request.description();
        String shown = description == null || description.isBlank() ? "Yêu cầu ký số từ " + sp.name
                : description.length() > 500 ? description.substring(0, 500) : description;
        return credential(caller, request.credentialID()).chain(c -> {
            if (c.status != CredentialStatus.ACTIVE) {
                throw CscError.invalidRequest("The credential identified by credentialID is disabled");
            }
            if (!usable(c)) {
                throw CscError.invalidRequest("Signing certificate is expired");
            }
            return Panache.withSession(() -> integrators.undecided(sp.spId, c.accountId)).chain(first -> signing.create(
                    new TransactionRequests.NewTransaction(c.accountId, REQUESTER_TYPE, sp.spId.toString(), null,
                            sp.name, shown, config.transactionLifetime(), newItems, ApprovalEffect.AUTHORIZE)
                            .firstContact(first)));
        }).onFailure(ProblemException.class).transform(e -> CscError.invalidRequest(e.getMessage()))
                .map(created -> created.loaded().transaction());
    }

    /** What authorizeCheck answers: 202 with the handle, or 200 with a SAD. */
    public record Check(int status, Object body) {
    }

    /** Under way (202), approved (a fresh SAD, 200), or refused / expired / used (400). */
    public Uni<Check> authorizeCheck(ServiceProvider sp, String handle) {
        if (handle == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing (or invalid type) string parameter handle"));
        }
        UUID id = Integrators.uuid(handle);
        if (id == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter handle"));
        }
        return Panache.withTransaction(() -> transactions.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(tx -> {
                    if (tx == null || !REQUESTER_TYPE.equals(tx.requesterType)
                            || !sp.spId.toString().equals(tx.requesterId)) {
                        throw CscError.invalidRequest("Invalid parameter handle");
                    }
                    Instant now = clock.instant();
                    if (tx.status == TransactionStatus.PENDING && now.isBefore(tx.expiresAt)) {
                        return Uni.createFrom().item(new Check(202, new CscMessages.HandleResponse(handle)));
                    }
                    if (tx.status == TransactionStatus.REJECTED) {
                        throw new CscError(400, "access_denied", "The subscriber refused the authorization");
                    }
                    if (tx.status == TransactionStatus.SIGNED) {
                        throw CscError.invalidRequest("Invalid parameter handle: the authorization was already used");
                    }
                    if (tx.status != TransactionStatus.AUTHORIZED || !now.isBefore(tx.expiresAt)) {
                        throw CscError.invalidRequest("Invalid parameter handle: the authorization expired");
                    }
                    return items.of(tx.id).map(list -> new Check(200, issueSad(sp, tx, list, now)));
                }));
    }

    /**
     * A new SAD for the same authorisation (§11.9), bound to hashes it authorised and whose signatures were not handed
     * over yet: the SAD presented must be the last one issued and unexpired; nothing new is authorised here.
     */
    public Uni<CscMessages.SadResponse> extendTransaction(ServiceProvider sp,
            CscMessages.ExtendTransactionRequest request) {
        Sad presented;
        List<byte[]> digests;
        try {
            presented = readSad(sp, request.credentialID(), request.sad());
            digests = request.hashes() == null ? null
                    : digests(request.hashes(), hashAlgorithm(request.hashAlgorithmOID()));
        } catch (CscError e) {
            return e.counts() ? refusedSad(sp, e) : Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> transactions.findById(presented.transactionId(),
                LockModeType.PESSIMISTIC_WRITE).chain(tx -> {
                    if (tx == null || !presented.matches(tx.sadHash, true)) {
                        throw new RefusedSad();
                    }
                    Instant now = clock.instant();
                    if ((tx.status != TransactionStatus.AUTHORIZED && tx.status != TransactionStatus.SIGNED)
                            || !now.isBefore(tx.expiresAt)) {
                        throw CscError.invalidRequest("SAD expired");
                    }
                    return items.of(tx.id).map(list -> {
                        List<TransactionItem> open = list.stream().filter(i -> i.releasedAt == null).toList();
                        List<TransactionItem> bound = digests == null ? open : covered(open, digests);
                        if (bound.isEmpty()) {
                            throw CscError.invalidRequest("Invalid parameter SAD: every authorised signature was"
                                    + " created");
                        }
                        return issueSad(sp, tx, bound, now);
                    });
                })).onFailure(RefusedSad.class).recoverWithUni(() -> refusedSad(sp,
                        CscError.invalidRequest("Invalid parameter SAD")));
    }

    /** A SAD for an approved transaction, replacing any earlier one (also the credential scope's code exchange). */
    CscMessages.SadResponse issueSad(ServiceProvider sp, SigningTransaction tx, List<TransactionItem> bound,
            Instant now) {
        Instant expires = now.plus(SAD_LIFETIME).isBefore(tx.expiresAt) ? now.plus(SAD_LIFETIME) : tx.expiresAt;
        String sad = Jwt.issuer("https://kyso.vn/signing/csc").subject(tx.id.toString())
                .claim("sp_id", sp.spId.toString()).claim("credentialID", tx.credentialId.toString())
                .claim(SAD_HASHES, bound.stream().map(i -> Base64.getEncoder().encodeToString(i.digest)).toList())
                .expiresAt(expires.getEpochSecond()).jws()
                .algorithm(SignatureAlgorithm.HS256).sign(key("csc-sad.v1"));
        // A newer SAD replaces an unused older one: only the last one issued works.
        tx.sadHash = Digests.sha256Hex(sad);
        return new CscMessages.SadResponse(sad, Duration.between(now, expires).toSeconds());
    }

    /** The items whose digests are asked for, each exactly once; a digest not among them is not authorised. */
    private static List<TransactionItem> covered(List<TransactionItem> candidates, List<byte[]> digests) {
        List<TransactionItem> out = new ArrayList<>();
        for (byte[] digest : digests) {
            TransactionItem match = candidates.stream().filter(i -> MessageDigest.isEqual(i.digest, digest)
                    && !out.contains(i)).findFirst().orElse(null);
            if (match == null) {
                throw CscError.invalidRequest("Hash is not authorized by the SAD");
            }
            out.add(match);
        }
        return out;
    }

    /** A SAD read and checked for its own integrity and addressee; whether it is current is the transaction's say. */
    private record Sad(UUID transactionId, String hash, List<String> hashes) {

        boolean matches(String stored, boolean spentToo) {
            if (stored == null) {
                return false;
            }
            String current = spentToo && stored.startsWith(SPENT_PREFIX) ? stored.substring(SPENT_PREFIX.length())
                    : stored;
            return MessageDigest.isEqual(current.getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Sad readSad(ServiceProvider sp, String credentialId, String sad) {
        if (credentialId == null) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter credentialID");
        }
        if (sad == null || sad.isBlank() || sad.length() > 8192) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter SAD");
        }
        try {
            var claims = HmacTokens.verify(sad, key("csc-sad.v1"));
            UUID txId = Integrators.uuid(claims.getSubject());
            if (txId == null || !sp.spId.toString().equals(claims.getClaim("sp_id"))
                    || !credentialId.equals(claims.getClaim("credentialID"))) {
                throw CscError.invalidRequest("Invalid parameter SAD").counting();
            }
            if (claims.getExpirationTime() <= clock.instant().getEpochSecond()) {
                throw CscError.invalidRequest("SAD expired");
            }
            Object bound = claims.getClaim(SAD_HASHES);
            List<String> hashes = new ArrayList<>();
            if (bound instanceof jakarta.json.JsonArray array) {
                array.forEach(v -> hashes.add(((jakarta.json.JsonString) v).getString()));
            } else if (bound instanceof java.util.Collection<?> collection) {
                collection.forEach(v -> hashes.add(String.valueOf(v)));
            }
            return new Sad(txId, Digests.sha256Hex(sad), hashes);
        } catch (ParseException e) {
            throw CscError.invalidRequest("Invalid parameter SAD").counting();
        }
    }

    /**
     * The signatures of hashes the SAD binds (§11.10), each handed over once; the SAD is spent by the call. The first
     * call signs every authorised hash through custody; later calls (after {@code extendTransaction}) hand over the
     * rest.
     */
    public Uni<List<String>> signHash(CscCaller caller, CscMessages.SignHashRequest request) {
        ServiceProvider sp = caller.sp();
        Sad presented;
        List<byte[]> digests;
        String impliedHash;
        try {
            // A credential-scope token carries the SAD its approval yielded (CSC §11.10: SAD not needed then).
            String sad = request.sad() == null && caller.credentialScope() ? caller.sad() : request.sad();
            if (caller.credentialScope() && !String.valueOf(caller.credentialId()).equals(request.credentialID())) {
                throw CscError.invalidRequest("Invalid parameter credentialID");
            }
            presented = readSad(sp, request.credentialID(), sad);
            if (request.hashes() == null) {
                throw CscError.invalidRequest("Missing (or invalid type) array parameter hash");
            }
            if (request.hashes().isEmpty()) {
                throw CscError.invalidRequest("Empty hash array");
            }
            if (request.signAlgo() == null) {
                throw CscError.invalidRequest("Missing (or invalid type) string parameter signAlgo");
            }
            if (request.signAlgoParams() != null) {
                throw CscError.invalidRequest("Invalid parameter signAlgoParams: no algorithm offered here takes any");
            }
            impliedHash = SIGN_ALGO_HASH.get(request.signAlgo());
            if (impliedHash == null && !RSA_ALGOS.contains(request.signAlgo())
                    && !EC_ALGOS.contains(request.signAlgo())) {
                throw CscError.invalidRequest("Invalid parameter signAlgo");
            }
            String named = request.hashAlgorithmOID() == null ? null : hashAlgorithm(request.hashAlgorithmOID());
            if (impliedHash == null && named == null && RSA_ENCRYPTION.equals(request.signAlgo())) {
                throw CscError.invalidRequest("Missing (or invalid type) string parameter hashAlgorithmOID");
            }
            if (impliedHash != null && named != null && !impliedHash.equals(named)) {
                throw CscError.invalidRequest("Invalid parameter hashAlgorithmOID: it contradicts signAlgo");
            }
            String algorithm = impliedHash != null ? impliedHash : named;
            digests = new ArrayList<>();
            for (String hash : request.hashes()) {
                byte[] digest = base64(hash);
                if (digest == null) {
                    throw CscError.invalidRequest("Invalid Base64 hash string parameter");
                }
                if (algorithm != null ? digest.length != HASH_LENGTHS.get(algorithm)
                        : !HASH_LENGTHS.containsValue(digest.length)) {
                    throw CscError.invalidRequest("Invalid digest value length");
                }
                digests.add(digest);
            }
            impliedHash = algorithm;
        } catch (CscError e) {
            return e.counts() ? refusedSad(sp, e) : Uni.createFrom().failure(e);
        }
        String hashAlgorithm = impliedHash;
        return Panache.withTransaction(() -> transactions.findById(presented.transactionId(),
                LockModeType.PESSIMISTIC_WRITE).chain(tx -> {
                    if (tx == null || !presented.matches(tx.sadHash, false)) {
                        throw new RefusedSad();
                    }
                    return items.of(tx.id).chain(list -> credentials.findById(tx.credentialId).chain(c -> {
                        checkKeyAlgorithm(c, request.signAlgo());
                        List<TransactionItem> bound = list.stream().filter(i -> i.releasedAt == null
                                && presented.hashes().contains(Base64.getEncoder().encodeToString(i.digest))).toList();
                        List<TransactionItem> asked = covered(bound, digests);
                        if (hashAlgorithm != null && asked.stream().anyMatch(i -> !hashAlgorithm.equals(i.hashAlgorithm))) {
                            throw CscError.invalidRequest("Invalid parameter hashAlgorithmOID: not the authorised one");
                        }
                        tx.sadHash = SPENT_PREFIX + tx.sadHash;
                        Instant now = clock.instant();
                        asked.forEach(i -> i.releasedAt = now);
                        Uni<Void> signed = tx.status == TransactionStatus.SIGNED ? Uni.createFrom().voidItem()
                                : authorized.signAuthorized(new LoadedTransaction(tx, list));
                        return signed.map(ignored -> asked.stream().map(i -> Base64.getEncoder()
                                .encodeToString(i.signature)).toList());
                    }));
                })).invoke(authorized::committed)
                .onFailure(ProblemException.class).transform(e -> CscError.invalidRequest(e.getMessage()))
                .onFailure(RefusedSad.class).recoverWithUni(() -> refusedSad(sp,
                        CscError.invalidRequest("Invalid parameter SAD")));
    }

    /** Keeps an asynchronous answer for polling and, when asked, owes the caller's {@code response_uri} a POST. */
    public Uni<String> keepAsync(ServiceProvider sp, Object answer, Long validityMillis, String responseUri) {
        Duration validity = validity(validityMillis);
        URI notify = responseUri(responseUri);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String body;
        String notice;
        try {
            body = json.writeValueAsString(answer);
            Map<String, Object> withId = json.convertValue(answer, new com.fasterxml.jackson.core.type.TypeReference<
                    LinkedHashMap<String, Object>>() { });
            withId.put("responseID", id.toString());
            notice = json.writeValueAsString(withId);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CscResponse kept = new CscResponse();
        kept.responseId = id;
        kept.spId = sp.spId;
        kept.body = body;
        kept.createdAt = now;
        kept.expiresAt = now.plus(validity);
        return Panache.withTransaction(() -> responses.persist(kept).chain(() -> notify == null
                ? Uni.createFrom().voidItem()
                : queue.enqueue(CscResponses.CHANNEL, id.toString(), notify.toString(), notice).replaceWithVoid()))
                .invoke(() -> {
                    if (notify != null) {
                        queue.wake(CscResponses.CHANNEL);
                    }
                }).replaceWith(id.toString());
    }

    /** Validates the asynchronous parameters before any work is done. */
    public void checkAsync(String operationMode, Long validityMillis, String responseUri) {
        if (operationMode != null && !operationMode.equals("S") && !operationMode.equals("A")) {
            throw CscError.invalidRequest("Invalid parameter operationMode");
        }
        if (!"A".equals(operationMode) && (validityMillis != null || responseUri != null)) {
            throw CscError.invalidRequest("Invalid parameter " + (validityMillis != null ? "validity_period"
                    : "response_uri") + ": only with operationMode A");
        }
        validity(validityMillis);
        responseUri(responseUri);
    }

    private static Duration validity(Long millis) {
        if (millis == null) {
            return ASYNC_VALIDITY;
        }
        if (millis < MIN_ASYNC_VALIDITY.toMillis() || millis > MAX_ASYNC_VALIDITY.toMillis()) {
            throw CscError.invalidRequest("Out of bounds parameter validity_period");
        }
        return Duration.ofMillis(millis);
    }

    private static URI responseUri(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (value.length() > 2048 || !uri.isAbsolute() || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw CscError.invalidRequest("Invalid parameter response_uri");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw CscError.invalidRequest("Invalid parameter response_uri");
        }
    }

    /** A kept asynchronous answer (§11.12), only to the integrator that asked for it. */
    public Uni<String> signPolling(ServiceProvider sp, CscMessages.SignPollingRequest request) {
        if (request.requestID() == null) {
            return Uni.createFrom().failure(CscError.invalidRequest(
                    "Missing (or invalid type) string parameter requestID"));
        }
        UUID id = Integrators.uuid(request.requestID());
        if (id == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter requestID"));
        }
        return Panache.withSession(() -> responses.findById(id)).map(kept -> {
            if (kept == null || !kept.spId.equals(sp.spId) || !clock.instant().isBefore(kept.expiresAt)) {
                throw CscError.invalidRequest("Invalid parameter requestID");
            }
            return kept.body;
        });
    }

    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredResponses() {
        return Panache.withTransaction(() -> responses.deleteExpired(clock.instant())).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * {@code signatures/signDoc} (§11.11): AdES signatures — CAdES, XAdES (the e-invoice included), PAdES, B-B to
     * B-LTA — of documents, or of document digests (detached), whose digests the SAD authorised. The call uses the
     * whole authorisation: the key's binding is spent with it, so items not asked for here are not signed later.
     * A signature that cannot reach the level asked (TSA, OCSP or CRL silent) fails with 503 and spends nothing.
     */
    public Uni<CscMessages.SignDocResponse> signDoc(CscCaller caller, CscMessages.SignDocRequest request) {
        ServiceProvider sp = caller.sp();
        Sad presented;
        List<CscDocuments.Job> jobs;
        String chosenAlgo = null;
        try {
            if (request.credentialID() == null && request.signatureQualifier() == null) {
                throw CscError.invalidRequest("Missing (or invalid type) string parameter credentialID");
            }
            boolean digests = request.documentDigests() != null && !request.documentDigests().isEmpty();
            boolean documents = request.documents() != null && !request.documents().isEmpty();
            if (digests && documents) {
                throw CscError.invalidRequest("Both documentDigests and documents parameters passed");
            }
            if (!digests && !documents) {
                throw CscError.invalidRequest("Empty documentDigests and documents objects");
            }
            checkAsync(request.operationMode(), request.validityPeriod(), request.responseUri());
            if (request.operationMode() != null && !"S".equals(request.operationMode())) {
                throw CscError.invalidRequest("Invalid parameter operationMode: signDoc runs synchronously here");
            }
            if (digests) {
                for (CscMessages.DocumentDigest d : request.documentDigests()) {
                    if (d == null || d.hashes() == null || d.hashes().isEmpty()) {
                        throw CscError.invalidRequest("Invalid object parameter documentDigests");
                    }
                    for (String h : d.hashes()) {
                        if (base64(h) == null) {
                            throw CscError.invalidRequest("Invalid Base64 hashes string parameter");
                        }
                    }
                    checkAdes(d.signatureFormat(), d.conformanceLevel(), d.signedEnvelopeProperty(), d.signAlgo());
                    chosenAlgo = sameSignAlgo(chosenAlgo, d.signAlgo(), d.signAlgoParams());
                }
            } else {
                for (CscMessages.Document d : request.documents()) {
                    // The Base64 itself is read once, by CscDocuments.jobs: documents are large.
                    if (d == null || d.document() == null) {
                        throw CscError.invalidRequest("Invalid Base64 documents string parameter");
                    }
                    checkAdes(d.signatureFormat(), d.conformanceLevel(), d.signedEnvelopeProperty(), d.signAlgo());
                    chosenAlgo = sameSignAlgo(chosenAlgo, d.signAlgo(), d.signAlgoParams());
                }
            }
            String sad = request.sad() == null && caller.credentialScope() ? caller.sad() : request.sad();
            if (caller.credentialScope() && !String.valueOf(caller.credentialId()).equals(request.credentialID())) {
                throw CscError.invalidRequest("Invalid parameter credentialID");
            }
            // Sizes and formats first: an oversized document is refused before anything else is read.
            jobs = CscDocuments.jobs(request, SIGN_ALGO_HASH.getOrDefault(chosenAlgo, "SHA-256"));
            presented = readSad(sp, request.credentialID() == null ? "" : request.credentialID(), sad);
        } catch (CscError e) {
            return e.counts() ? refusedSad(sp, e) : Uni.createFrom().failure(e);
        }
        String signAlgo = chosenAlgo;
        List<CscDocuments.Job> asked = jobs;
        return Panache.withTransaction(() -> transactions.findById(presented.transactionId(),
                LockModeType.PESSIMISTIC_WRITE).chain(tx -> {
                    if (tx == null || !presented.matches(tx.sadHash, false)) {
                        throw new RefusedSad();
                    }
                    if (tx.status != TransactionStatus.AUTHORIZED) {
                        throw CscError.invalidRequest("Invalid parameter SAD: its signatures were already handed over"
                                + " through signHash");
                    }
                    return items.of(tx.id).chain(list -> credentials.findById(tx.credentialId).chain(c -> {
                        checkKeyAlgorithm(c, signAlgo);
                        List<TransactionItem> bound = list.stream().filter(i -> i.releasedAt == null
                                && presented.hashes().contains(Base64.getEncoder().encodeToString(i.digest))).toList();
                        List<TransactionItem> matched = new ArrayList<>();
                        for (CscDocuments.Job job : asked) {
                            TransactionItem match = bound.stream().filter(i -> !matched.contains(i)
                                    && i.digest != null && MessageDigest.isEqual(i.digest,
                                            job.approvedDigest(i.hashAlgorithm))).findFirst().orElse(null);
                            if (match == null) {
                                throw CscError.invalidRequest("Hash is not authorized by the SAD: the digest of a"
                                        + " document (with the authorised hash algorithm) must be one it names");
                            }
                            matched.add(match);
                        }
                        tx.sadHash = SPENT_PREFIX + tx.sadHash;
                        Instant now = clock.instant();
                        matched.forEach(i -> i.releasedAt = now);
                        String[] outputs = new String[asked.size()];
                        RecordingFetcher fetched = new RecordingFetcher(adesSigning.fetcher());
                        List<String> chain = new ArrayList<>();
                        return authorized.signAuthorized(new LoadedTransaction(tx, list), (all, key, credential,
                                signingTime) -> {
                            for (byte[] der : new byte[][] {credential.certificate, credential.caCertificate,
                                    credential.rootCertificate}) {
                                String encoded = der == null ? null : Base64.getEncoder().encodeToString(der);
                                if (encoded != null && !chain.contains(encoded)) {
                                    chain.add(encoded);
                                }
                            }
                            for (int j = 0; j < asked.size(); j++) {
                                CscDocuments.Job job = asked.get(j);
                                Ades.Signed signed = Ades.sign(job.spec(), job.content(), adesSigning.signer(key,
                                        credential, job.reason(), job.location()), signingTime,
                                        adesSigning.evidence(credential, fetched));
                                matched.get(j).signatureLevel = signed.level();
                                outputs[j] = Base64.getEncoder().encodeToString(signed.bytes());
                            }
                        }).map(ignored -> {
                            List<String> withSignature = new ArrayList<>();
                            List<String> signatureObjects = new ArrayList<>();
                            for (int j = 0; j < asked.size(); j++) {
                                (asked.get(j).detached() ? signatureObjects : withSignature).add(outputs[j]);
                            }
                            CscMessages.ValidationInfo info = null;
                            if (Boolean.TRUE.equals(request.returnValidationInfo())) {
                                RecordingFetcher.Fetched got = fetched.fetched();
                                List<String> certificates = new ArrayList<>(chain);
                                got.certificates().stream().filter(der -> !certificates.contains(der))
                                        .forEach(certificates::add);
                                info = new CscMessages.ValidationInfo(got.ocsp(), got.crl(), certificates);
                            }
                            return new CscMessages.SignDocResponse(withSignature.isEmpty() ? null : withSignature,
                                    signatureObjects.isEmpty() ? null : signatureObjects, null, info);
                        });
                    }));
                })).invoke(authorized::committed)
                .onFailure(Ades.Refused.class).transform(e -> CscError.invalidRequest("Invalid parameter documents: "
                        + e.getMessage()))
                .onFailure(Ades.Unavailable.class).invoke(e -> LOG.warnf("signDoc for %s could not reach its level: %s",
                        sp.spId, e.getCause() == null ? e.getMessage() : e.getMessage() + " / " + e.getCause()))
                .onFailure(Ades.Unavailable.class).transform(e -> new CscError(503, "temporarily_unavailable",
                        "The signature could not reach the level asked for: " + e.getMessage()
                                + "; nothing was spent, try again"))
                .onFailure(ProblemException.class).transform(e -> CscError.invalidRequest(e.getMessage()))
                .onFailure(RefusedSad.class).recoverWithUni(() -> refusedSad(sp,
                        CscError.invalidRequest("Invalid parameter SAD")));
    }

    /** One key signs the whole call: every document names the same signature algorithm, without parameters. */
    private static String sameSignAlgo(String earlier, String signAlgo, String params) {
        if (params != null) {
            throw CscError.invalidRequest("Invalid parameter signAlgoParams: no algorithm offered here takes any");
        }
        if (earlier != null && !earlier.equals(signAlgo)) {
            throw CscError.invalidRequest("Invalid parameter signAlgo: one signDoc call signs with one algorithm");
        }
        return signAlgo;
    }


    private static void checkAdes(String format, String level, String envelope, String signAlgo) {
        if (format == null) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter signature_format");
        }
        int index = CscDocuments.FORMATS.indexOf(format);
        if (index < 0) {
            throw CscError.invalidRequest("Invalid parameter signature_format");
        }
        List<String> envelopes = CscDocuments.ENVELOPES.get(index);
        if (level != null && !CONFORMANCE_LEVELS.contains(level.toLowerCase(java.util.Locale.ROOT))) {
            throw CscError.invalidRequest("Invalid parameter conformance_level");
        }
        if (envelope != null && !envelopes.contains(envelope)) {
            throw CscError.invalidRequest("Invalid parameter signed_envelope_property");
        }
        if (signAlgo == null) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter signAlgo");
        }
        if (!RSA_ALGOS.contains(signAlgo) && !EC_ALGOS.contains(signAlgo)) {
            throw CscError.invalidRequest("Invalid parameter signAlgo");
        }
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

    private static void checkKeyAlgorithm(Credential c, String signAlgo) {
        boolean rsa = c.keyAlgorithm.startsWith("RSA");
        if (!(rsa ? RSA_ALGOS : EC_ALGOS).contains(signAlgo)) {
            throw CscError.invalidRequest("Invalid parameter signAlgo");
        }
    }

    static String hashAlgorithm(String oid) {
        if (oid == null) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter hashAlgorithmOID");
        }
        String algorithm = HASHES.get(oid);
        if (algorithm == null) {
            throw CscError.invalidRequest("Invalid parameter hashAlgorithmOID");
        }
        return algorithm;
    }

    static List<byte[]> digests(List<String> hashes, String algorithm) {
        if (hashes == null) {
            throw CscError.invalidRequest("Missing (or invalid type) array parameter hashes");
        }
        if (hashes.isEmpty()) {
            throw CscError.invalidRequest("Empty hash array");
        }
        if (hashes.size() > MULTISIGN) {
            throw CscError.invalidRequest("Numbers of signatures is too high");
        }
        List<byte[]> out = new ArrayList<>();
        for (String hash : hashes) {
            byte[] digest = base64(hash);
            if (digest == null) {
                throw CscError.invalidRequest("Invalid Base64 hash string parameter");
            }
            if (digest.length != HASH_LENGTHS.get(algorithm)) {
                throw CscError.invalidRequest("Invalid digest value length");
            }
            out.add(digest);
        }
        return out;
    }

    /** An RFC 3161 token over a caller's hash from ca-service's TSA (§11.13). */
    public Uni<String> timestamp(CscMessages.TimestampRequest request) {
        if (request.hash() == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing (or invalid type) string parameter hash"));
        }
        if (request.hash().isEmpty()) {
            return Uni.createFrom().failure(CscError.invalidRequest("Empty hash parameter"));
        }
        String algorithm = HASHES.get(request.hashAlgo() == null ? "" : request.hashAlgo());
        if (algorithm == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter hashAlgo"));
        }
        byte[] digest = base64(request.hash());
        if (digest == null) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid Base64 hash string parameter"));
        }
        if (digest.length != HASH_LENGTHS.get(algorithm)) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid digest value length"));
        }
        String nonce = request.nonce();
        BigInteger n;
        try {
            n = nonce == null ? null : new BigInteger(nonce.length() > 64 || nonce.isEmpty() ? "x" : nonce, 16);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(CscError.invalidRequest("Invalid parameter nonce"));
        }
        if (config.tsaUrl().isEmpty()) {
            return Uni.createFrom().failure(new CscError(503, "temporarily_unavailable",
                    "No time-stamping authority is configured"));
        }
        TsaClient tsa = new TsaClient(config.tsaUrl().get(), config.tsaTimeout());
        return vn.kyso.commons.work.Blocking.onWorker(() -> tsa.tokenForImprint(request.hashAlgo(), digest, n))
                .map(token -> Base64.getEncoder().encodeToString(token.orElseThrow(() -> new CscError(503,
                        "temporarily_unavailable", "The time-stamping authority did not answer"))));
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

    static byte[] base64(String value) {
        try {
            return value == null ? null : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
