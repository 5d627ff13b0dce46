package vn.kyso.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Documents the document-signing tests share: an e-invoice in the shape of Decree 123/2020 and Circular 78/2021. */
public final class TestDocuments {

    private TestDocuments() {
    }

    /**
     * A VAT invoice ({@code HDon}) whose data ({@code DLHDon}) carries an {@code Id} and whose signature list
     * ({@code DSCKS}) waits for the seller's ({@code NBan}), as the tax authority's published invoices are laid out.
     */
    public static byte[] einvoice() {
        try (InputStream in = TestDocuments.class.getResourceAsStream("einvoice.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
