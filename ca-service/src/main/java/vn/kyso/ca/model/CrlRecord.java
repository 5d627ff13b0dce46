package vn.kyso.ca.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published CRL; the highest number is the current one. */
@Entity
@Table(name = "crl")
public class CrlRecord {

    @Id
    @Column(name = "crl_number")
    public long number;

    @Column(name = "this_update", nullable = false)
    public Instant thisUpdate;

    @Column(name = "next_update", nullable = false)
    public Instant nextUpdate;

    @Column(nullable = false)
    public byte[] der;
}
