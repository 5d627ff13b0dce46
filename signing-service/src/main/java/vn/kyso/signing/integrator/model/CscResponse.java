package vn.kyso.signing.integrator.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A CSC asynchronous operation's answer, kept for {@code signatures/signPolling} until its validity period ends. */
@Entity
@Table(name = "csc_response")
public class CscResponse {

    @Id
    @Column(name = "response_id")
    public UUID responseId;

    @Column(name = "sp_id", nullable = false)
    public UUID spId;

    /** The synchronous answer's JSON, as it would have been returned. */
    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
