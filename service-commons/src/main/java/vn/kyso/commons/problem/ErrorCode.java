package vn.kyso.commons.problem;

import java.net.URI;
import java.util.Locale;

/** One entry of a service's error vocabulary: implemented by one enum per service, mapped once to problem+json. */
public interface ErrorCode {

    String PROBLEM_BASE = "https://kyso.vn/problems/";

    /** The enum constant name, sent as the {@code code} member so apps can pick their message. */
    String name();

    int status();

    String title();

    default URI type() {
        return URI.create(PROBLEM_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
