package vn.kyso.signing.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where signing-service's root key lives when it is a token object: the one row naming it. */
@Entity
@Table(name = "root_key")
public class RootKey {

    /** Always 1: there is one root. */
    @Id
    public short id;

    @Column(name = "key_reference", nullable = false)
    public String keyReference;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
