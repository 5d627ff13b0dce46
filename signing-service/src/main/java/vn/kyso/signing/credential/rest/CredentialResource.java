package vn.kyso.signing.credential.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.signing.credential.service.PinGuard;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.service.CredentialService;
import vn.kyso.signing.credential.service.Delegation;
import vn.kyso.signing.credential.service.DeviceRecoveries;
import vn.kyso.signing.SigningError;

/**
 * The subscriber's credentials: create (wizard step 2/4), list, challenges, PIN change and reset, TH delegation, and
 * the certificate's hold, resumption and revocation.
 */
@Path("/api/v1/credentials")
@RolesAllowed("subscriber")
public class CredentialResource {

    private final CredentialService credentials;
    private final DeviceRecoveries recoveries;
    private final Delegation delegation;
    private final JsonWebToken caller;
    private final SigningConfig config;

    public CredentialResource(CredentialService credentials, DeviceRecoveries recoveries, Delegation delegation,
            JsonWebToken caller, SigningConfig config) {
        this.credentials = credentials;
        this.recoveries = recoveries;
        this.delegation = delegation;
        this.caller = caller;
        this.config = config;
    }

    /** 202: the key pair exists and its certificate has been requested; poll the list until it is ACTIVE. */
    @POST
    public Uni<Response> create(CreateCredentialRequest request) {
        body(request);
        var passkey = request.passkey();
        var valid = CredentialService.validate(request.pin(), request.confirmPin(), request.deviceName(),
                request.devicePublicKey(), passkey == null ? null : new CredentialService.PasskeyAnswer(
                        passkey.challenge(), passkey.attestationObject(), passkey.clientDataJSON()));
        return credentials.create(subscriber(), valid).map(c -> Response.accepted(Map.of("credentialId", c.id,
                "status", c.status.name())).header("Location", "/api/v1/credentials/" + c.id).build());
    }

    /**
     * Step 2/4 with a passkey: the options for {@code navigator.credentials.create} (platform authenticator, user
     * verification required), with a single-use challenge.
     */
    @POST
    @Path("/passkey-options")
    public Uni<Map<String, Object>> passkeyOptions() {
        return credentials.passkeyOptions(subscriber());
    }

