package vn.kyso.signing.crypto;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/** RFC 6238 TOTP as SmartCA TH uses it: HMAC-SHA1, 30-second steps, 6 digits, one step of clock drift either way. */
public final class Totp {

    private static final Duration STEP = Duration.ofSeconds(30);
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** The time step of the window ({@code now} ±1 step) whose code matches, newer than {@code lastStep}. */
    /**
     * Whether the code is one already accepted: it matches a step of the window at or before the last one used (a
     * client deriving one code per call from its clock, twice in one 30 s step), which is not a guess.
     */
    public boolean alreadyUsed(byte[] secret, String code, Instant now, Long lastStep) {
        if (lastStep == null || code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        long current = now.getEpochSecond() / STEP.toSeconds();
        for (long step = current - 1; step <= Math.min(current + 1, lastStep); step++) {
            try {
                String expected = String.format("%06d", generator.generateOneTimePassword(key,
                        Instant.ofEpochSecond(step * STEP.toSeconds())));
                if (java.security.MessageDigest.isEqual(expected.getBytes(), code.getBytes())) {
                    return true;
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    public OptionalLong matchingStep(byte[] secret, String code, Instant now, Long lastStep) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        long current = now.getEpochSecond() / STEP.toSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            try {
                String expected = String.format("%06d", generator.generateOneTimePassword(key,
                        Instant.ofEpochSecond(step * STEP.toSeconds())));
                if (java.security.MessageDigest.isEqual(expected.getBytes(), code.getBytes())) {
                    return OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
        return OptionalLong.empty();
    }
}
