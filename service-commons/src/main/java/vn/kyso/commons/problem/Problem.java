package vn.kyso.commons.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem details body with Kyso's {@code code} and {@code errors} extension members. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, instance, code.name(),
                errors == null ? List.of() : List.copyOf(errors));
    }
}
