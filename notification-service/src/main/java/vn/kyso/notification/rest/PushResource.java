package vn.kyso.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.notification.service.NotificationError;
import vn.kyso.notification.service.PushSubscriptions;

/** Web Push for the portal: the server's VAPID key, and the subscriber's browsers that take push notices. */
@Path("/api/v1/push")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    private final PushSubscriptions subscriptions;
    private final JsonWebToken caller;

    public PushResource(PushSubscriptions subscriptions, JsonWebToken caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    /** The {@code applicationServerKey} a browser subscribes with (RFC 8292), base64url. */
    @GET
    @Path("/key")
    @PermitAll
    public KeyResponse key() {
        return new KeyResponse(subscriptions.publicKey());
    }

    /** A browser's {@code PushSubscription.toJSON()}: its push endpoint and keys. */
    @POST
    @Path("/subscriptions")
    @RolesAllowed("subscriber")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> subscribe(SubscribeRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        String p256dh = request.keys() == null ? null : request.keys().p256dh();
        String auth = request.keys() == null ? null : request.keys().auth();
        return subscriptions.subscribe(account(), request.endpoint(), p256dh, auth)
                .map(s -> Response.status(Response.Status.CREATED)
                        .entity(SubscriptionResponse.of(s)).build());
    }

    /** The account's subscribed browsers (their push service and since when; never their keys). */
    @GET
    @Path("/subscriptions")
    @RolesAllowed("subscriber")
    public Uni<List<SubscriptionResponse>> list() {
        return subscriptions.of(account()).map(all -> all.stream().map(SubscriptionResponse::of).toList());
    }

    @DELETE
    @Path("/subscriptions/{subscriptionId}")
    @RolesAllowed("subscriber")
    public Uni<Response> unsubscribe(@PathParam("subscriptionId") String id) {
        UUID subscriptionId;
        try {
            subscriptionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(NotificationError.SUBSCRIPTION_NOT_FOUND, "No push subscription of yours has this id");
        }
        return subscriptions.unsubscribe(account(), subscriptionId).map(ignored -> Response.noContent().build());
    }

    private UUID account() {
        return UUID.fromString(caller.getSubject());
    }

    public record KeyResponse(String publicKey) {
    }

    /** As the browser gives it; {@code expirationTime} is read and ignored (push services answer 410 instead). */
    public record SubscribeRequest(String endpoint, Long expirationTime, Keys keys) {

        public record Keys(String p256dh, String auth) {
        }
    }

    public record SubscriptionResponse(UUID subscriptionId, String pushService, Instant createdAt) {

        static SubscriptionResponse of(vn.kyso.notification.model.PushSubscription s) {
            return new SubscriptionResponse(s.id, java.net.URI.create(s.endpoint).getHost(), s.createdAt);
        }
    }
}
