package vn.kyso.portal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie's content: the subscriber's access token and its expiry, sealed with AES-256-GCM under a key
 * derived from the portal's secret, so the cookie can be neither read nor forged, and replicas need no shared store.
 */
public final class SealedSessions {

    private static final int NONCE = 12;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** A session: the bearer token for the services, valid until {@code expiresAt}. */
    public record Session(String accessToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "Session[expiresAt=" + expiresAt + "]";
        }
    }

    public SealedSessions(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("kyso.portal.session.secret must be at least 32 characters");
        }
        try {
            // HMAC as a one-step KDF with a fixed label: the cookie key is never the configured secret itself.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("kyso-portal-session-v1".getBytes(StandardCharsets.US_ASCII)),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(Session session) {
        byte[] token = session.accessToken().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer plain = ByteBuffer.allocate(Long.BYTES + token.length);
        plain.putLong(session.expiresAt().getEpochSecond()).put(token);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.array());
            return B64.encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session in a cookie, if it is ours, intact and not expired at {@code now}. */
    public Optional<Session> open(String cookie, Instant now) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 8192) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cookie);
            if (raw.length < NONCE + 16 + Long.BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, NONCE));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(raw, NONCE, raw.length - NONCE));
            Instant expiresAt = Instant.ofEpochSecond(plain.getLong());
            byte[] token = new byte[plain.remaining()];
            plain.get(token);
            return expiresAt.isAfter(now) ? Optional.of(new Session(new String(token, StandardCharsets.US_ASCII),
                    expiresAt)) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Constant-time comparison for the CSRF token check. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    public String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
