package vn.kyso.ca.rest;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.crypto.Der;
import vn.kyso.ca.issuance.IssuanceRequest;
import vn.kyso.ca.service.CaError;
import vn.kyso.ca.service.CaKeys;
import vn.kyso.ca.service.CertificateService;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;

/** Operator API: issue from a CSR, look up, suspend, resume, revoke. */
@Path("/api/v1/certificates")
public class CertificateResource {

    private final CertificateService certificates;
    private final CaKeys keys;

    private final org.eclipse.microprofile.jwt.JsonWebToken operator;

    public CertificateResource(CertificateService certificates, CaKeys keys,
            org.eclipse.microprofile.jwt.JsonWebToken operator) {
        this.operator = operator;
        this.certificates = certificates;
        this.keys = keys;
    }

    @POST
    @RolesAllowed("operator")
    public Uni<Response> issue(IssueCertificateRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        FieldValidator v = new FieldValidator()
                .check("accountId", request.accountId() != null, "is required")
                .require("csr", request.csr(), 16_384);
        v.throwIfInvalid(CaError.VALIDATION_FAILED);
        byte[] csr;
        try {
            csr = Der.fromPemOrBase64(request.csr());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CaError.CSR_MALFORMED, "csr must be PEM or base64 DER");
        }
        return certificates.issue(IssuanceRequest.byOperator(request.accountId(), request.credentialId(), csr,
                        request.profile()))
                .map(issued -> Response.status(issued.fresh() ? 201 : 200)
                        .entity(CertificateView.of(issued.certificate(), chain())).build());
    }

    @GET
    @RolesAllowed("operator")
    public Uni<List<CertificateView>> forAccount(@QueryParam("accountId") String accountId) {
        UUID id;
        try {
            id = UUID.fromString(accountId == null ? "" : accountId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CaError.VALIDATION_FAILED, "accountId must be a UUID");
        }
        return certificates.forAccount(id).map(list -> list.stream().map(c -> CertificateView.of(c, chain())).toList());
    }

    @GET
    @Path("/{serial}")
    @RolesAllowed("operator")
    public Uni<CertificateView> get(@PathParam("serial") String serial) {
        return certificates.find(serial).map(c -> CertificateView.of(c, chain()));
    }

    @POST
    @Path("/{serial}/revoke")
    @RolesAllowed("operator")
    public Uni<CertificateView> revoke(@PathParam("serial") String serial, RevokeRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body with a reason is required");
        }
        return certificates.revoke(serial, request.reason(), operator.getSubject()).map(c -> CertificateView.of(c, chain()));
    }

    /** On hold (certificateHold): OCSP revoked, listed in the CRL, no signing, until resumed or revoked. */
    @POST
    @Path("/{serial}/suspend")
    @RolesAllowed("operator")
    public Uni<CertificateView> suspend(@PathParam("serial") String serial) {
        return certificates.suspend(serial, operator.getSubject()).map(c -> CertificateView.of(c, chain()));
    }

    /** Off hold (removeFromCRL): OCSP good again, gone from the next CRL, signing allowed again. */
    @POST
    @Path("/{serial}/resume")
    @RolesAllowed("operator")
    public Uni<CertificateView> resume(@PathParam("serial") String serial) {
        return certificates.resume(serial, operator.getSubject()).map(c -> CertificateView.of(c, chain()));
    }

    private List<String> chain() {
        return keys.chain().stream().map(CertificateResource::pem).toList();
    }

    static String pem(X509Certificate certificate) {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
