package vn.kyso.notification.service;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.notification.model.NotificationPreference;
import vn.kyso.notification.repository.PreferenceRepository;

/** Which channels each kind of notice goes by, per subscriber; security notices keep mail whatever is asked. */
@ApplicationScoped
public class Preferences {

    private final PreferenceRepository preferences;

    public Preferences(PreferenceRepository preferences) {
        this.preferences = preferences;
    }

    /** Every kind with the channels it goes by for this account (the default where no choice was made). */
    @WithSession
    public Uni<Map<NotificationKind, Set<Channel>>> of(UUID accountId) {
        return preferences.ofAccount(accountId).map(Preferences::effective);
    }

    /**
     * Records the choices given (other kinds keep theirs). A security notice without mail is refused rather than
     * silently corrected, so the subscriber sees why; an unknown kind is refused too.
     */
    @WithTransaction
    public Uni<Map<NotificationKind, Set<Channel>>> choose(UUID accountId, Map<String, Set<Channel>> chosen) {
        FieldValidator v = new FieldValidator();
        Map<NotificationKind, Set<Channel>> valid = new EnumMap<>(NotificationKind.class);
        chosen.forEach((name, channels) -> {
            NotificationKind kind;
            try {
                kind = NotificationKind.valueOf(name);
            } catch (IllegalArgumentException e) {
                v.check("preferences." + name, false, "is not a kind of notice");
                return;
            }
            if (kind.security() && !channels.contains(Channel.MAIL)) {
                v.check("preferences." + name, false, "is a security notice: it always goes by mail");
                return;
            }
            valid.put(kind, channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels));
        });
        v.throwIfInvalid(NotificationError.VALIDATION_FAILED);
        return Multi.createFrom().iterable(valid.entrySet())
                .onItem().transformToUniAndConcatenate(e -> preferences.findById(
                        new NotificationPreference.Key(accountId, e.getKey().name())).chain(found -> {
                            NotificationPreference p = found != null ? found : new NotificationPreference();
                            p.accountId = accountId;
                            p.kind = e.getKey().name();
                            p.push = e.getValue().contains(Channel.PUSH);
                            p.mail = e.getValue().contains(Channel.MAIL);
                            return preferences.persist(p);
                        }))
                .collect().asList()
                .call(ignored -> preferences.flush())
                .chain(ignored -> preferences.ofAccount(accountId))
                .map(Preferences::effective);
    }

    private static Map<NotificationKind, Set<Channel>> effective(List<NotificationPreference> stored) {
        Map<NotificationKind, Set<Channel>> out = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            out.put(kind, kind.channels(stored.stream().filter(p -> p.kind.equals(kind.name())).findFirst()
                    .map(Notifier::chosen).orElse(null)));
        }
        return out;
    }
}
