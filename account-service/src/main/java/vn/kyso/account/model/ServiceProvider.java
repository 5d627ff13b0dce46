package vn.kyso.account.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An integrator (SP) allowed to call the signing APIs; its secret is kept only as a SHA-256. */
@Entity
@Table(name = "service_provider")
public class ServiceProvider {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "webhook_url", nullable = false)
    public String webhookUrl;

    /** OAuth 2.0 redirect URIs, one per line. */
    @Column(name = "redirect_uris", nullable = false)
    public String redirectUris = "";

    @Column(name = "secret_sha256", nullable = false)
    public String secretSha256;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Version
    public int version;

    public List<String> redirectUriList() {
        return redirectUris == null || redirectUris.isEmpty() ? List.of() : List.of(redirectUris.split("\n"));
    }
}
