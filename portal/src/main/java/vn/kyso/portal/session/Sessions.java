package vn.kyso.portal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import vn.kyso.portal.config.PortalConfig;

/**
 * The two cookies of a browser session: {@code kyso_session} (HttpOnly, the sealed access token: no token ever
 * reaches the page's script or its storage) and {@code kyso_csrf} (readable by the page, echoed in
 * {@code X-CSRF-Token} on every state-changing call: double submit, on top of SameSite=Strict).
 */
@ApplicationScoped
public class Sessions {

    public static final String SESSION_COOKIE = "kyso_session";
    public static final String CSRF_COOKIE = "kyso_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final SealedSessions sealed;
    private final boolean secure;
    private final Clock clock;

    public Sessions(PortalConfig config, Clock clock) {
        this.sealed = new SealedSessions(config.session().secret());
        this.secure = config.session().secureCookies();
        this.clock = clock;
    }

    public Optional<SealedSessions.Session> open(String cookie) {
        return sealed.open(cookie, clock.instant());
    }

    /** A session cookie for a token the services gave, valid as long as the token. */
    public NewCookie start(String accessToken, long expiresInSeconds) {
        Instant expiresAt = clock.instant().plusSeconds(Math.max(0, expiresInSeconds));
        return cookie(SESSION_COOKIE, sealed.seal(new SealedSessions.Session(accessToken, expiresAt)),
                Duration.ofSeconds(expiresInSeconds), true);
    }

    public NewCookie end() {
        return cookie(SESSION_COOKIE, "", Duration.ZERO, true);
    }

    public NewCookie csrf(String token) {
        return cookie(CSRF_COOKIE, token, null, false);
    }

    public String newCsrfToken() {
        return sealed.randomToken();
    }

    public Instant now() {
        return clock.instant();
    }

    private NewCookie cookie(String name, String value, Duration maxAge, boolean httpOnly) {
        NewCookie.Builder builder = new NewCookie.Builder(name).value(value).path("/").httpOnly(httpOnly)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT);
        if (maxAge != null) {
            builder.maxAge((int) maxAge.toSeconds());
        }
        return builder.build();
    }
}
