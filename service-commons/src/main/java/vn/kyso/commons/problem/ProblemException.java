package vn.kyso.commons.problem;

import java.util.List;

/** A refusal the client can act on; carries no stack trace because it is an answer, not a failure. */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldError> errors;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ProblemException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
