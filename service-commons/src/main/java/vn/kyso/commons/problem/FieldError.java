package vn.kyso.commons.problem;

/** One invalid field of a request: the JSON member name and a human-readable reason. */
public record FieldError(String field, String message) {
}
