package vn.kyso.signing.integrator.csc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.crypto.Digests;
import vn.kyso.signing.integrator.model.OAuthAuthorization;
import vn.kyso.signing.integrator.model.OAuthAuthorization.Status;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.integrator.repository.OAuthAuthorizationRepository;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.integrator.service.FirstContacts;
import vn.kyso.signing.integrator.service.Integrators;
import vn.kyso.signing.transaction.model.ApprovalEffect;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;
import vn.kyso.signing.transaction.service.TransactionRequests;

/**
 * The OAuth 2.0 authorization-code flow with PKCE (CSC §8, RFC 6749/7636/7009): the integrator sends the subscriber's
 * browser here, the subscriber consents in the portal (for the {@code credential} scope by approving the hashes with
 * PIN + passkey), and the integrator exchanges the single-use code for tokens.
 */
@ApplicationScoped
public class CscOAuth {

    /** How long the subscriber has to answer an authorization request. */
    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(10);
    /** Codes are exchanged by the integrator's server right after the redirect. */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    private static final Pattern PKCE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceProviderRepository providers;
    private final OAuthAuthorizationRepository authorizations;
    private final CredentialRepository credentials;
    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionRequests requests;
    private final Integrators integrators;
    private final FirstContacts firstContacts;
    private final CscService csc;
    private final SigningConfig config;
    private final Clock clock;
    private final ObjectMapper json;

