package vn.kyso.signing.credential.service;

import java.util.Optional;

/** The seed's PIN rule: six digits, not one digit repeated, not a straight run up or down. */
public final class PinPolicy {

    private PinPolicy() {
    }

    /** @return why the PIN is refused, or empty when it is acceptable */
    public static Optional<String> violation(String pin) {
        if (pin == null || !pin.matches("[0-9]{6}")) {
            return Optional.of("must be exactly 6 digits");
        }
        boolean repeated = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            repeated &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        if (repeated) {
            return Optional.of("must not repeat one digit (like 111111)");
        }
        if (up || down) {
            return Optional.of("must not be a run of digits (like 123456 or 654321)");
        }
        return Optional.empty();
    }
}
