package vn.kyso.signing.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * account-service's internal password check, used by SmartCA TH v2 to check the subscriber's password where it lives
 * (a login's back-off applies; no session is opened), with signing-service's own service token; documented in both
 * READMEs.
 */
@RegisterRestClient(configKey = "account-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AccountServiceClient {

    @POST
    @Path("/api/v1/auth/service-token")
    Uni<Token> serviceToken(ClientCredentials credentials);

    @POST
    @Path("/internal/v1/password-checks")
    Uni<Response> checkPassword(@HeaderParam("Authorization") String bearer, PasswordCheck check);

    /** Client credentials. */
    record ClientCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** A subscriber's ID number and the password to check. */
    record PasswordCheck(String identifier, String password) {

        @Override
        public String toString() {
            return "PasswordCheck[identifier=" + identifier + ", password=***]";
        }
    }

    /** A bearer token answer; fields added by account-service later are ignored (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "Token[expiresIn=" + expiresIn + "]";
        }
    }
}
