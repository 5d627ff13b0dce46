package vn.kyso.commons.audit;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail's settings. */
@ConfigMapping(prefix = "kyso.audit")
public interface AuditConfig {

    /** Whether this service keeps a trail an operator exports (read at build time: the export endpoints exist). */
    @WithDefault("false")
    boolean enabled();

    /** The service's audit key: base64 of a 32-byte Ed25519 seed (a Secret); without it nothing is anchored. */
    Optional<String> signingKey();

    /** How often every chain's head is anchored (also when nothing changed, so a missing anchor shows). */
    @WithDefault("60s")
    Duration anchorInterval();

    /** Chains the trail is sharded into by subject: appends to different chains never wait for each other. */
    @WithDefault("16")
    int chains();

    /** Kyso's RFC 3161 TSA that timestamps anchors; absent = anchors are signed only. */
    Optional<URI> tsaUrl();

    /** How long to wait for the TSA. */
    @WithDefault("5s")
    Duration tsaTimeout();
}
