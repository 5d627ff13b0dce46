package vn.kyso.signing.document.rest;

/**
 * A PDF the subscriber wants to sign.
 *
 * @param fileName as the subscriber knows it (a path is cut off; ".pdf" is implied)
 * @param document the PDF, Base64
 */
public record UploadDocumentRequest(String fileName, String document) {
}
