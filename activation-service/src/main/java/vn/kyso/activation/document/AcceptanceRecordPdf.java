package vn.kyso.activation.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The "Biên bản nghiệm thu" (acceptance record) the subscriber signs at step 4/4: who the subscriber is and which
 * certificate Kyso issued, in Vietnamese with English below, set in DejaVu Sans so every diacritic renders.
 */
public final class AcceptanceRecordPdf {

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(VIETNAM);
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private AcceptanceRecordPdf() {
    }

    /** What the record states. */
    public record Details(String fullName, String identifier, String email, String certificateSerial,
            String certificateSubject, String issuer, Instant validFrom, Instant validTo, Instant date) {
    }

    /**
     * Renders one record. The two fonts are parsed once per process (parsing ~1.4 MB of TrueType per record was a third
     * of activation-service's CPU in an account burst); a parsed font is not safe for concurrent use, so records are
     * rendered one at a time — a few milliseconds each.
     */
    public static byte[] render(Details d) {
        synchronized (Fonts.class) {
            return render(d, Fonts.REGULAR, Fonts.BOLD);
        }
    }

    private static byte[] render(Details d, TrueTypeFont regularFont, TrueTypeFont boldFont) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont regular = PDType0Font.load(doc, regularFont, true);
            PDFont bold = PDType0Font.load(doc, boldFont, true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("BIÊN BẢN NGHIỆM THU");
            info.setSubject("Acceptance record — Kyso remote signing");
            info.setCreator("Kyso");
            var day = d.date().atZone(VIETNAM);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                Writer w = new Writer(c, PDRectangle.A4.getHeight() - MARGIN);
                w.centered(bold, 11, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                w.centered(regular, 10, "Độc lập – Tự do – Hạnh phúc");
                w.gap(18);
                w.centered(bold, 16, "BIÊN BẢN NGHIỆM THU");
                w.centered(regular, 10, "Cung cấp dịch vụ chữ ký số từ xa Kyso / Acceptance of the Kyso remote "
                        + "signing service");
                w.gap(12);
                w.paragraph(regular, 10.5f, "Hôm nay, ngày " + String.format("%02d", day.getDayOfMonth())
                        + " tháng " + String.format("%02d", day.getMonthValue()) + " năm " + day.getYear()
                        + ", chúng tôi gồm: / Today, the parties are:");
                w.gap(6);
                w.line(bold, 11, "BÊN A (Nhà cung cấp dịch vụ / Service provider): KYSO");
                w.gap(6);
                w.line(bold, 11, "BÊN B (Thuê bao / Subscriber):");
                w.field(regular, bold, "Họ và tên / Full name", d.fullName());
                w.field(regular, bold, "Số định danh / Identifier", d.identifier());
                w.field(regular, bold, "Email", d.email());
                w.gap(8);
                w.line(bold, 11, "THÔNG TIN CHỨNG THƯ SỐ / CERTIFICATE");
                w.field(regular, bold, "Số hiệu / Serial number", d.certificateSerial());
                w.field(regular, bold, "Chủ thể / Subject", d.certificateSubject());
                w.field(regular, bold, "Tổ chức cấp / Issuer", d.issuer());
                w.field(regular, bold, "Hiệu lực từ / Valid from", DATE_TIME.format(d.validFrom()));
                w.field(regular, bold, "Hiệu lực đến / Valid to", DATE_TIME.format(d.validTo()));
                w.gap(10);
                w.paragraph(regular, 10.5f, "Bên B xác nhận đã được cấp chứng thư số và cặp khóa ký số lưu giữ tại hệ "
                        + "thống ký số từ xa của Bên A; khóa bí mật chỉ được dùng khi Bên B xác nhận bằng mã PIN và "
                        + "thiết bị đã đăng ký. Hai bên thống nhất nghiệm thu dịch vụ.");
                w.gap(4);
                w.paragraph(regular, 9.5f, "The subscriber confirms receipt of the certificate and of the signing key "
                        + "held in Kyso's remote signing system; the private key is used only when the subscriber "
                        + "approves with the PIN and the registered device. Both parties accept the service.");
                w.gap(14);
                w.line(regular, 10, "Ngày lập / Issued: " + DATE_TIME.format(d.date()) + " (GMT+7)");
                w.line(bold, 10.5f, "Đại diện Bên B ký số / Signed digitally by the subscriber: " + d.fullName());
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DejaVu Sans, parsed on first use and kept: documents embed subsets of it and never close it. */
    private static final class Fonts {

        static final TrueTypeFont REGULAR = parse("DejaVuSans.ttf");
        static final TrueTypeFont BOLD = parse("DejaVuSans-Bold.ttf");

        private static TrueTypeFont parse(String file) {
            try (InputStream in = AcceptanceRecordPdf.class.getResourceAsStream(FONTS + file)) {
                if (in == null) {
                    throw new IllegalStateException("font " + file + " is not on the classpath");
                }
                return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Top-down text layout with word wrapping. */
    private static final class Writer {

        private final PDPageContentStream content;
        private float y;

        Writer(PDPageContentStream content, float top) {
            this.content = content;
            this.y = top;
        }

        void gap(float points) {
            y -= points;
        }

        void centered(PDFont font, float size, String text) throws IOException {
            float width = font.getStringWidth(text) / 1000 * size;
            show(font, size, MARGIN + Math.max(0, (WIDTH - width) / 2), text);
            y -= size * 1.5f;
        }

        void line(PDFont font, float size, String text) throws IOException {
            for (String part : wrap(font, size, text, WIDTH)) {
                show(font, size, MARGIN, part);
                y -= size * 1.45f;
            }
        }

        void paragraph(PDFont font, float size, String text) throws IOException {
            line(font, size, text);
        }

        void field(PDFont regular, PDFont bold, String label, String value) throws IOException {
            float size = 10.5f;
            String shown = label + ": ";
            float labelWidth = regular.getStringWidth(shown) / 1000 * size;
            List<String> parts = wrap(bold, size, value == null ? "" : value, WIDTH - 16 - labelWidth);
            show(regular, size, MARGIN + 16, shown);
            for (String part : parts) {
                show(bold, size, MARGIN + 16 + labelWidth, part);
                y -= size * 1.45f;
            }
            if (parts.isEmpty()) {
                y -= size * 1.45f;
            }
        }

        private void show(PDFont font, float size, float x, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size > width && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }
    }
}
