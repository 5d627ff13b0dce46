package vn.kyso.commons.throttle;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.Problem;

/**
 * Refuses a request past its source's budget before any work is done (no JSON read, no Argon2id, no database), with
 * 429 and {@code Retry-After} in the dialect of the path's contract.
 */
@ApplicationScoped
public class RateLimitFilter {

    private record Budget(String name, RateLimitConfig.Rule rule, RequestBudget budget) {
    }

    private final boolean enabled;
    private final List<Budget> budgets;
    private final Instance<ThrottledAnswer> dialects;

    public RateLimitFilter(RateLimitConfig config, Instance<ThrottledAnswer> dialects) {
        this.enabled = config.enabled();
        this.budgets = config.rules().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Budget(e.getKey(), e.getValue(), new RequestBudget(e.getValue().burst(),
                        e.getValue().every(), System::nanoTime)))
                .toList();
        this.dialects = dialects;
    }

    /** The filter itself; budgets live in this bean's client proxy, created with the runtime config. */
    @jakarta.inject.Singleton
    public static class Filter {

        private final RateLimitFilter limits;

        public Filter(RateLimitFilter limits) {
            this.limits = limits;
        }

        @ServerRequestFilter(preMatching = true)
        public Optional<Response> limit(ContainerRequestContext context, HttpServerRequest request) {
            return limits.limit(context, request);
        }
    }

    public Optional<Response> limit(ContainerRequestContext context, HttpServerRequest request) {
        if (!enabled || budgets.isEmpty()) {
            return Optional.empty();
        }
        String path = request.path();
        String method = context.getMethod().toUpperCase(Locale.ROOT);
        for (Budget b : budgets) {
            if (!b.rule().methods().contains(method) || b.rule().paths().stream().noneMatch(path::startsWith)) {
                continue;
            }
            Optional<java.time.Duration> wait = b.budget().take(RequestSource.of(request));
            if (wait.isPresent()) {
                return Optional.of(answer(path, new Throttled(wait.get())));
            }
        }
        return Optional.empty();
    }

    /** The 429 of the path's contract, or problem+json. */
    public Response answer(String path, Throttled throttled) {
        for (ThrottledAnswer dialect : dialects) {
            Optional<Response> answer = dialect.answer(path, throttled);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds())
                .entity(Problem.of(CommonError.TOO_MANY_REQUESTS, throttled.getMessage(), path, null)).build();
    }
}
