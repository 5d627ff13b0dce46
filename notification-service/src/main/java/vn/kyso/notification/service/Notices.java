package vn.kyso.notification.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.kyso.events.MalformedEventException;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.credential.DelegationEnded;
import vn.kyso.events.credential.PinChanged;
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.credential.PinLocked;
import vn.kyso.events.signature.SignatureRequested;

/** The notice each event becomes: its mail parameters and the short bilingual text of its push. */
public final class Notices {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private Notices() {
    }

    public static Notice signatureRequested(String eventId, SignatureRequested r) {
        require(eventId, r.transactionId() != null && r.accountId() != null && r.expiresAt() != null,
                "SignatureRequested");
        String app = r.appName() == null || r.appName().isBlank() ? String.valueOf(r.requesterId()) : r.appName();
        String what = r.description() == null ? "" : r.description();
        Map<String, Object> params = params();
        params.put("appName", app);
        params.put("description", what);
        params.put("itemCount", Integer.toString(Math.max(1, r.itemCount())));
        params.put("expiresAt", r.expiresAt().toString());
        boolean first = Boolean.TRUE.equals(r.firstContact());
        params.put("firstContact", first);
        String until = SHORT.format(r.expiresAt());
        // An integrator's first request: the subscriber is told so, with the way to refuse it for good.
        return new Notice(NotificationKind.SIGNATURE_REQUESTED, eventId, params, first
                ? new Notice.Text("Yêu cầu đầu tiên từ " + app, "First request from " + app)
                : new Notice.Text("Yêu cầu ký số từ " + app, "Signing request from " + app),
                new Notice.Text(what + " — " + r.itemCount() + " tài liệu, chờ đến " + until
                        + (first ? ". Không biết ứng dụng này? Hãy chặn nó." : ""),
                        what + " — " + r.itemCount() + " document(s), waits until " + until + " (GMT+7)"
                        + (first ? ". Don't know this application? Block it." : "")),
                "/?request=" + r.transactionId(), r.expiresAt());
    }

    /** @param renewed the certificate replaces an earlier one of the account (a renewal or a new key) */
    public static Notice certificateIssued(String eventId, CertificateIssued c, boolean renewed) {
        require(eventId, c.serialNumber() != null && c.notBefore() != null && c.notAfter() != null,
                "CertificateIssued");
        Map<String, Object> params = params();
        params.put("serialNumber", c.serialNumber());
        params.put("notBefore", c.notBefore().toString());
        params.put("notAfter", c.notAfter().toString());
        return new Notice(renewed ? NotificationKind.CERTIFICATE_RENEWED : NotificationKind.CERTIFICATE_ISSUED,
                eventId, params, renewed
                        ? new Notice.Text("Chứng thư số đã được gia hạn", "Your certificate was renewed")
                        : new Notice.Text("Chứng thư số mới đã được cấp", "A new certificate was issued"),
                new Notice.Text("Số hiệu " + c.serialNumber() + ", hiệu lực đến " + DAY.format(c.notAfter()),
                        "Serial " + c.serialNumber() + ", valid until " + DAY.format(c.notAfter())),
                "/", null);
    }

    /** Announced by the expiry sweep; its reference names the certificate and the threshold, once each. */
    public static Notice certificateExpiring(String serialNumber, Instant notAfter, int days) {
        Map<String, Object> params = params();
        params.put("serialNumber", serialNumber);
        params.put("notAfter", notAfter.toString());
        params.put("days", Integer.toString(days));
        return new Notice(NotificationKind.CERTIFICATE_EXPIRING, "expiry:" + serialNumber + ":" + days, params,
                new Notice.Text("Chứng thư số sắp hết hạn", "Your certificate expires soon"),
                new Notice.Text("Số hiệu " + serialNumber + " hết hạn lúc " + SHORT.format(notAfter)
                        + " (còn chưa đến " + days + " ngày).",
                        "Serial " + serialNumber + " expires at " + SHORT.format(notAfter) + " (GMT+7), within "
                                + days + (days == 1 ? " day." : " days.")),
                "/", notAfter);
    }

    public static Notice certificateSuspended(String eventId, CertificateSuspended c) {
        return status(eventId, NotificationKind.CERTIFICATE_SUSPENDED, c.serialNumber(), c.suspendedAt(), null,
                new Notice.Text("Chứng thư số đã tạm dừng", "Your certificate was suspended"),
                new Notice.Text("Số hiệu " + c.serialNumber() + ": không ký được cho đến khi hoạt động trở lại.",
                        "Serial " + c.serialNumber() + ": no signing until it is resumed."));
    }

    public static Notice certificateResumed(String eventId, CertificateResumed c) {
        return status(eventId, NotificationKind.CERTIFICATE_RESUMED, c.serialNumber(), c.resumedAt(), null,
                new Notice.Text("Chứng thư số hoạt động trở lại", "Your certificate is valid again"),
                new Notice.Text("Số hiệu " + c.serialNumber() + ": ký được trở lại.",
                        "Serial " + c.serialNumber() + ": signing works again."));
    }

