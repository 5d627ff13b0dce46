package vn.kyso.commons.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every invalid field of a request so the client learns all its mistakes in one answer. */
public final class FieldValidator {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldValidator require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
        return this;
    }

    public FieldValidator match(String field, String value, Pattern pattern, String message) {
        if (value != null && !value.isBlank() && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public FieldValidator check(String field, boolean ok, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Throws a {@link ProblemException} listing every error found, if any. */
    public void throwIfInvalid(ErrorCode code) {
        if (!errors.isEmpty()) {
            throw new ProblemException(code, errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }
}
