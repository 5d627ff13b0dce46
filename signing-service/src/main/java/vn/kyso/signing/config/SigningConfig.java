package vn.kyso.signing.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Credentials: the key type generated for subscribers, PIN protection and device challenges. */
@ConfigMapping(prefix = "kyso.signing")
public interface SigningConfig {

    /** Where integrators reach signing-service (CSC {@code info}'s {@code oauth2} and {@code logo} are under it). */
    @WithDefault("http://localhost:8084")
    String publicUrl();

    /** Where subscribers use the portal: the OAuth 2.0 authorization endpoint sends their browser there to consent. */
    @WithDefault("http://localhost:8080")
    String portalUrl();

    /** Key type generated for new credentials: {@code RSA-2048} (SmartCA's) or {@code EC-P256}. */
    @WithDefault("RSA-2048")
    String keyAlgorithm();

    /** PIN protection. */
    Pin pin();

    /**
     * Root of signing-service's own keys, independent of the PIN pepper and of the custody master key (base64 of 32
     * random bytes, a Secret): the sealing of TH-delegation secrets, the MACs of CSC tokens and SADs, and the
     * Ed25519 key that signs webhooks are each derived from it under their own label. Required with software custody;
     * with PKCS#11 custody the root is a key inside the token and this value, when given, only opens what it sealed
     * before the move.
     */
    Optional<String> rootKey();

    /** RFC 3161 time-stamping authority for PAdES B-T (ca-service's {@code /tsa}); absent = PDFs are signed B-B. */
    Optional<URI> tsaUrl();

    /** How long to wait for the TSA before signing at B-B instead. */
    @WithDefault("PT5S")
    Duration tsaTimeout();

    /** Lifetime of a signing transaction when the requester does not say. */
    @WithDefault("PT5M")
    Duration transactionLifetime();

    /** How long before its certificate expires a credential may be renewed (PIN + device, a new key pair). */
    @WithDefault("P30D")
    Duration renewalWindow();

    /** How often credentials whose certificate's notAfter passed are marked EXPIRED (so nothing signs with them). */
    @WithDefault("1m")
    Duration certificateExpiryCheck();

    /** How long a device challenge may be answered. */
    @WithDefault("PT5M")
    Duration challengeLifetime();

    /** Client credentials for account-service's internal API (SmartCA TH v2's password check). */
    AccountClient accountClient();

    interface AccountClient {

        /** Client id registered at account-service. */
        @WithDefault("signing-service")
        String id();

        /** Its secret (a Secret shared with account-service); without it TH v2 cannot check passwords. */
        java.util.Optional<String> secret();
    }

    /** Webhooks to integrators when their transactions end. */
    Webhook webhook();

    /** Lost-device recovery: the code an operator's approval mails to the subscriber. */
    Recovery recovery();

    interface Recovery {

        /** How long the mailed recovery code works after the operator's approval. */
        @WithDefault("P1D")
        Duration codeLifetime();

        /** Wrong codes after which the recovery fails and the subscriber has to ask again. */
        @WithDefault("5")
        int maxAttempts();

        /** Location (file: or classpath:) of notification-service's sealing public key, which the code is sealed to. */
        String sealingPublicKeyLocation();

        /** The id of that key, sent with the sealed code so notification-service picks the right private key. */
        String sealingKeyId();
    }

    /** Passkeys (WebAuthn) as the bound device: the relying party the subscriber's browser talks to. */
    Webauthn webauthn();

    /** The WebAuthn relying party: the portal's origin and domain. */
    interface Webauthn {

        /** RP id: the portal's registrable domain; a passkey made for another one never verifies here. */
        @WithDefault("localhost")
        String rpId();

        /** RP name the browser shows while making the passkey. */
        @WithDefault("Kyso")
        String rpName();

        /** Origins (scheme://host[:port]) the portal is served from; clientDataJSON must name one of them. */
        @WithDefault("http://localhost:8080")
        List<String> origins();
    }

    /** Which subscribers an integrator may look up by ID number (SP769 {@code get_certificate}, CSC credentials). */
    IntegratorLookup integratorLookup();

    /** The national NEAC remote-signing profile ({@code contracts/neac.md}). */
    Neac neac();

    /** NEAC profile settings. */
    interface Neac {

        /** Where the profile is served; SPs set their client's base URL to it (no trailing slash). */
        @WithDefault("/neac/v1")
        String basePath();

        /** Whether {@code /sign} holds its answer until the subscriber decides ({@code SYNC}) or answers at once. */
        @WithDefault("SYNC")
        SignMode signMode();

        /** The sign mode of particular SPs (by {@code sp_id}), where it differs from {@link #signMode()}. */
        java.util.Map<String, SignMode> spSignMode();

        /** How long a synchronous {@code /sign} waits; under the public client's 60-second read timeout. */
        @WithDefault("PT50S")
        Duration syncWait();

        /** How long a request waits for the subscriber. */
        @WithDefault("PT300S")
        Duration transactionTtl();

        /** Attempts at a NEAC webhook: with the webhook back-off (1 s doubling to 10 min), about 24 hours. */
        @WithDefault("155")
        int webhookMaxAttempts();
    }

