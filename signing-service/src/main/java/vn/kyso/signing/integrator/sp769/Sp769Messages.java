package vn.kyso.signing.integrator.sp769;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The SmartCA SP769 messages as the contract names them ({@code ../shared/contracts}); the OpenAPI document describes
 * the wire with these, and the resource reads each body into them ({@code LenientMessages}: as SmartCA clients
 * send them).
 */
public final class Sp769Messages {

    private Sp769Messages() {
    }

    /** {@code credentials/get_certificate}. */
    @Schema(name = "Sp769GetCertificateRequest")
    public record GetCertificateRequest(@JsonProperty("sp_id") String spId,
            @JsonProperty("sp_password") String spPassword, @JsonProperty("user_id") String userId,
            @JsonProperty("serial_number") String serialNumber, @JsonProperty("transaction_id") String transactionId) {
    }

    /** One hash to sign. */
    @Schema(name = "Sp769SignFile")
    public record SignFile(@JsonProperty("data_to_be_signed") String dataToBeSigned,
            @JsonProperty("doc_id") String docId, @JsonProperty("file_type") String fileType,
            @JsonProperty("sign_type") String signType) {
    }

    /** {@code signatures/sign} (v1): the subscriber approves in the app. */
    @Schema(name = "Sp769SignRequest")
    public record SignRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword,
            @JsonProperty("user_id") String userId, @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("transaction_desc") String transactionDesc,
            @JsonProperty("serial_number") String serialNumber, @JsonProperty("sign_files") List<SignFile> signFiles,
            @Schema(description = "Kyso's addition: true to get an RFC 3161 token over each signature value in"
                    + " timestamp_signature (SmartCA clients leave it out and get null)")
            @JsonProperty("timestamp_signature") Boolean timestampSignature) {
    }

    /** TH v2 {@code signatures/sign}: a delegating subscriber's password and TOTP. */
    @Schema(name = "Sp769V2SignRequest")
    public record V2SignRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword,
            @JsonProperty("user_id") String userId, String password, String otp,
            @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("transaction_desc") String transactionDesc,
            @JsonProperty("serial_number") String serialNumber, @JsonProperty("sign_files") List<SignFile> signFiles,
            @Schema(description = "As in v1: true for an RFC 3161 token over each signature value")
            @JsonProperty("timestamp_signature") Boolean timestampSignature) {
    }

    /** TH v2 {@code signatures/confirm}: the SAD and the password again. */
    @Schema(name = "Sp769V2ConfirmRequest")
    public record V2ConfirmRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword,
            @JsonProperty("user_id") String userId, String password,
            @JsonProperty("transaction_id") String transactionId, String sad) {
    }

    /** The status call: credentials optional. */
    @Schema(name = "Sp769StatusRequest")
    public record StatusRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword) {
    }

    /** Every answer: HTTP 200 with the outcome in {@code status_code}/{@code message}, details in {@code data}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Sp769Envelope")
    public record Envelope(@JsonProperty("status_code") int statusCode, String message, Object data) {
    }
}
