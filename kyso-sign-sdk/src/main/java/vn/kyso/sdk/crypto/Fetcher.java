package vn.kyso.sdk.crypto;

import java.util.Optional;

/** How the long-term levels reach OCSP responders and CRL distribution points (HTTP GET and POST). */
public interface Fetcher {

    /** The body of a successful GET, or empty. */
    Optional<byte[]> get(String url);

    /** The body of a successful POST of {@code body} as {@code contentType}, or empty. */
    Optional<byte[]> post(String url, String contentType, byte[] body);
}
