package vn.kyso.signing.integrator.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An integrator as account-service's registry announced it: enough to authenticate its calls and reach its webhook. */
@Entity
@Table(name = "service_provider")
public class ServiceProvider {

    @Id
    @Column(name = "sp_id")
    public UUID spId;

    @Column(nullable = false)
    public String name;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** OAuth 2.0 redirect URIs, one per line, matched exactly. */
    @Column(name = "redirect_uris", nullable = false)
    public String redirectUris = "";

    /** Hex SHA-256 of the SP's random secret; the secret itself never reaches this service. */
    @Column(name = "secret_sha256", nullable = false)
    public String secretSha256;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public java.util.List<String> redirectUriList() {
        return redirectUris == null || redirectUris.isEmpty() ? java.util.List.of()
                : java.util.List.of(redirectUris.split("\n"));
    }
}
