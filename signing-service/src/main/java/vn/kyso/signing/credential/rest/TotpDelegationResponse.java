package vn.kyso.signing.credential.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;

import io.nayuki.qrcodegen.QrCode;

/**
 * The TOTP secret, shown once: base64 for an integrator's TH v2 signing component (SmartCA's form), and as an otpauth
 * URI (RFC 4648 Base32 secret) with its QR code for an authenticator app.
 *
 * @param qrCode the otpauth URI as a QR code: an SVG image in a {@code data:} URL
 */
public record TotpDelegationResponse(String totpSecret, String algorithm, int digits, int period, String otpauthUri,
        String qrCode) {

    static TotpDelegationResponse of(String secretBase64, UUID credentialId) {
        String base32 = new Base32().encodeToString(Base64.getDecoder().decode(secretBase64)).replace("=", "");
        String label = URLEncoder.encode("Kyso:" + credentialId.toString().substring(0, 8), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32
                + "&issuer=Kyso&algorithm=SHA1&digits=6&period=30";
        return new TotpDelegationResponse(secretBase64, "SHA1", 6, 30, uri, "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(QrCode.encodeText(uri, QrCode.Ecc.MEDIUM))
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** The QR code as SVG: one path of dark modules, a 4-module quiet zone. */
    private static String svg(QrCode qr) {
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
