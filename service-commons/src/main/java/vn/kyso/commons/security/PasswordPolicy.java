package vn.kyso.commons.security;

import java.util.Locale;
import java.util.Optional;

/** Kyso's password rule, the same wherever a password is set: 8–64 characters with upper, lower, digit, special. */
public final class PasswordPolicy {

    public static final int MIN = 8;
    public static final int MAX = 64;

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable for the account with that identifier. */
    public static Optional<String> violation(String password, String identifier) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN || length > MAX) {
            return Optional.of("must be " + MIN + " to " + MAX + " characters long");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("must contain an upper-case letter");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("must contain a lower-case letter");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("must contain a digit");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            return Optional.of("must contain a special character");
        }
        if (password.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ')) {
            return Optional.of("must not contain control characters");
        }
        if (identifier != null && !identifier.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(identifier.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the identifier");
        }
        return Optional.empty();
    }
}
