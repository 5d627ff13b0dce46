package vn.kyso.ca.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.crypto.Der;
import vn.kyso.ca.issuance.ServerCertificates;
import vn.kyso.ca.service.CaError;
import vn.kyso.ca.service.CaKeys;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;

/** Operator API: TLS server certificates for Kyso's own endpoints, names limited by the server profile. */
@Path("/api/v1/server-certificates")
public class ServerCertificateResource {

    static final String DEFAULT_PROFILE = "tls-server";

    private final ServerCertificates server;
    private final CaKeys keys;
    private final JsonWebToken operator;

    public ServerCertificateResource(ServerCertificates server, CaKeys keys, JsonWebToken operator) {
        this.server = server;
        this.keys = keys;
        this.operator = operator;
    }

    @POST
    @RolesAllowed("operator")
    public Uni<Response> issue(ServerCertificateRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        new FieldValidator().require("csr", request.csr(), 16_384).throwIfInvalid(CaError.VALIDATION_FAILED);
        byte[] csr;
        try {
            csr = Der.fromPemOrBase64(request.csr());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CaError.CSR_MALFORMED, "csr must be PEM or base64 DER");
        }
        List<String> chain = keys.chain().stream().map(CertificateResource::pem).toList();
        return server.issue(csr, request.names(), request.profile() == null ? DEFAULT_PROFILE : request.profile(),
                        operator.getSubject())
                .map(c -> Response.status(201).entity(CertificateView.of(c, chain)).build());
    }
}
