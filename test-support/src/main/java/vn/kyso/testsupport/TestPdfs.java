package vn.kyso.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/** Small real PDFs for signing tests. */
public final class TestPdfs {

    private TestPdfs() {
    }

    /** One US Letter page (612 x 792 points) with one line of ASCII text. */
    public static byte[] onePage(String text) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText(text);
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** {@code pages} pages of one line each, and an empty signature field {@code field} on the last one. */
    public static byte[] withSignatureField(String text, int pages, String field) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage last = null;
            for (int i = 1; i <= pages; i++) {
                last = new PDPage();
                doc.addPage(last);
                try (PDPageContentStream content = new PDPageContentStream(doc, last)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 720);
                    content.showText(text + " - " + i + "/" + pages);
                    content.endText();
                }
            }
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDSignatureField signature = new PDSignatureField(form);
            signature.setPartialName(field);
            PDAnnotationWidget widget = signature.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(72, 72, 200, 60));
            widget.setPage(last);
            last.getAnnotations().add(widget);
            form.getFields().add(signature);
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A page whose content stream is {@code inflated} bytes of spaces deflated to a small fraction: a bomb. */
    public static byte[] deflateBomb(long inflated) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream();
                    DeflaterOutputStream deflate = new DeflaterOutputStream(raw, new Deflater(9), 1 << 16)) {
                byte[] spaces = new byte[1 << 20];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (long left = inflated; left > 0; left -= spaces.length) {
                    deflate.write(spaces, 0, (int) Math.min(spaces.length, left));
                }
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.setContents(new PDStream(stream));
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** One page, encrypted with an owner and a user password (AES-128). */
    public static byte[] encrypted(String text) throws IOException {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(onePage(text));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            return out.toByteArray();
        }
    }
}
