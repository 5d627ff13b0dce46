package vn.kyso.signing.document.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;

/** What the placement screen needs from a PDF: its pages' sizes, its empty signature fields, a page as a PNG. */
public final class PdfPages {

    /** A hostile PDF's streams may not decode past this; the subscriber gets a refusal, the replica keeps its heap. */
    private static final long MEMORY = 64L * 1024 * 1024;
    /** A page of absurd proportions is drawn no taller than this. */
    private static final int MAX_HEIGHT_PX = 4000;

    static {
        // Drawing pages needs Java2D, never a display.
        System.setProperty("java.awt.headless", "true");
    }

    private PdfPages() {
    }

    /** A page as shown: width and height in points, its rotation applied. */
    public record Page(float width, float height) {
    }

    /** An empty signature field the subscriber may choose instead of a rectangle; {@code page} is 1-based. */
    public record Field(String name, int page) {
    }

    public record Layout(List<Page> pages, List<Field> fields) {
    }

    public static Layout layout(byte[] pdf) {
        try (PDDocument doc = load(pdf)) {
            List<Page> pages = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                pages.add(shown(page));
            }
            List<Field> fields = new ArrayList<>();
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (form != null) {
                for (PDField field : form.getFieldTree()) {
                    if (field instanceof PDSignatureField signature && signature.getValue() == null
                            && !signature.getWidgets().isEmpty()) {
                        PDAnnotationWidget widget = signature.getWidgets().get(0);
                        int index = widget.getPage() == null ? -1 : doc.getPages().indexOf(widget.getPage());
                        fields.add(new Field(signature.getFullyQualifiedName(), index + 1));
                    }
                }
            }
            return new Layout(pages, fields);
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    /** Page {@code number} (1-based) as a PNG {@code width} pixels wide. */
    public static byte[] png(byte[] pdf, int number, int width) {
        try (PDDocument doc = load(pdf)) {
            if (number < 1 || number > doc.getNumberOfPages()) {
                throw new ProblemException(SigningError.VALIDATION_FAILED, "the document has pages 1 to "
                        + doc.getNumberOfPages());
            }
            Page shown = shown(doc.getPage(number - 1));
            float scale = Math.min(width / shown.width(), MAX_HEIGHT_PX / shown.height());
            BufferedImage image = new PDFRenderer(doc).renderImage(number - 1, scale, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    private static PDDocument load(byte[] pdf) throws IOException {
        PDDocument doc = Loader.loadPDF(pdf, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(MEMORY)
                .streamCache);
        if (doc.isEncrypted() || doc.getNumberOfPages() == 0) {
            doc.close();
            throw new IOException("encrypted or empty");
        }
        return doc;
    }

    private static Page shown(PDPage page) {
        PDRectangle box = page.getCropBox();
        boolean turned = page.getRotation() % 180 != 0;
        return turned ? new Page(box.getHeight(), box.getWidth()) : new Page(box.getWidth(), box.getHeight());
    }

    private static ProblemException unreadable() {
        return new ProblemException(SigningError.DOCUMENT_UNREADABLE,
                "The file is not a PDF that can be read: unreadable, encrypted or without pages");
    }
}
