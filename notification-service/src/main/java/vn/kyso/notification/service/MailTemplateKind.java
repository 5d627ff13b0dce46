package vn.kyso.notification.service;

/** The emails Kyso sends; each is one bilingual message (Vietnamese first, English below, as in the seed). */
public enum MailTemplateKind {
    WELCOME("Kyso – Tài khoản ký số từ xa của Quý khách đã được tạo / Your Kyso remote signing account has been created"),
    ACTIVATION_CODE("Kyso – Mã kích hoạt tài khoản / Your account activation code"),
    ACCOUNT_ACTIVATED("Kyso – Tài khoản đã được kích hoạt / Your account is active"),
    DELEGATION_ENDED("Kyso – Ủy quyền ký bằng mật khẩu và OTP đã tắt / Password + OTP signing has been switched off");

    private final String subject;

    MailTemplateKind(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
