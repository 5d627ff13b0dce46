package vn.kyso.notification.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The two calls notification-service makes (documented in both callees' READMEs). */
public final class KysoServicesClient {

    private KysoServicesClient() {
    }

    /** account-service: this service's own token (client credentials). */
    @RegisterRestClient(configKey = "account-service")
    public interface Accounts {

        @POST
        @Path("/api/v1/auth/service-token")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        Uni<Token> serviceToken(ClientCredentials credentials);
    }

    /** activation-service: the signed acceptance record attached to the "activated" mail. */
    @RegisterRestClient(configKey = "activation-service")
    public interface Activations {

        @GET
        @Path("/internal/v1/activations/{accountId}/acceptance-record")
        @Produces("application/pdf")
        Uni<byte[]> acceptanceRecord(@HeaderParam("Authorization") String bearer,
                @PathParam("accountId") String accountId);
    }

    /** Client credentials. */
    public record ClientCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** A bearer token answer (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "Token[expiresIn=" + expiresIn + "]";
        }
    }
}
