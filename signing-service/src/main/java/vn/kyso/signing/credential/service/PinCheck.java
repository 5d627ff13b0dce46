package vn.kyso.signing.credential.service;

import vn.kyso.signing.SigningError;

/**
 * The outcome of a PIN attempt, returned (not thrown) from inside the transaction so a failed attempt's count commits.
 *
 * @param attemptsLeft wrong PINs left before the lock
 */
public record PinCheck(Outcome outcome, int attemptsLeft, byte[] binding) {

    /** What happened. */
    public enum Outcome {
        OK,
        WRONG_PIN,
        LOCKED,
        CHALLENGE_INVALID,
        DEVICE_PROOF_INVALID
    }

    public static PinCheck of(Outcome outcome) {
        return new PinCheck(outcome, 0, null);
    }

    /** Throws the matching problem unless the PIN was right. */
    public void throwUnlessOk() {
        switch (outcome) {
            case OK -> {
            }
            case WRONG_PIN -> throw new vn.kyso.commons.problem.ProblemException(SigningError.PIN_INVALID,
                    "The PIN is wrong; " + attemptsLeft + " attempt(s) left before the credential locks");
            case LOCKED -> throw new vn.kyso.commons.problem.ProblemException(SigningError.PIN_LOCKED,
                    "Too many wrong PINs; the credential is locked until the PIN is reset");
            case CHALLENGE_INVALID -> throw new vn.kyso.commons.problem.ProblemException(SigningError.CHALLENGE_INVALID,
                    "Ask for a new challenge and sign it with the bound device");
            case DEVICE_PROOF_INVALID -> throw new vn.kyso.commons.problem.ProblemException(
                    SigningError.DEVICE_PROOF_INVALID,
                    "The device proof (deviceSignature, or passkey assertion) does not verify with the bound device");
        }
    }
}
