package vn.kyso.signing.document.rest;

/**
 * Where and why the subscriber signs.
 *
 * @param placement {@code {page, x, y, width, height}} in points from the page's top-left corner, or {@code {field}}
 * @param reason shown in the signature ("Lý do / Reason") and on the approval screen; optional, up to 200 characters
 */
public record SignDocumentRequest(Placement placement, String reason) {

    /** A rectangle on a page, or an empty signature field by name. */
    public record Placement(Integer page, Float x, Float y, Float width, Float height, String field) {
    }
}
