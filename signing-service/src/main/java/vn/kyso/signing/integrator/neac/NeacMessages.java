package vn.kyso.signing.integrator.neac;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The NEAC profile's messages as {@code ../shared/contracts/neac.md} names them; the OpenAPI document describes the
 * wire with these, and the resource reads each body into them (unknown fields ignored, as the contract requires).
 */
public final class NeacMessages {

    private NeacMessages() {
    }

    /** {@code /get_certificate}. */
    @Schema(name = "NeacGetCertificateRequest")
    public record GetCertificateRequest(@JsonProperty("sp_id") String spId,
            @JsonProperty("sp_password") String spPassword, @JsonProperty("user_id") String userId,
            @JsonProperty("serial_number") String serialNumber, @JsonProperty("transaction_id") String transactionId) {
    }

    /** How a file is signed: only {@code hash} is accepted. */
    @Schema(name = "NeacFileOptions")
    public record FileOptions(@JsonProperty("file_type") String fileType, @JsonProperty("sign_type") String signType) {
    }

    /**
     * One digest (hex, or base64 of 32/48/64 bytes) to sign; {@code sign_type} beside {@code file_options} is the flat
     * synonym some gateways send, used when {@code file_options} names none.
     */
    @Schema(name = "NeacSignFile")
    public record SignFile(@JsonProperty("data_to_be_signed") String dataToBeSigned,
            @JsonProperty("doc_id") String docId, @JsonProperty("file_options") FileOptions fileOptions,
            @JsonProperty("sign_type") @Schema(deprecated = true) String signType) {
    }

    /** {@code /sign}: synchronous or asynchronous per SP. */
    @Schema(name = "NeacSignRequest")
    public record SignRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword,
            @JsonProperty("user_id") String userId, @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("serial_number") String serialNumber, @JsonProperty("time_stamp") String timeStamp,
            @JsonProperty("sign_files") List<SignFile> signFiles) {
    }

    /** Kyso's {@code /sign/status}. */
    @Schema(name = "NeacStatusRequest")
    public record StatusRequest(@JsonProperty("sp_id") String spId, @JsonProperty("sp_password") String spPassword,
            @JsonProperty("transaction_id") String transactionId) {
    }

    /** Success: HTTP 200; errors: HTTP N with {@code status_code} = {@code code} = N and {@code data} null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "NeacEnvelope")
    public record Envelope(@JsonProperty("status_code") int statusCode, Integer code, String message, Object data) {
    }
}
