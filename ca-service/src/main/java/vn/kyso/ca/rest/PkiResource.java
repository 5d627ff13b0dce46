package vn.kyso.ca.rest;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.crypto.CertificateMaker;
import vn.kyso.ca.crypto.CaSigner;
import vn.kyso.ca.service.CaKeys;
import vn.kyso.ca.service.CrlService;
import vn.kyso.ca.service.RootCrlService;
import vn.kyso.ca.service.PkiService;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;

/** The public PKI endpoints relying parties use: CA certificates, CRL, OCSP (RFC 6960) and TSA (RFC 3161). */
@Path("/")
public class PkiResource {

    static final String PKIX_CERT = "application/pkix-cert";
    static final String PKIX_CRL = "application/pkix-crl";
    static final String PEM = "application/x-pem-file";
    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";
    static final String TSA_QUERY = "application/timestamp-query";
    static final String TSA_REPLY = "application/timestamp-reply";

    private final CaKeys keys;
    private final CrlService crls;
    private final RootCrlService rootCrl;
    private final PkiService pki;

    public PkiResource(CaKeys keys, CrlService crls, RootCrlService rootCrl, PkiService pki) {
        this.rootCrl = rootCrl;
        this.keys = keys;
        this.crls = crls;
        this.pki = pki;
    }

    /** The chain as JSON: issuing CA, root, and the TSA certificate. */
    @GET
    @Path("/api/v1/ca/certificates")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CaCertificateView> chain() {
        return List.of(view("ISSUING", keys.issuing()), view("ROOT", keys.root()), view("TSA", keys.tsa()));
    }

    /** One CA certificate: {@code issuing.crt} (DER, the AIA caIssuers target), {@code root.pem}, {@code chain.pem}. */
    @GET
    @Path("/ca/{file}")
    public Response caFile(@PathParam("file") String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.equals("chain.pem")) {
            return Response.ok(CertificateResource.pem(keys.issuing().certificate())
                    + CertificateResource.pem(keys.root().certificate()), PEM).build();
        }
        int dot = name.lastIndexOf('.');
        CaSigner signer = switch (dot < 0 ? "" : name.substring(0, dot)) {
            case "issuing" -> keys.issuing();
            case "root" -> keys.root();
            case "tsa" -> keys.tsa();
            default -> null;
        };
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (signer == null || !(extension.equals("crt") || extension.equals("cer") || extension.equals("pem"))) {
            throw new ProblemException(CommonError.NOT_FOUND, "Try issuing.crt, root.crt, tsa.crt, *.pem or chain.pem");
        }
        return extension.equals("pem") ? Response.ok(CertificateResource.pem(signer.certificate()), PEM).build()
                : Response.ok(der(signer.certificate()), PKIX_CERT).build();
    }

    /** The current CRL: DER, or PEM with {@code ?format=pem} or {@code Accept: application/x-pem-file}. */
    @GET
    @Path("/crl")
    public Uni<Response> crl(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean pem = "pem".equalsIgnoreCase(format) || (accept != null && accept.contains(PEM));
        return crls.current().map(crl -> pem ? Response.ok(Pem.encode("X509 CRL", crl.der), PEM).build()
                : Response.ok(crl.der, PKIX_CRL).header("Cache-Control", "max-age=300").build());
    }

    /** The root's CRL (the issuing CA's revocation status), DER: the CRL DP of the issuing CA's certificate. */
    @GET
    @Path("/crl/root")
    public Uni<Response> rootCrl() {
        return rootCrl.current().map(der -> Response.ok(der, PKIX_CRL).header("Cache-Control", "max-age=300").build());
    }

    @POST
    @Path("/ocsp")
    @Consumes(OCSP_REQUEST)
    public Uni<Response> ocsp(byte[] request) {
        return pki.ocsp(request == null ? new byte[0] : request).map(answer ->
                Response.status(answer.malformed() ? 400 : 200).entity(answer.der()).type(OCSP_RESPONSE).build());
    }

    /** RFC 6960 appendix A.1: the DER request, base64 then URL-encoded, as the last path segment. */
    @GET
    @Path("/ocsp/{request: .+}")
    public Uni<Response> ocspGet(@PathParam("request") String encoded) {
        byte[] request;
        try {
            // The path parameter is already percent-decoded; decoding again would turn '+' into a space.
            request = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        return ocsp(request);
    }

    @POST
    @Path("/tsa")
    @Consumes(TSA_QUERY)
    public Uni<Response> timestamp(byte[] request) {
        return pki.timestamp(request == null ? new byte[0] : request).map(reply ->
                Response.status(reply.granted() ? 200 : 400).entity(reply.der()).type(TSA_REPLY).build());
    }

    private static CaCertificateView view(String role, CaSigner signer) {
        X509Certificate c = signer.certificate();
        return new CaCertificateView(role, CertificateMaker.subjectOf(c), c.getSerialNumber().toString(16)
                .toUpperCase(Locale.ROOT), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                CertificateResource.pem(c), Base64.getEncoder().encodeToString(der(c)));
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
