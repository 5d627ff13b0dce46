package vn.kyso.account.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import vn.kyso.account.model.IdType;
import vn.kyso.account.rest.CreateAccountRequest;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.security.DisplayText;

/** The rules an account application must meet; every field error is reported at once. */
public final class AccountRules {

    // A person's or an organisation's name (MST accounts: "Công ty TNHH 3 Sao & Cộng sự (Chi nhánh Huế)"): letters of
    // any script with combining marks, digits, spaces and & . , ' - ( ) /, beginning with a letter or digit. Control,
    // format and bidi characters are refused below for every field. The certificate's subject is built attribute by
    // attribute (X500NameBuilder), so a comma or slash stays inside the CN.
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} &.,'()/\\-]*");
    private static final Pattern PLACE = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} .,'/\\-]*");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    // Vietnamese mobile numbers: 0 or +84, then a 3/5/7/8/9 prefix and 8 more digits.
    private static final Pattern PHONE = Pattern.compile("(?:0|\\+84)([35789]\\d{8})");

    private AccountRules() {
    }

    public static NewAccount validate(CreateAccountRequest request) {
        FieldValidator v = new FieldValidator();
        String idTypeText = clean(request.idType());
        String idNumber = clean(request.idNumber());
        String fullName = clean(request.fullName());
        String email = clean(request.email());
        String phone = clean(request.phone());
        String province = clean(request.province());
        String locality = clean(request.locality());

        v.require("idType", idTypeText, 8);
        IdType idType = null;
        if (idTypeText != null && !idTypeText.isBlank()) {
            try {
                idType = IdType.valueOf(idTypeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.check("idType", false, "must be one of CCCD, CMND, HC, MST");
            }
        }
        v.require("idNumber", idNumber, 16);
        if (idType != null && idNumber != null && !v.hasError("idNumber")) {
            idNumber = idNumber.toUpperCase(Locale.ROOT);
            v.match("idNumber", idNumber, idType.format(), idType.rule());
        }
        v.require("fullName", fullName, 128).match("fullName", fullName, NAME,
                "must begin with a letter or digit and contain only letters, digits, spaces and & . , ' - ( ) /");
        v.require("email", email, 254).match("email", email, EMAIL, "must be a valid email address");
        v.require("phone", phone, 16).match("phone", phone, PHONE, "must be a Vietnamese mobile number (0xxxxxxxxx or +84xxxxxxxxx)");
        v.require("province", province, 64).match("province", province, PLACE, "contains characters not allowed in a place name");
        v.require("locality", locality, 64).match("locality", locality, PLACE, "contains characters not allowed in a place name");
        for (String[] field : new String[][] {
            {"idNumber", request.idNumber()}, {"fullName", request.fullName()}, {"email", request.email()},
            {"phone", request.phone()}, {"province", request.province()}, {"locality", request.locality()} }) {
            if (field[1] != null && DisplayText.deceptive(field[1]) && !v.hasError(field[0])) {
                v.check(field[0], false, "must not contain control or invisible formatting characters");
            }
        }
        v.throwIfInvalid(AccountError.VALIDATION_FAILED);

        var m = PHONE.matcher(phone);
        m.matches();
        return new NewAccount(idType, idNumber, collapseSpaces(fullName), email.toLowerCase(Locale.ROOT),
                "+84" + m.group(1), collapseSpaces(province), collapseSpaces(locality));
    }

    /** NFC so the same Vietnamese name typed on two keyboards is the same string; outer spaces trimmed. */
    private static String clean(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC).strip();
    }

    private static String collapseSpaces(String s) {
        return s.replaceAll(" {2,}", " ");
    }
}
