package vn.kyso.notification.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The channels a subscriber chose for one kind of notice. */
@Entity
@Table(name = "notification_preference")
@IdClass(NotificationPreference.Key.class)
public class NotificationPreference {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Id
    public String kind;

    @Column(nullable = false)
    public boolean push;

    @Column(nullable = false)
    public boolean mail;

    /** The composite key. */
    public static class Key implements Serializable {

        public UUID accountId;
        public String kind;

        public Key() {
        }

        public Key(UUID accountId, String kind) {
            this.accountId = accountId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId) && Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, kind);
        }
    }
}