    public static Notice certificateRevoked(String eventId, CertificateRevoked c) {
        return status(eventId, NotificationKind.CERTIFICATE_REVOKED, c.serialNumber(), c.revokedAt(), c.reason(),
                new Notice.Text("Chứng thư số đã bị thu hồi", "Your certificate was revoked"),
                new Notice.Text("Số hiệu " + c.serialNumber() + ": thu hồi vĩnh viễn, không ký được nữa.",
                        "Serial " + c.serialNumber() + ": revoked for good, it can no longer sign."));
    }

    public static Notice delegationEnded(String eventId, DelegationEnded ended) {
        require(eventId, ended.credentialId() != null && ended.reason() != null && ended.endedAt() != null,
                "DelegationEnded");
        Map<String, Object> params = params();
        params.put("reason", ended.reason());
        params.put("endedAt", ended.endedAt().toString());
        return new Notice(NotificationKind.DELEGATION_ENDED, eventId, params,
                new Notice.Text("Ủy quyền ký bằng mật khẩu và OTP đã tắt", "Password + OTP signing switched off"),
                new Notice.Text("Từ nay mọi yêu cầu ký cần Quý khách xác nhận bằng PIN và thiết bị.",
                        "From now on every request needs your PIN and device."),
                "/", null);
    }

    public static Notice pinChanged(String eventId, PinChanged changed) {
        require(eventId, changed.credentialId() != null && changed.changedAt() != null && changed.how() != null,
                "PinChanged");
        Map<String, Object> params = params();
        params.put("how", changed.how());
        params.put("at", changed.changedAt().toString());
        boolean reset = "RESET".equals(changed.how());
        return new Notice(NotificationKind.PIN_CHANGED, eventId, params,
                new Notice.Text(reset ? "Mã PIN đã được đặt lại" : "Mã PIN đã được thay đổi",
                        reset ? "Your PIN was reset" : "Your PIN was changed"),
                new Notice.Text("Nếu không phải Quý khách, hãy liên hệ ngay bộ phận hỗ trợ.",
                        "If this was not you, contact support at once."),
                "/", null);
    }

    public static Notice recoveryRequested(String eventId, DeviceRecoveryRequested asked) {
        require(eventId, asked.credentialId() != null && asked.requestedAt() != null, "DeviceRecoveryRequested");
        Map<String, Object> params = params();
        params.put("at", asked.requestedAt().toString());
        return new Notice(NotificationKind.RECOVERY_REQUESTED, eventId, params,
                new Notice.Text("Đã nhận yêu cầu khôi phục thiết bị", "Device recovery requested"),
                new Notice.Text("Nhân viên Kyso sẽ liên hệ để xác minh danh tính. Không phải Quý khách? Báo ngay.",
                        "Kyso staff will contact you to verify your identity. Not you? Tell us at once."),
                "/", null);
    }

    public static Notice deviceBound(String eventId, DeviceBound bound) {
        require(eventId, bound.credentialId() != null && bound.boundAt() != null && bound.deviceName() != null,
                "DeviceBound");
        Map<String, Object> params = params();
        params.put("deviceName", bound.deviceName());
        params.put("at", bound.boundAt().toString());
        return new Notice(NotificationKind.DEVICE_BOUND, eventId, params,
                new Notice.Text("Thiết bị mới đã được đăng ký", "A new device was bound"),
                new Notice.Text(bound.deviceName() + " xác nhận các yêu cầu ký từ nay.",
                        bound.deviceName() + " approves signing requests from now on."),
                "/", null);
    }

    public static Notice pinLocked(String eventId, PinLocked locked) {
        require(eventId, locked.credentialId() != null && locked.lockedAt() != null, "PinLocked");
        Map<String, Object> params = params();
        params.put("failures", Integer.toString(locked.failures()));
        params.put("at", locked.lockedAt().toString());
        return new Notice(NotificationKind.PIN_LOCKED, eventId, params,
                new Notice.Text("Mã PIN đã bị khóa", "Your PIN is locked"),
                new Notice.Text(locked.failures() + " lần nhập sai. Đặt lại mã PIN bằng thiết bị đã đăng ký.",
                        locked.failures() + " wrong attempts. Reset the PIN with your registered device."),
                "/", null);
    }

    private static Notice status(String eventId, NotificationKind kind, String serial, Instant at, String reason,
            Notice.Text title, Notice.Text body) {
        require(eventId, serial != null && at != null, kind.name());
        Map<String, Object> params = params();
        params.put("serialNumber", serial);
        params.put("at", at.toString());
        if (reason != null) {
            params.put("reason", reason);
        }
        return new Notice(kind, eventId, params, title, body, "/", null);
    }

    private static Map<String, Object> params() {
        return new LinkedHashMap<>();
    }

    private static void require(String eventId, boolean ok, String type) {
        if (!ok) {
            throw new MalformedEventException(type + " " + eventId + " lacks a required field");
        }
    }
}
