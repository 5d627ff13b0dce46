package vn.kyso.portal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The portal's files keep their names from one version to the next, so browsers must ask again each time rather
 * than keep them for a day: Quarkus marks static files {@code public, immutable, max-age=86400}, which left users on
 * the previous version's script after a deploy. They are answered {@code no-cache} instead; the unchanged ones cost
 * a 304 (their {@code Last-Modified} stays).
 */
@ApplicationScoped
public class StaticFiles {

    void revalidate(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            rc.addHeadersEndHandler(ignored -> {
                String cacheControl = rc.response().headers().get(HttpHeaders.CACHE_CONTROL);
                if (cacheControl != null && cacheControl.contains("immutable")) {
                    rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache");
                }
            });
            rc.next();
        });
    }
}
