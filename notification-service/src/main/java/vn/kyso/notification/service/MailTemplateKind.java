package vn.kyso.notification.service;

/** The emails Kyso sends; each is one bilingual message (Vietnamese first, English below, as in the seed). */
public enum MailTemplateKind {
    WELCOME("Kyso – Tài khoản ký số từ xa của Quý khách đã được tạo / Your Kyso remote signing account has been created"),
    ACTIVATION_CODE("Kyso – Mã kích hoạt tài khoản / Your account activation code"),
    ACCOUNT_ACTIVATED("Kyso – Tài khoản đã được kích hoạt / Your account is active"),
    DELEGATION_ENDED("Kyso – Ủy quyền ký bằng mật khẩu và OTP đã tắt / Password + OTP signing has been switched off"),
    SIGNATURE_REQUESTED("Kyso – Yêu cầu ký số đang chờ Quý khách / A signing request is waiting for you"),
    CERTIFICATE_ISSUED("Kyso – Chứng thư số mới đã được cấp / A new certificate was issued"),
    CERTIFICATE_RENEWED("Kyso – Chứng thư số đã được gia hạn / Your certificate was renewed"),
    CERTIFICATE_EXPIRING("Kyso – Chứng thư số sắp hết hạn / Your certificate expires soon"),
    CERTIFICATE_SUSPENDED("Kyso – Chứng thư số đã tạm dừng / Your certificate was suspended"),
    CERTIFICATE_RESUMED("Kyso – Chứng thư số đã hoạt động trở lại / Your certificate is valid again"),
    CERTIFICATE_REVOKED("Kyso – Chứng thư số đã bị thu hồi / Your certificate was revoked"),
    PIN_CHANGED("Kyso – Mã PIN đã được thay đổi / Your PIN was changed"),
    PIN_LOCKED("Kyso – Mã PIN đã bị khóa / Your PIN is locked"),
    RECOVERY_REQUESTED("Kyso – Yêu cầu khôi phục thiết bị / Device recovery requested"),
    RECOVERY_CODE("Kyso – Mã khôi phục thiết bị / Your device recovery code"),
    DEVICE_BOUND("Kyso – Thiết bị mới đã được đăng ký / A new device was bound");

    private final String subject;

    MailTemplateKind(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
