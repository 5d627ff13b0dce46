package vn.kyso.signing.validation.rest;

import java.util.List;

/**
 * A signed document to validate, Base64-encoded, with the contents a detached signature covers.
 *
 * @param document the signed PDF, XML document or CMS signature
 * @param name its file name (shown in the reports)
 * @param detachedContents what a detached CAdES or XAdES signature signs
 * @param reports whether DSS's simple, detailed and ETSI TS 119 102-2 reports come back too
 */
public record ValidationRequest(String document, String name, List<DetachedContent> detachedContents,
        Boolean reports) {

    /** A file a detached signature covers, Base64-encoded, under the name the signature refers to. */
    public record DetachedContent(String content, String name) {
    }
}
