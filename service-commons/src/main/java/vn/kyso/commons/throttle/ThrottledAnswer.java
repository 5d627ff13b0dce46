package vn.kyso.commons.throttle;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

/**
 * How a wire contract says "too many requests" on its own paths (SP769's envelope, OAuth's error object); a bean per
 * adapter. Paths no bean claims get {@code application/problem+json}.
 */
public interface ThrottledAnswer {

    /** The contract's 429 answer for this path, or empty when the path is not this contract's. */
    Optional<Response> answer(String path, Throttled throttled);
}