    @GET
    public Uni<List<CredentialView>> list() {
        return credentials.list(subscriber()).map(list -> list.stream().map(c -> CredentialView.of(c, config.renewalWindow())).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<CredentialView> get(@PathParam("id") String id) {
        return credentials.get(subscriber(), credentialId(id)).map(c -> CredentialView.of(c, config.renewalWindow()));
    }

    @POST
    @Path("/{id}/challenge")
    public Uni<ChallengeResponse> challenge(@PathParam("id") String id) {
        return credentials.challenge(subscriber(), credentialId(id), PinGuard.MANAGE)
                .map(c -> new ChallengeResponse(c.challenge, c.expiresAt));
    }

    @POST
    @Path("/{id}/pin")
    public Uni<Response> changePin(@PathParam("id") String id, ChangePinRequest request) {
        body(request);
        return credentials.changePin(subscriber(), credentialId(id), request.currentPin(), request.newPin(),
                request.confirmPin(), request.challenge(), request.device())
                .map(ignored -> Response.noContent().build());
    }

    /** Forgotten or locked PIN: device proof → new key pair under the new PIN, new certificate (202). */
    @POST
    @Path("/{id}/reset")
    public Uni<Response> reset(@PathParam("id") String id, ResetPinRequest request) {
        body(request);
        return credentials.resetPin(subscriber(), credentialId(id), request.newPin(), request.confirmPin(),
                request.challenge(), request.device())
                .map(c -> Response.accepted(Map.of("credentialId", c.id, "status", c.status.name())).build());
    }

    /**
     * SmartCA TH v2 delegation on (PIN + device proof): the TOTP secret comes back once — base64 for the integrator's
     * signing component, and as an otpauth URI with its QR code for an authenticator app; asking again replaces it.
     */
    @POST
    @Path("/{id}/totp")
    public Uni<Response> enableDelegation(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return delegation.enable(subscriber(), credentialId(id), request.pin(), request.challenge(),
                request.device()).map(secret -> Response.status(201).header("Cache-Control", "no-store")
                .entity(TotpDelegationResponse.of(secret, credentialId(id))).build());
    }

    /**
     * Renewal (PIN + device proof), from the renewal window before expiry: a new key pair and a certificate request;
     * the current certificate signs until the new one is installed, which supersedes it. 202 with the status.
     */
    @POST
    @Path("/{id}/renew")
    public Uni<Response> renew(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return accepted(credentials.renew(subscriber(), credentialId(id), request.pin(), request.challenge(),
                request.device()));
    }

    /**
     * The subscriber's own hold (PIN + device proof): nothing signs from now; ca-service puts the certificate on hold
     * (OCSP certificateHold, listed in the CRL) moments later. 202 with the credential's new status.
     */
    @POST
    @Path("/{id}/suspend")
    public Uni<Response> suspend(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return accepted(credentials.changeCertificate(subscriber(), credentialId(id),
                CertificateChangeRequested.SUSPEND, null, request.pin(), request.challenge(), request.device()));
    }

    /**
     * Lifts the subscriber's own hold (PIN + device proof); an operator's hold only the operator lifts (409). The
     * credential stays SUSPENDED until ca-service has taken the certificate off hold, then signs again. 202.
     */
    @POST
    @Path("/{id}/resume")
    public Uni<Response> resume(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return accepted(credentials.changeCertificate(subscriber(), credentialId(id),
                CertificateChangeRequested.RESUME, null, request.pin(), request.challenge(), request.device()));
    }

    /**
     * Self-revocation with a reason (PIN + device proof): for good, at once here (REVOKED, the key destroyed) and
     * moments later in OCSP and the CRL. 202.
     */
    @POST
    @Path("/{id}/revoke")
    public Uni<Response> revoke(@PathParam("id") String id, RevokeRequest request) {
        body(request);
        return accepted(credentials.changeCertificate(subscriber(), credentialId(id),
                CertificateChangeRequested.REVOKE, request.reason(), request.pin(), request.challenge(),
                request.device()));
    }

    private static Uni<Response> accepted(Uni<vn.kyso.signing.credential.model.Credential> changed) {
        return changed.map(c -> Response.accepted(Map.of("credentialId", c.id, "status", c.status.name())).build());
    }

    /** Delegation off: integrators can no longer sign with password + TOTP. */
    @jakarta.ws.rs.DELETE
    @Path("/{id}/totp")
    public Uni<Response> disableDelegation(@PathParam("id") String id) {
        return delegation.disable(subscriber(), credentialId(id)).map(ignored -> Response.noContent().build());
    }

    /**
     * Lost device: asks for a recovery, saying what happened, which an operator approves after verifying who asks (202;
     * asking again while one is open returns it). Needs only the signed-in session, since the device is what is
     * missing.
     */
    @POST
    @Path("/{id}/recovery")
    public Uni<Response> requestRecovery(@PathParam("id") String id, RecoveryRequest request) {
        return recoveries.request(subscriber(), credentialId(id), request == null ? null : request.reason())
                .map(r -> Response.accepted(RecoveryView.forSubscriber(r)).build());
    }

    /** Where the latest recovery stands; {@code NONE} when none was ever asked. */
    @GET
    @Path("/{id}/recovery")
    public Uni<RecoveryView> recovery(@PathParam("id") String id) {
        return recoveries.latest(subscriber(), credentialId(id)).map(r -> r == null ? RecoveryView.NONE
                : RecoveryView.forSubscriber(r));
    }

    /**
     * The mailed code + a new device and PIN: a new key pair and certificate request (202, poll until ACTIVE); the
     * old certificate is revoked for keyCompromise.
     */
    @POST
    @Path("/{id}/recovery/complete")
    public Uni<Response> completeRecovery(@PathParam("id") String id, CompleteRecoveryRequest request) {
        UUID credential = credentialId(id);
        // Ownership first: another subscriber gets 404 whatever the body.
        return credentials.get(subscriber(), credential).chain(owned -> {
            body(request);
            var passkey = request.passkey();
            var device = CredentialService.validate(request.pin(), request.confirmPin(), request.deviceName(),
                    request.devicePublicKey(), passkey == null ? null : new CredentialService.PasskeyAnswer(
                            passkey.challenge(), passkey.attestationObject(), passkey.clientDataJSON()));
            return recoveries.complete(subscriber(), credential, request.code(), device);
        }).map(c -> Response.accepted(Map.of("credentialId", c.id, "status", c.status.name())).build());
    }

    private UUID subscriber() {
        return UUID.fromString(caller.getSubject());
    }

    private static UUID credentialId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.CREDENTIAL_NOT_FOUND, "No such credential for this account");
        }
    }

    private static void body(Object request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
    }
}