    /** NEAC's two ways of answering {@code /sign}. */
    enum SignMode {
        SYNC,
        ASYNC
    }

    /** The look-up policy. */
    interface IntegratorLookup {

        /**
         * {@code CONSENTING}: only subscribers who allowed that integrator (in the portal, by approving one of its
         * requests, or through a CSC consent screen); {@code ANY_SUBSCRIBER}: every subscriber who has not blocked it,
         * as SmartCA answers. Requests are reached either way unless blocked.
         */
        @WithDefault("CONSENTING")
        LookupMode mode();
    }

    /** See {@link IntegratorLookup#mode()}. */
    enum LookupMode {
        ANY_SUBSCRIBER,
        CONSENTING
    }

    /** How guessing an integrator's secret is slowed down. */
    IntegratorBackoff integratorBackoff();

    /**
     * Back-off per source and integrator after wrong secrets or refused SADs. Secrets are 256-bit, so this guards the
     * service's time rather than the secret; the integrator is never locked and its own servers never notice.
     */
    interface IntegratorBackoff {

        /** Failures in a row after which a source must wait. */
        @WithDefault("5")
        int freeFailures();

        /** The first wait; each further failure doubles it. */
        @WithDefault("PT1S")
        Duration base();

        /** The longest wait. */
        @WithDefault("PT5M")
        Duration max();
    }

    /** The public validation of signed documents ({@code POST /api/v1/validations}). */
    Validation validation();

    /** Subscribers' own documents ("Ký tài liệu", {@code /api/v1/documents}). */
    Documents documents();

    /** Subscribers' own documents. */
    interface Documents {

        /** The largest PDF a subscriber may upload, in bytes; 413 past it. */
        @WithDefault("8388608")
        int maxDocumentBytes();

        /** Documents one subscriber may keep; past it an upload is refused until some are deleted. */
        @WithDefault("50")
        int maxPerSubscriber();

        /** Page previews drawn at once on a replica; past it a request is answered 503 at once. */
        @WithDefault("2")
        int maxConcurrentPreviews();

        /** The width of a page preview, in pixels (its height follows the page). */
        @WithDefault("800")
        int previewWidth();
    }

    /** Validation for recipients of signed documents. */
    interface Validation {

        /** Certificates (PEM files, one or more certificates each) trusted as anchors besides Kyso's own roots. */
        Optional<List<java.nio.file.Path>> trustAnchors();

        /** Validations that may run at once on a replica; past it a request is answered 503 at once. */
        @WithDefault("2")
        int maxConcurrent();

        /** The largest document (and the largest detached content) accepted, in bytes; 413 past it. */
        @WithDefault("8388608")
        int maxDocumentBytes();

        /** Whether OCSP responders, CRLs and issuers a document names are fetched when it does not carry them. */
        @WithDefault("true")
        boolean online();

        /** Trusted lists (ETSI TS 119 612) whose granted services are anchors too, by a name of the operator's. */
        Map<String, TrustedList> trustedLists();

        /** How often the trusted lists are fetched and checked again (an operator may also ask at once). */
        @WithDefault("PT6H")
        Duration trustedListsRefresh();
    }

    /** One trusted list. */
    interface TrustedList {

        /** Where the list is published: {@code https:}, {@code http:} or {@code file:} (a mounted ConfigMap). */
        String url();

        /** PEM files of the certificates that may sign the list, as its scheme operator announces them. */
        List<java.nio.file.Path> signers();
    }

    /** Webhook delivery. */
    interface Webhook {

        /** How long one call may take. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Wait before the first retry; doubles per attempt. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** Longest wait between retries. */
        @WithDefault("PT10M")
        Duration maxBackoff();

        /** Attempts before a delivery is given up (the status call keeps answering). */
        @WithDefault("20")
        int maxAttempts();

        /**
         * How long a sender holds a claimed webhook (longer than a call may take): past it, a sender that died
         * mid-call has its delivery sent again, with the same {@code X-Kyso-Delivery} id.
         */
        @WithDefault("PT1M")
        Duration lease();

        /** Concurrent webhook senders per replica: one slow integrator must not hold up the others. */
        @WithDefault("4")
        int senders();

        /**
         * Whether webhooks may go to loopback addresses (never any other private range): never in a cluster; the local
         * stack and the tests, whose integrators listen on localhost, turn it on ({@code KYSO_WEBHOOKS_ALLOW_LOOPBACK}).
         */
        @WithDefault("false")
        boolean allowLoopback();
    }

    /** PIN protection. */
    interface Pin {

        /** Wrong PINs in a row that lock the credential. */
        @WithDefault("5")
        int maxAttempts();

        /**
         * Server-side secret mixed into the stored PIN verifier (a Kubernetes Secret), so a database dump alone cannot
         * be brute-forced offline against the tiny 6-digit PIN space.
         */
        String pepper();

        /** Argon2id memory in KiB for the PIN hash. */
        @WithDefault("19456")
        int argon2MemoryKb();

        /** Argon2id passes for the PIN hash. */
        @WithDefault("2")
        int argon2Iterations();
    }
}
