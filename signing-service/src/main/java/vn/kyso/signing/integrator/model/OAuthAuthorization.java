package vn.kyso.signing.integrator.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One OAuth 2.0 authorization-code grant, from the integrator's authorization request through the subscriber's consent
 * to the tokens it yields; codes and refresh tokens are kept only as SHA-256.
 */
@Entity
@Table(name = "oauth_authorization")
public class OAuthAuthorization {

    /** Where an authorization is in its life. */
    public enum Status {
        /** Asked for; the subscriber has not answered. */
        PENDING,
        /** Consented; a code is out and not exchanged yet. */
        CODE_ISSUED,
        /** The code was exchanged; its tokens work. */
        ACTIVE,
        /** The subscriber refused. */
        DENIED,
        /** Revoked, or its code was presented twice: every token of it stops working. */
        REVOKED
    }

    public static final String SERVICE = "service";
    public static final String CREDENTIAL = "credential";

    @Id
    public UUID id;

    @Column(name = "sp_id", nullable = false)
    public UUID spId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    /** Whether the request named the redirect URI (then the token request must name it too). */
    @Column(name = "redirect_uri_explicit", nullable = false)
    public boolean redirectUriExplicit;

    public String state;

    @Column(nullable = false)
    public String scope;

    /** PKCE S256 challenge. */
    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Column(name = "credential_id")
    public UUID credentialId;

    /** JCA name of the hashes' algorithm (credential scope). */
    @Column(name = "hash_algorithm")
    public String hashAlgorithm;

    /** The hashes to sign, base64, one per line (credential scope). */
    public String hashes;

    public String description;

    /** The subscriber who took up the request in the portal. */
    @Column(name = "account_id")
    public UUID accountId;

    /** The signing transaction the subscriber approves (credential scope). */
    @Column(name = "transaction_id")
    public UUID transactionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "code_sha256")
    public String codeSha256;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "refresh_sha256")
    public String refreshSha256;

    @Column(name = "refresh_expires_at")
    public Instant refreshExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Until when the request may be answered; after the exchange, until when its tokens may be refreshed. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
