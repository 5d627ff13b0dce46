package vn.kyso.ca.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One key of the CA hierarchy: custody reference and certificate. */
@Entity
@Table(name = "ca_authority")
public class CaAuthority {

    @Id
    @Enumerated(EnumType.STRING)
    public CaRole role;

    @Column(name = "key_reference", nullable = false)
    public String keyReference;

    @Column(name = "key_algorithm", nullable = false)
    public String keyAlgorithm;

    @Column(name = "signature_algorithm", nullable = false)
    public String signatureAlgorithm;

    @Column(nullable = false)
    public byte[] certificate;

    @Column(nullable = false)
    public String subject;

    @Column(name = "serial_number", nullable = false)
    public String serialNumber;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
