package vn.kyso.activation.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import io.smallrye.mutiny.Uni;

/** The part of signing-service's internal API that activation-service calls (documented in both READMEs). */
@RegisterRestClient(configKey = "signing-service")
public interface SigningServiceClient {

    @POST
    @Path("/internal/v1/transactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Transaction> create(@HeaderParam("Authorization") String bearer, NewTransaction request);

    @GET
    @Path("/internal/v1/transactions/{id}/document")
    @Produces("application/pdf")
    Uni<byte[]> document(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID transactionId);

    /** A signing request; {@code requestRef} makes a retried request return the first transaction. */
    record NewTransaction(UUID accountId, String requestRef, String appName, String description,
            Integer expiresInSeconds, List<Map<String, String>> items) {
    }

    /** What activation-service reads of the answer (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transaction(UUID id, String status) {
    }
}
