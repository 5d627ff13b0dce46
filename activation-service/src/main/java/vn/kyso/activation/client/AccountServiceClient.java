package vn.kyso.activation.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The part of account-service's API that activation-service calls (documented in both READMEs). */
@RegisterRestClient(configKey = "account-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AccountServiceClient {

    @POST
    @Path("/api/v1/auth/service-token")
    Uni<Token> serviceToken(ClientCredentials credentials);

    @PUT
    @Path("/internal/v1/accounts/{accountId}/password")
    Uni<Token> setPassword(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
            Password password);

    /** Client credentials. */
    record ClientCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** A new password. */
    record Password(String password) {

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /** A bearer token answer; fields added by account-service later are ignored (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "Token[type=" + tokenType + ", expiresIn=" + expiresIn + "]";
        }
    }
}
