package vn.kyso.notification.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate;
import io.quarkus.qute.CheckedTemplate;
import vn.kyso.events.SealedSecret;
import vn.kyso.commons.delivery.Delivery;

/** Renders a queued delivery into a multipart (text + HTML) email from its Qute templates. */
@ApplicationScoped
public class MailComposer {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    // Expiry times are shown in Vietnam's time zone, which is where subscribers read them.
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy '(GMT+7)'")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final ObjectMapper json;
    private final SecretOpener opener;

    public MailComposer(ObjectMapper json, SecretOpener opener) {
        this.json = json;
        this.opener = opener;
    }

    /**
     * The type-safe templates: each has an {@code .html} and a {@code .txt} variant under {@code templates/mail/},
     * sent together as one multipart/alternative message; Qute checks every expression against these parameters at
     * build time.
     */
    @CheckedTemplate(basePath = "mail", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {

        static native MailTemplate.MailTemplateInstance welcome(String fullName, String identifier, String idType,
                String portalUrl);

        static native MailTemplate.MailTemplateInstance activationCode(String fullName, String identifier, String code,
                String expiresAt, String portalUrl);

        static native MailTemplate.MailTemplateInstance recoveryCode(String fullName, String identifier, String code,
                String expiresAt, String portalUrl);

        static native MailTemplate.MailTemplateInstance accountActivated(String fullName, String identifier,
                String activatedAt, String portalUrl);

        static native MailTemplate.MailTemplateInstance delegationEnded(String fullName, String identifier,
                String reasonVi, String reasonEn, String endedAt, String portalUrl);

        static native MailTemplate.MailTemplateInstance signatureRequested(String fullName, String identifier,
                String appName, String description, String itemCount, String expiresAt, boolean firstContact,
                String portalUrl);

        static native MailTemplate.MailTemplateInstance certificateIssued(String fullName, String identifier,
                String serialNumber, String notBefore, String notAfter, String portalUrl);

        static native MailTemplate.MailTemplateInstance certificateRenewed(String fullName, String identifier,
                String serialNumber, String notBefore, String notAfter, String portalUrl);

        static native MailTemplate.MailTemplateInstance certificateExpiring(String fullName, String identifier,
                String serialNumber, String notAfter, String days, String portalUrl);

        static native MailTemplate.MailTemplateInstance securityNotice(String fullName, String identifier,
                String whatVi, String whatEn, String detailVi, String detailEn, String at, String portalUrl);

        static native MailTemplate.MailTemplateInstance certificateStatus(String fullName, String identifier,
                String serialNumber, String whatVi, String whatEn, String detailVi, String detailEn, String at,
                String portalUrl);
    }


    /** What a queued mail holds: its template and the parameters the template shows. */
    public String payload(MailTemplateKind template, Map<String, ?> params) {
        try {
            return json.writeValueAsString(Map.of("template", template.name(), "params", params));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mail parameters cannot be serialised", e);
        }
    }

    /** The template of a queued mail. */
    public MailTemplateKind kind(Delivery delivery) {
        return MailTemplateKind.valueOf(text(read(delivery), "template"));
    }

    /** The mail ready to send; an activation code is opened here, in memory, for this rendering only. */
    public MailTemplate.MailTemplateInstance compose(Delivery delivery) {
        MailTemplateKind kind = kind(delivery);
        Map<String, Object> p = params(delivery);
        MailTemplate.MailTemplateInstance instance = switch (kind) {
            case WELCOME -> Templates.welcome(text(p, "fullName"), text(p, "identifier"), text(p, "idType"),
                    text(p, "portalUrl"));
            case ACTIVATION_CODE -> Templates.activationCode(text(p, "fullName"), text(p, "identifier"),
                    opener.activationCode(json.convertValue(p.get("sealedCode"), SealedSecret.class),
                            UUID.fromString(text(p, "activationId"))),
                    SHOWN.format(Instant.parse(text(p, "expiresAt"))), text(p, "portalUrl"));
            case ACCOUNT_ACTIVATED -> Templates.accountActivated(text(p, "fullName"), text(p, "identifier"),
                    SHOWN.format(Instant.parse(text(p, "activatedAt"))), text(p, "portalUrl"));
            case DELEGATION_ENDED -> Templates.delegationEnded(text(p, "fullName"), text(p, "identifier"),
                    reasonVi(text(p, "reason")), reasonEn(text(p, "reason")),
                    SHOWN.format(Instant.parse(text(p, "endedAt"))), text(p, "portalUrl"));
            case SIGNATURE_REQUESTED -> Templates.signatureRequested(text(p, "fullName"), text(p, "identifier"),
                    text(p, "appName"), text(p, "description"), text(p, "itemCount"),
                    SHOWN.format(Instant.parse(text(p, "expiresAt"))), "true".equals(text(p, "firstContact")),
                    text(p, "portalUrl"));
            case CERTIFICATE_ISSUED -> Templates.certificateIssued(text(p, "fullName"), text(p, "identifier"),
                    text(p, "serialNumber"), SHOWN.format(Instant.parse(text(p, "notBefore"))),
                    SHOWN.format(Instant.parse(text(p, "notAfter"))), text(p, "portalUrl"));
            case CERTIFICATE_RENEWED -> Templates.certificateRenewed(text(p, "fullName"), text(p, "identifier"),
                    text(p, "serialNumber"), SHOWN.format(Instant.parse(text(p, "notBefore"))),
                    SHOWN.format(Instant.parse(text(p, "notAfter"))), text(p, "portalUrl"));
            case CERTIFICATE_EXPIRING -> Templates.certificateExpiring(text(p, "fullName"), text(p, "identifier"),
                    text(p, "serialNumber"), SHOWN.format(Instant.parse(text(p, "notAfter"))), text(p, "days"),
                    text(p, "portalUrl"));
            case CERTIFICATE_SUSPENDED -> status(p, "đã được tạm dừng", "was suspended",
                    "Trong thời gian tạm dừng, chứng thư không dùng để ký được và dịch vụ kiểm tra trạng thái (OCSP) trả"
                            + " lời \"tạm dừng\" (certificateHold). Quý khách có thể cho chứng thư hoạt động trở lại"
                            + " bằng mã PIN và thiết bị nếu chính Quý khách đã tạm dừng nó.",
                    "While it is suspended it cannot sign and the status service (OCSP) answers certificateHold. You"
                            + " can resume it with your PIN and device if you suspended it yourself.");
            case CERTIFICATE_RESUMED -> status(p, "đã hoạt động trở lại", "is valid again",
                    "Dịch vụ kiểm tra trạng thái (OCSP) trả lời \"hợp lệ\" và Quý khách ký được bằng chứng thư này.",
                    "The status service (OCSP) answers good and you can sign with this certificate again.");
            case CERTIFICATE_REVOKED -> status(p, "đã bị thu hồi", "was revoked",
                    "Lý do: " + revokedVi(text(p, "reason")) + ". Việc thu hồi là vĩnh viễn: chứng thư không"
                            + " dùng để ký được nữa và khóa ký của nó đã bị hủy.",
                    "Reason: " + revokedEn(text(p, "reason")) + ". Revocation is final: the certificate can no"
                            + " longer sign and its signing key was destroyed.");
            case PIN_CHANGED -> "RESET".equals(text(p, "how"))
                    ? security(p, "Mã PIN đã được đặt lại bằng thiết bị đã đăng ký", "Your PIN was reset with your"
                            + " registered device", "Một cặp khóa và chứng thư số mới đã được tạo; chứng thư cũ bị thu"
                            + " hồi (đã thay thế).", "A new key pair and certificate were made; the old certificate was"
                            + " revoked as superseded.")
                    : security(p, "Mã PIN ký số đã được thay đổi", "Your signing PIN was changed",
                            "Từ nay dùng mã PIN mới để xác nhận yêu cầu ký.",
                            "From now on, approve signing requests with the new PIN.");
            case RECOVERY_REQUESTED -> security(p, "Yêu cầu khôi phục do mất thiết bị đã được ghi nhận",
                    "A recovery of your lost device was requested",
                    "Nhân viên Kyso sẽ liên hệ qua số điện thoại đã đăng ký để xác minh danh tính trước khi duyệt; sau"
                            + " khi duyệt, mã khôi phục được gửi tới email này. Nếu không phải Quý khách yêu cầu, hãy"
                            + " liên hệ ngay bộ phận hỗ trợ.",
                    "Kyso staff will call the registered phone number to verify your identity before approving; the"
                            + " recovery code then comes to this address. If you did not ask for it, contact support at"
                            + " once.");
            case RECOVERY_CODE -> Templates.recoveryCode(text(p, "fullName"), text(p, "identifier"),
                    opener.recoveryCode(json.convertValue(p.get("sealedCode"), SealedSecret.class),
                            UUID.fromString(text(p, "recoveryId"))),
                    SHOWN.format(Instant.parse(text(p, "expiresAt"))), text(p, "portalUrl"));
            case DEVICE_BOUND -> security(p, "Thiết bị mới \"" + text(p, "deviceName") + "\" đã được đăng ký",
                    "A new device, \"" + text(p, "deviceName") + "\", was bound",
                    "Từ nay chỉ thiết bị này xác nhận được yêu cầu ký, với mã PIN mới. Một cặp khóa và chứng thư mới"
                            + " đã được tạo; chứng thư cũ bị thu hồi (lộ khóa).",
                    "From now on only this device approves signing requests, with the new PIN. A new key pair and"
                            + " certificate were made; the old certificate was revoked (key compromise).");
            case PIN_LOCKED -> security(p, "Mã PIN ký số đã bị khóa sau " + text(p, "failures") + " lần nhập sai",
                    "Your signing PIN was locked after " + text(p, "failures") + " wrong attempts",
                    "Không yêu cầu ký nào được xác nhận cho đến khi Quý khách đặt lại mã PIN bằng thiết bị đã đăng ký"
                            + " tại trang Kyso. Có thể có người đang thử đoán mã PIN.",
                    "No request can be approved until you reset the PIN with your registered device in Kyso."
                            + " Someone may be trying to guess it.");
        };
        // A resend after a crash carries the same Message-ID, which receiving systems use to drop the copy.
        return instance.mail(new Mail().addHeader("Message-ID", messageId(delivery)))
                .to(delivery.destination).subject(kind.subject());
    }

    private static MailTemplate.MailTemplateInstance security(Map<String, Object> p, String whatVi, String whatEn,
            String detailVi, String detailEn) {
        return Templates.securityNotice(text(p, "fullName"), text(p, "identifier"), whatVi, whatEn, detailVi,
                detailEn, SHOWN.format(Instant.parse(text(p, "at"))), text(p, "portalUrl"));
    }

    private static MailTemplate.MailTemplateInstance status(Map<String, Object> p, String whatVi, String whatEn,
            String detailVi, String detailEn) {
        return Templates.certificateStatus(text(p, "fullName"), text(p, "identifier"), text(p, "serialNumber"),
                whatVi, whatEn, detailVi, detailEn, SHOWN.format(Instant.parse(text(p, "at"))), text(p, "portalUrl"));
    }

    /** The delivery's own Message-ID: the same on every attempt. */
    public static String messageId(Delivery delivery) {
        return "<" + delivery.id + "@notification.kyso.vn>";
    }

    /** The account a delivery is about, where its template needs one (the attachment's owner). */
    public String accountId(Delivery delivery) {
        return text(params(delivery), "accountId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params(Delivery delivery) {
        Object params = read(delivery).get("params");
        return params instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private Map<String, Object> read(Delivery delivery) {
        try {
            return json.readValue(delivery.payload, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mail " + delivery.id + " is unreadable", e);
        }
    }

    private static String reasonVi(String reason) {
        return switch (reason) {
            case "TURNED_OFF" -> "Quý khách đã tự tắt ủy quyền";
            case "TOO_MANY_WRONG_CODES" -> "đã có 5 mã OTP sai liên tiếp, có thể có người đang thử đoán mã";
            case "NEW_KEY" -> "khóa ký của Quý khách đã được thay mới (đặt lại mã PIN)";
            case "DEVICE_LOST" -> "yêu cầu khôi phục do mất thiết bị đã được duyệt";
            default -> reason;
        };
    }

    private static String reasonEn(String reason) {
        return switch (reason) {
            case "TURNED_OFF" -> "you switched it off yourself";
            case "TOO_MANY_WRONG_CODES" -> "five wrong OTP codes in a row: someone may be trying to guess them";
            case "NEW_KEY" -> "your signing key was replaced (PIN reset)";
            case "DEVICE_LOST" -> "the recovery of your lost device was approved";
            default -> reason;
        };
    }

    private static String revokedVi(String reason) {
        return switch (reason) {
            case "keyCompromise" -> "khóa ký có thể đã bị lộ";
            case "affiliationChanged" -> "thông tin của chủ thể đã thay đổi";
            case "superseded" -> "đã có chứng thư mới thay thế";
            case "cessationOfOperation" -> "ngừng sử dụng";
            case "privilegeWithdrawn" -> "quyền sử dụng bị rút lại";
            default -> "không nêu";
        };
    }

    private static String revokedEn(String reason) {
        return switch (reason) {
            case "keyCompromise" -> "the signing key may have been exposed";
            case "affiliationChanged" -> "the holder's details changed";
            case "superseded" -> "a new certificate replaced it";
            case "cessationOfOperation" -> "no longer used";
            case "privilegeWithdrawn" -> "the right to use it was withdrawn";
            default -> "not stated";
        };
    }

    private static String text(Map<String, Object> params, String name) {
        Object value = params.get(name);
        return value == null ? "" : value.toString();
    }
}
