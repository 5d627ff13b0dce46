package vn.kyso.notification.rest;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.notification.service.Channel;
import vn.kyso.notification.service.NotificationKind;
import vn.kyso.notification.service.Preferences;

/** The subscriber's choice of channels (push, mail) per kind of notice. */
@Path("/api/v1/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("subscriber")
public class PreferencesResource {

    private final Preferences preferences;
    private final JsonWebToken caller;

    public PreferencesResource(Preferences preferences, JsonWebToken caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    @GET
    public Uni<PreferencesResponse> get() {
        return preferences.of(account()).map(PreferencesResponse::of);
    }

    /** Sets the channels of the kinds named; the others keep theirs. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PreferencesResponse> put(PreferencesRequest request) {
        if (request == null || request.preferences() == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body with preferences is required");
        }
        Map<String, Set<Channel>> chosen = new LinkedHashMap<>();
        for (Choice c : request.preferences()) {
            if (c == null || c.kind() == null) {
                throw new ProblemException(CommonError.MALFORMED_REQUEST, "Every preference names its kind");
            }
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            if (Boolean.TRUE.equals(c.push())) {
                channels.add(Channel.PUSH);
            }
            if (Boolean.TRUE.equals(c.mail())) {
                channels.add(Channel.MAIL);
            }
            chosen.put(c.kind(), channels);
        }
        return preferences.choose(account(), chosen).map(PreferencesResponse::of);
    }

    private UUID account() {
        return UUID.fromString(caller.getSubject());
    }

    public record PreferencesRequest(List<Choice> preferences) {
    }

    /** One kind's channels; {@code security} is given in answers only (mail cannot be switched off for it). */
    public record Choice(String kind, Boolean push, Boolean mail, Boolean security) {
    }

    public record PreferencesResponse(List<Choice> preferences) {

        static PreferencesResponse of(Map<NotificationKind, Set<Channel>> effective) {
            return new PreferencesResponse(effective.entrySet().stream().map(e -> new Choice(e.getKey().name(),
                    e.getValue().contains(Channel.PUSH), e.getValue().contains(Channel.MAIL),
                    e.getKey().security())).toList());
        }
    }
}