    public CscOAuth(ServiceProviderRepository providers, OAuthAuthorizationRepository authorizations,
            CredentialRepository credentials, TransactionRepository transactions, TransactionItemRepository items,
            TransactionRequests requests, Integrators integrators, FirstContacts firstContacts, CscService csc,
            SigningConfig config, Clock clock, ObjectMapper json) {
        this.firstContacts = firstContacts;
        this.providers = providers;
        this.authorizations = authorizations;
        this.credentials = credentials;
        this.transactions = transactions;
        this.items = items;
        this.requests = requests;
        this.integrators = integrators;
        this.csc = csc;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    /** The issuer identifier (RFC 8414): the service's public URL. */
    public String issuer() {
        return config.publicUrl().replaceAll("/+$", "");
    }

    /**
     * A refusal of the authorization request. {@code redirect} null: the client or its redirect URI is not trusted, so
     * the browser is told here and sent nowhere (RFC 6749 §4.1.2.1); otherwise the error goes back to the integrator.
     */
    public static final class AuthorizeError extends RuntimeException {

        private final String error;
        private final URI redirect;

        AuthorizeError(String error, String description, URI redirect) {
            super(description, null, false, false);
            this.error = error;
            this.redirect = redirect;
        }

        public String error() {
            return error;
        }

        public URI redirect() {
            return redirect;
        }
    }

    /**
     * {@code GET oauth2/authorize}: checks the client and its redirect URI first (a refusal there redirects nowhere),
     * then the rest (refused back to the integrator), keeps the request and answers where the browser goes next: the
     * portal's consent screen.
     */
    public Uni<URI> authorize(Map<String, String> p) {
        UUID spId = Integrators.uuid(p.get("client_id"));
        if (spId == null) {
            return Uni.createFrom().failure(new AuthorizeError("invalid_request", "Missing or unknown client_id", null));
        }
        return Panache.withSession(() -> providers.findById(spId)).chain(sp -> {
            if (sp == null || sp.disabledAt != null) {
                throw new AuthorizeError("invalid_request", "Missing or unknown client_id", null);
            }
            List<String> registered = sp.redirectUriList();
            String asked = p.get("redirect_uri");
            String redirect = asked != null ? asked : registered.size() == 1 ? registered.get(0) : null;
            if (redirect == null || !registered.contains(redirect)) {
                throw new AuthorizeError("invalid_request", asked == null
                        ? "Missing redirect_uri" : "The redirect_uri is not registered for this client", null);
            }
            String state = p.get("state");
            if (state != null && state.length() > 512) {
                throw new AuthorizeError("invalid_request", "Invalid parameter state", null);
            }
            OAuthAuthorization a = new OAuthAuthorization();
            a.id = UUID.randomUUID();
            a.spId = sp.spId;
            a.redirectUri = redirect;
            a.redirectUriExplicit = asked != null;
            a.state = state;
            Instant now = clock.instant();
            a.createdAt = now;
            a.expiresAt = now.plus(REQUEST_LIFETIME);
            a.status = Status.PENDING;
            try {
                readRequest(p, a);
            } catch (CscError e) {
                throw new AuthorizeError(e.error(), e.getMessage(), back(a, Map.of("error", e.error(),
                        "error_description", e.getMessage())));
            }
            Uni<Void> checked = a.credentialId == null ? Uni.createFrom().voidItem()
                    : Panache.withSession(() -> credentials.findById(a.credentialId)).invoke(c -> {
                        if (c == null || c.certificate == null || c.status != CredentialStatus.ACTIVE) {
                            throw new AuthorizeError("invalid_request", "Invalid parameter credentialID",
                                    back(a, Map.of("error", "invalid_request", "error_description",
                                            "Invalid parameter credentialID")));
                        }
                    }).replaceWithVoid();
            return checked.chain(() -> Panache.withTransaction(() -> authorizations.persist(a)))
                    .map(saved -> URI.create(config.portalUrl().replaceAll("/+$", "") + "/?oauth_request=" + a.id));
        });
    }

    /** The request's own parameters: response type, PKCE, scope and, for the credential scope, what is to be signed. */
    private void readRequest(Map<String, String> p, OAuthAuthorization a) {
        if (!"code".equals(p.get("response_type"))) {
            throw new CscError(400, "unsupported_response_type", "response_type must be code");
        }
        String challenge = p.get("code_challenge");
        if (challenge == null || !PKCE.matcher(challenge).matches()) {
            throw CscError.invalidRequest("Missing or invalid code_challenge (PKCE is required)");
        }
        if (!"S256".equals(p.get("code_challenge_method"))) {
            throw CscError.invalidRequest("code_challenge_method must be S256");
        }
        a.codeChallenge = challenge;
        String details = p.get("authorization_details");
        String scope = p.get("scope") != null ? p.get("scope") : details != null ? null : OAuthAuthorization.SERVICE;
        if (scope != null && !scope.equals(OAuthAuthorization.SERVICE) && !scope.equals(OAuthAuthorization.CREDENTIAL)) {
            throw new CscError(400, "invalid_scope", "scope must be service or credential");
        }
        if (details != null && OAuthAuthorization.SERVICE.equals(scope)) {
            throw CscError.invalidRequest("authorization_details of type credential cannot go with scope service");
        }
        String description = p.get("description");
        if (description != null && description.length() > 500) {
            throw CscError.invalidRequest("Invalid parameter description");
        }
        a.description = description;
        if (OAuthAuthorization.SERVICE.equals(scope)) {
            a.scope = OAuthAuthorization.SERVICE;
            return;
        }
        a.scope = OAuthAuthorization.CREDENTIAL;
        String credentialId;
        String hashAlgorithmOid;
        List<String> hashes = new ArrayList<>();
        Integer numSignatures;
        if (details != null) {
            JsonNode detail = credentialDetail(details);
            credentialId = detail.path("credentialID").isTextual() ? detail.get("credentialID").asText() : null;
            hashAlgorithmOid = detail.path("hashAlgorithmOID").isTextual() ? detail.get("hashAlgorithmOID").asText()
                    : null;
            for (JsonNode digest : detail.path("documentDigests")) {
                if (!digest.path("hash").isTextual()) {
                    throw CscError.invalidRequest("Invalid parameter authorization_details: documentDigests[].hash");
                }
                hashes.add(digest.get("hash").asText());
            }
            numSignatures = hashes.size();
        } else {
            credentialId = p.get("credentialID");
            hashAlgorithmOid = p.get("hashAlgorithmOID");
            if (p.get("hashes") != null) {
                hashes.addAll(List.of(p.get("hashes").split(",", -1)));
            }
            try {
                numSignatures = p.get("numSignatures") == null ? null : Integer.valueOf(p.get("numSignatures"));
            } catch (NumberFormatException e) {
                throw CscError.invalidRequest("Invalid parameter numSignatures");
            }
        }
        a.credentialId = Integrators.uuid(credentialId);
        if (a.credentialId == null) {
            throw CscError.invalidRequest("Missing (or invalid type) string parameter credentialID");
        }
        if (numSignatures == null) {
            throw CscError.invalidRequest("Missing (or invalid type) integer parameter numSignatures");
        }
        List<byte[]> digests = CscService.digests(hashes.isEmpty() ? null : hashes.stream()
                .map(CscOAuth::standardBase64).toList(), CscService.hashAlgorithm(hashAlgorithmOid));
        if (numSignatures != digests.size()) {
            throw CscError.invalidRequest("Invalid value for parameter numSignatures: with SCAL 2 it equals the number"
                    + " of hashes, each of which the subscriber approves");
        }
        a.hashAlgorithm = CscService.hashAlgorithm(hashAlgorithmOid);
        a.hashes = String.join("\n", digests.stream().map(d -> Base64.getEncoder().encodeToString(d)).toList());
    }

    /** The one {@code credential} entry of an RFC 9396 authorization_details array. */
    private JsonNode credentialDetail(String details) {
        JsonNode parsed;
        try {
            parsed = details.length() > 65536 ? null : json.readTree(details);
        } catch (java.io.IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isArray() || parsed.size() != 1 || !"credential".equals(parsed.get(0)
                .path("type").asText())) {
            throw CscError.invalidRequest("Invalid parameter authorization_details: one object of type credential");
        }
        return parsed.get(0);
    }

    /** Hashes arrive base64url in a query (CSC §8.3.2) or base64 in JSON; both are read. */
    private static String standardBase64(String value) {
        String s = value.strip().replace('-', '+').replace('_', '/');
        return s + "=".repeat((4 - s.length() % 4) % 4);
    }

    /** The integrator's redirect URI with these parameters, {@code state} and {@code iss} (RFC 9207) added. */
    private URI back(OAuthAuthorization a, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (a.state != null) {
            all.put("state", a.state);
        }
        all.put("iss", issuer());
        StringBuilder query = new StringBuilder();
        all.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(a.redirectUri + (a.redirectUri.contains("?") ? "&" : "?") + query);
    }

    /** What the consent screen shows the subscriber. */
    public record Consent(UUID id, String appName, String scope, String credentialId, Integer numSignatures,
            String description, String redirectHost, UUID transactionId, String status, Instant expiresAt) {
    }

    /**
     * The signed-in subscriber takes up the request: it becomes theirs (a request another subscriber took is unknown
     * to this one), and for the {@code credential} scope the signing transaction they approve is made, bound to the
     * hashes (once: a repeated call finds it by its reference).
     */
    public Uni<Consent> claim(UUID id, UUID accountId) {
        return Panache.withTransaction(() -> open(id, accountId).chain(a -> {
            a.accountId = accountId;
            if (!OAuthAuthorization.CREDENTIAL.equals(a.scope)) {
                return Uni.createFrom().item(a);
            }
            return credentials.findById(a.credentialId).invoke(c -> {
                if (c == null || !accountId.equals(c.accountId)) {
                    throw new ProblemException(ConsentError.NOT_YOUR_CREDENTIAL,
                            "The application asks for a signing key that is not yours; nothing was changed");
                }
            }).replaceWith(a);
        })).chain(a -> a.transactionId != null || !OAuthAuthorization.CREDENTIAL.equals(a.scope)
                ? Uni.createFrom().item(a) : transactionFor(a))
                .chain(a -> Panache.withSession(() -> providers.findById(a.spId)).map(sp -> consent(a, sp)));
    }

    private Uni<OAuthAuthorization> transactionFor(OAuthAuthorization a) {
        return Panache.withSession(() -> providers.findById(a.spId)).chain(sp -> {
            List<TransactionRequests.NewItem> newItems = new ArrayList<>();
            String[] hashes = a.hashes.split("\n");
            for (int i = 0; i < hashes.length; i++) {
                newItems.add(TransactionRequests.NewItem.hash("hash-" + (i + 1), "Hash " + (i + 1), a.hashAlgorithm,
                        Base64.getDecoder().decode(hashes[i])));
            }
            String shown = a.description == null || a.description.isBlank() ? "Yêu cầu ký số từ " + sp.name
                    : a.description;
            Duration left = Duration.between(clock.instant(), a.expiresAt);
            return Panache.withSession(() -> integrators.undecided(sp.spId, a.accountId)).chain(first ->
                    requests.create(new TransactionRequests.NewTransaction(a.accountId, CscService.REQUESTER_TYPE,
                            sp.spId.toString(), "oauth:" + a.id, sp.name, shown,
                            left.compareTo(config.transactionLifetime()) < 0 ? left : config.transactionLifetime(),
                            newItems, ApprovalEffect.AUTHORIZE).firstContact(first)));
        }).chain(created -> Panache.withTransaction(() -> authorizations.findById(a.id).invoke(fresh -> {
            fresh.transactionId = created.loaded().transaction().id;
        })));
    }

    /** The request as the consent screen shows it, to the subscriber who took it up. */
    public Uni<Consent> view(UUID id, UUID accountId) {
        return Panache.withSession(() -> authorizations.findById(id).chain(a -> {
            if (a == null || !accountId.equals(a.accountId)) {
                throw new ProblemException(ConsentError.REQUEST_NOT_FOUND, "No such authorization request");
            }
            return providers.findById(a.spId).map(sp -> consent(a, sp));
        }));
    }

    private Consent consent(OAuthAuthorization a, ServiceProvider sp) {
        int count = a.hashes == null ? 0 : a.hashes.split("\n").length;
        return new Consent(a.id, sp.name, a.scope, a.credentialId == null ? null : a.credentialId.toString(),
                OAuthAuthorization.CREDENTIAL.equals(a.scope) ? count : null, a.description,
                URI.create(a.redirectUri).getHost(), a.transactionId, a.status.name(), a.expiresAt);
    }

    /** A pending, unexpired request nobody else took up; anything else reads as unknown or answered. */
    private Uni<OAuthAuthorization> open(UUID id, UUID accountId) {
        return authorizations.findById(id, LockModeType.PESSIMISTIC_WRITE).map(a -> {
            if (a == null || a.accountId != null && !a.accountId.equals(accountId)) {
                throw new ProblemException(ConsentError.REQUEST_NOT_FOUND, "No such authorization request");
            }
            if (a.status != Status.PENDING || !clock.instant().isBefore(a.expiresAt)) {
                throw new ProblemException(ConsentError.REQUEST_ANSWERED,
                        "This request was already answered or has expired; start again from the application");
            }
            return a;
        });
    }

    /**
     * The subscriber agrees: a code goes back to the integrator. For the {@code credential} scope the agreement is the
     * approval of the transaction with PIN + passkey, so it must be AUTHORIZED already.
     */
    public Uni<URI> consent(UUID id, UUID accountId) {
        return Panache.withTransaction(() -> open(id, accountId).chain(a -> {
            if (a.accountId == null) {
                throw new ProblemException(ConsentError.REQUEST_NOT_FOUND, "No such authorization request");
            }
            Uni<Void> approved = !OAuthAuthorization.CREDENTIAL.equals(a.scope) ? Uni.createFrom().voidItem()
                    : (a.transactionId == null ? Uni.createFrom().<vn.kyso.signing.transaction.model.SigningTransaction>
                            nullItem() : transactions.findById(a.transactionId)).invoke(tx -> {
                                if (tx == null || tx.status != TransactionStatus.AUTHORIZED) {
                                    throw new ProblemException(ConsentError.NOT_APPROVED,
                                            "Approve the signature with your PIN and passkey first");
                                }
                            }).replaceWithVoid();
            // Agreeing on the consent screen, which names the integrator, allows it (unless the subscriber blocked it).
            return approved.call(() -> firstContacts.allow(accountId, a.spId, "CSC consent")).map(ignored -> {
                String code = random();
                a.codeSha256 = Digests.sha256Hex(code);
                a.codeExpiresAt = clock.instant().plus(CODE_LIFETIME);
                a.status = Status.CODE_ISSUED;
                return back(a, Map.of("code", code));
            });
        }));
    }

    /** The subscriber refuses: the integrator hears {@code access_denied}. */
    public Uni<URI> deny(UUID id, UUID accountId) {
        return Panache.withTransaction(() -> open(id, accountId).map(a -> {
            a.accountId = accountId;
            a.status = Status.DENIED;
            return back(a, Map.of("error", "access_denied", "error_description",
                    "The user refused the authorization"));
        }));
    }

    /**
     * {@code grant_type=authorization_code}: the SP that asked, the same redirect URI, the PKCE verifier, a code not
     * used before and not expired. A code presented twice revokes what it yielded (RFC 6749 §4.1.2).
     */
    public Uni<CscMessages.TokenResponse> exchangeCode(ServiceProvider sp, String code, String redirectUri,
            String verifier) {
        if (code == null || code.length() > 256) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing parameter code"));
        }
        if (verifier == null || !PKCE.matcher(verifier).matches()) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing or invalid code_verifier"));
        }
        return Panache.withTransaction(() -> authorizations.byCode(Digests.sha256Hex(code)).chain(a -> {
            Instant now = clock.instant();
            if (a == null || !a.spId.equals(sp.spId)) {
                throw invalidGrant("The authorization code is unknown");
            }
            if (a.status != Status.CODE_ISSUED) {
                a.status = Status.REVOKED;
                a.refreshSha256 = null;
                return Uni.createFrom().item(Outcome.<CscMessages.TokenResponse>refused(
                        invalidGrant("The authorization code was already used; what it gave is revoked")));
            }
            if (!now.isBefore(a.codeExpiresAt)) {
                throw invalidGrant("The authorization code expired");
            }
            if (redirectUri == null ? a.redirectUriExplicit : !redirectUri.equals(a.redirectUri)) {
                throw invalidGrant("redirect_uri does not match the authorization request");
            }
            if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                    a.codeChallenge.getBytes(StandardCharsets.US_ASCII))) {
                return Uni.createFrom().item(Outcome.<CscMessages.TokenResponse>refused(
                        invalidGrant("code_verifier does not match the code_challenge")).counted());
            }
            a.status = Status.ACTIVE;
            if (OAuthAuthorization.SERVICE.equals(a.scope)) {
                return Uni.createFrom().item(Outcome.ok(serviceTokens(sp, a, now)));
            }
            return transactions.findById(a.transactionId, LockModeType.PESSIMISTIC_WRITE).chain(tx -> {
                if (tx == null || tx.status != TransactionStatus.AUTHORIZED || !now.isBefore(tx.expiresAt)) {
                    throw invalidGrant("The approved signature is no longer available");
                }
                return items.of(tx.id).map(list -> {
                    CscMessages.SadResponse sad = csc.issueSad(sp, tx, list, now);
                    a.expiresAt = now.plusSeconds(sad.expiresIn());
                    Map<String, Object> claims = new LinkedHashMap<>();
                    claims.put(CscService.CLAIM_SCOPE, OAuthAuthorization.CREDENTIAL);
                    claims.put(CscService.CLAIM_ACCOUNT, a.accountId.toString());
                    claims.put(CscService.CLAIM_AUTHORIZATION, a.id.toString());
                    claims.put(CscService.CLAIM_CREDENTIAL, a.credentialId.toString());
                    claims.put(CscService.CLAIM_SAD, sad.sad());
                    String token = csc.mint(sp, claims, Duration.ofSeconds(sad.expiresIn()));
                    return Outcome.ok(new CscMessages.TokenResponse(token, "Bearer", sad.expiresIn(), null,
                            OAuthAuthorization.CREDENTIAL));
                });
            });
        })).chain(outcome -> outcome.settle(integrators, sp));
    }

    /** {@code grant_type=refresh_token} (service scope): a new access token and a new refresh token; the old one ends. */
    public Uni<CscMessages.TokenResponse> refresh(ServiceProvider sp, String refreshToken) {
        if (refreshToken == null || refreshToken.length() > 256) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing parameter refresh_token"));
        }
        return Panache.withTransaction(() -> authorizations.byRefreshToken(Digests.sha256Hex(refreshToken)).map(a -> {
            Instant now = clock.instant();
            if (a == null || !a.spId.equals(sp.spId) || a.status != Status.ACTIVE
                    || !now.isBefore(a.refreshExpiresAt)) {
                throw invalidGrant("The refresh token is unknown, revoked or expired");
            }
            return serviceTokens(sp, a, now);
        }));
    }

    private CscMessages.TokenResponse serviceTokens(ServiceProvider sp, OAuthAuthorization a, Instant now) {
        String refresh = random();
        a.refreshSha256 = Digests.sha256Hex(refresh);
        a.refreshExpiresAt = now.plus(REFRESH_LIFETIME);
        a.expiresAt = a.refreshExpiresAt;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(CscService.CLAIM_SCOPE, OAuthAuthorization.SERVICE);
        claims.put(CscService.CLAIM_ACCOUNT, a.accountId.toString());
        claims.put(CscService.CLAIM_AUTHORIZATION, a.id.toString());
        String token = csc.mint(sp, claims, CscService.TOKEN_LIFETIME);
        return new CscMessages.TokenResponse(token, "Bearer", CscService.TOKEN_LIFETIME.toSeconds(), refresh,
                OAuthAuthorization.SERVICE);
    }

    /**
     * {@code oauth2/revoke} (RFC 7009): an access or refresh token of this SP ends its whole authorization; a token
     * that is unknown, foreign or already revoked is answered the same way, so nothing is learnt from the answer.
     */
    public Uni<Void> revoke(ServiceProvider sp, String token) {
        if (token == null || token.isEmpty() || token.length() > 8192) {
            return Uni.createFrom().failure(CscError.invalidRequest("Missing parameter token"));
        }
        UUID fromAccessToken = csc.authorizationOf(token);
        return Panache.withTransaction(() -> (fromAccessToken != null ? authorizations.findById(fromAccessToken,
                LockModeType.PESSIMISTIC_WRITE) : authorizations.byRefreshToken(Digests.sha256Hex(token))).invoke(a -> {
                    if (a != null && a.spId.equals(sp.spId)) {
                        a.status = Status.REVOKED;
                        a.refreshSha256 = null;
                    }
                })).replaceWithVoid();
    }

    /** Whether an authorization still lets its access tokens work. */
    public Uni<Boolean> active(UUID authorizationId, UUID spId) {
        return Panache.withSession(() -> authorizations.findById(authorizationId))
                .map(a -> a != null && a.spId.equals(spId) && a.status == Status.ACTIVE);
    }

    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "2m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return Panache.withTransaction(() -> authorizations.deleteExpired(clock.instant().minus(Duration.ofDays(1))))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * What a token request ends with, decided inside the transaction: tokens, or a refusal that must still commit
     * (a replayed code's revocation) and may count against the caller (a wrong verifier is a guess).
     */
    private record Outcome<T>(T value, CscError refusal, boolean counts) {

        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, null, false);
        }

        static <T> Outcome<T> refused(CscError refusal) {
            return new Outcome<>(null, refusal, false);
        }

        Outcome<T> counted() {
            return new Outcome<>(value, refusal, true);
        }

        Uni<T> settle(Integrators integrators, ServiceProvider sp) {
            if (refusal == null) {
                return Uni.createFrom().item(value);
            }
            if (counts) {
                integrators.recordFailure(sp.spId);
            }
            return Uni.createFrom().failure(refusal);
        }
    }

    private static CscError invalidGrant(String description) {
        return new CscError(400, "invalid_grant", description);
    }

    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(verifier.getBytes(
                StandardCharsets.US_ASCII)));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
