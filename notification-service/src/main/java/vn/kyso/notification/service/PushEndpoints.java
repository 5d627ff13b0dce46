package vn.kyso.notification.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.notification.config.NotificationConfig;

/**
 * Which push endpoints this service may POST to: HTTPS on a browser vendor's push service only (the configured hosts),
 * never an address inside the cluster; a local test push service over loopback HTTP only where that is allowed.
 */
@ApplicationScoped
public class PushEndpoints {

    private static final int MAX_LENGTH = 1024;

    private final NotificationConfig.Push config;

    public PushEndpoints(NotificationConfig config) {
        this.config = config.push();
    }

    /** Why the endpoint may not be used, or null when it may (judged without a DNS query). */
    public String refusal(String endpoint) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_LENGTH) {
            return "must be a push service URL of at most " + MAX_LENGTH + " characters";
        }
        URI url;
        try {
            url = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "must be a push service URL";
        }
        String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
        if (host == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return "must be a push service URL";
        }
        boolean loopback = config.allowLoopback()
                && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
        if (loopback) {
            return "http".equals(url.getScheme()) || "https".equals(url.getScheme()) ? null
                    : "must be an http(s) URL";
        }
        if (!"https".equals(url.getScheme())) {
            return "must be an https URL";
        }
        if (config.hosts().stream().noneMatch(allowed -> matches(allowed.toLowerCase(Locale.ROOT), host))) {
            return "must be a browser's push service (" + String.join(", ", config.hosts()) + ")";
        }
        return WebhookDestinations.literalRefusal(url, false);
    }

    /** Whether loopback addresses may be connected to (the send-time address check). */
    public boolean allowLoopback() {
        return config.allowLoopback();
    }

    private static boolean matches(String allowed, String host) {
        return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed);
    }
}
