package vn.kyso.signing.model;

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

    /** Hex SHA-256 of the SP's random secret; the secret itself never reaches this service. */
    @Column(name = "secret_sha256", nullable = false)
    public String secretSha256;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Wrong secrets presented since the last right one or the last lock. */
    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    /** Until when every call is refused, the right secret included, after too many wrong ones. */
    @Column(name = "locked_until")
    public Instant lockedUntil;
}
