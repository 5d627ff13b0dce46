package vn.kyso.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A subscriber's certificate whose coming expiry is announced. */
@Entity
@Table(name = "watched_certificate")
public class WatchedCertificate {

    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    /** Revoked: no more expiry notices. */
    @Column(nullable = false)
    public boolean ended;

    /** The smallest threshold in days already announced; null before the first notice. */
    @Column(name = "announced_days")
    public Integer announcedDays;
}
