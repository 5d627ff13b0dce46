package vn.kyso.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads a QR code the service drew (an SVG data URL of unit squares) with ZXing's decoder. */
final class QrCodes {

    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final int SCALE = 8;

    private QrCodes() {
    }

    static String read(String dataUrl) throws Exception {
        String svg = new String(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        Matcher box = VIEW_BOX.matcher(svg);
        if (!dataUrl.startsWith("data:image/svg+xml;base64,") || !box.find()) {
            throw new AssertionError("not an SVG data URL: " + dataUrl.substring(0, Math.min(40, dataUrl.length())));
        }
        int size = Integer.parseInt(box.group(1));
        int[] pixels = new int[size * SCALE * size * SCALE];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * size * SCALE + x * SCALE + dx] = 0xFF000000;
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(size * SCALE, size * SCALE, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
