package vn.kyso.account.model;

import java.util.regex.Pattern;

/** The identity documents Kyso accepts, each with the format of its number. */
public enum IdType {
    /** Citizen identity card (Căn cước công dân): 12 digits. */
    CCCD("\\d{12}", "must be 12 digits"),
    /** Old identity card (Chứng minh nhân dân): 9 digits. */
    CMND("\\d{9}", "must be 9 digits"),
    /** Passport (Hộ chiếu): one or two capital letters then 7 digits. */
    HC("[A-Z]{1,2}\\d{7}", "must be 1–2 capital letters followed by 7 digits"),
    /** Tax code (Mã số thuế): 10 digits, or 10 digits, a dash and a 3-digit branch number. */
    MST("\\d{10}(-\\d{3})?", "must be 10 digits, optionally followed by -NNN");

    private final Pattern format;
    private final String rule;

    IdType(String format, String rule) {
        this.format = Pattern.compile(format);
        this.rule = rule;
    }

    public Pattern format() {
        return format;
    }

    public String rule() {
        return rule;
    }
}
