package vn.kyso.activation.rest;

import jakarta.ws.rs.core.Response;

/** The signed acceptance record as a PDF download. */
final class AcceptanceRecordPdfResponse {

    private AcceptanceRecordPdfResponse() {
    }

    static Response of(byte[] pdf) {
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"bien-ban-nghiem-thu.pdf\"")
                .header("Cache-Control", "no-store").build();
    }
}
