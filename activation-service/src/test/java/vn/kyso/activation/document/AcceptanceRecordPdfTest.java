package vn.kyso.activation.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Records rendered one after another and side by side share the parsed fonts and each still says its own text. */
class AcceptanceRecordPdfTest {

    @Test
    void recordsRenderedAtOnceEachCarryTheirOwnSubscriberInEmbeddedDejaVu() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> pdfs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Details d = details(i);
                pdfs.add(pool.submit(() -> AcceptanceRecordPdf.render(d.value())));
            }
            for (int i = 0; i < pdfs.size(); i++) {
                try (PDDocument pdf = Loader.loadPDF(pdfs.get(i).get())) {
                    String text = new PDFTextStripper().getText(pdf);
                    assertTrue(text.contains("Trần Thị Ánh Tuyết số " + i), "record " + i + " names its subscriber:\n"
                            + text);
                    assertTrue(text.contains("SERIAL-" + i), "record " + i + " states its certificate");
                    List<String> fonts = new ArrayList<>();
                    for (var name : pdf.getPage(0).getResources().getFontNames()) {
                        PDFont font = pdf.getPage(0).getResources().getFont(name);
                        assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                        fonts.add(font.getName().substring(font.getName().indexOf('+') + 1));
                    }
                    assertEquals(List.of("DejaVuSans", "DejaVuSans-Bold"), fonts.stream().sorted().toList());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Details(AcceptanceRecordPdf.Details value) {
    }

    private static Details details(int i) {
        Instant now = Instant.parse("2026-12-06T09:30:00Z");
        return new Details(new AcceptanceRecordPdf.Details("Trần Thị Ánh Tuyết số " + i, "00120300" + i,
                "tuyet" + i + "@example.vn", "SERIAL-" + i, "CN=Trần Thị Ánh Tuyết", "CN=Kyso Issuing CA", now,
                now.plus(365, ChronoUnit.DAYS), now));
    }
}
