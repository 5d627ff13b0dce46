package vn.kyso.sdk.crypto;

import java.util.List;

import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.spi.client.http.DataLoader;

/** DSS's data loader over Kyso's {@link Fetcher}: one HTTP client for OCSP, CRLs and CA certificates. */
public final class FetcherDataLoader implements DataLoader {

    private static final long serialVersionUID = 1L;

    private final transient Fetcher fetcher;
    private String contentType = "application/ocsp-request";

    public FetcherDataLoader(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public byte[] get(String url) {
        return fetcher.get(url).orElseThrow(() -> new DSSException("nothing could be fetched from " + url));
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        for (String url : urls) {
            var body = fetcher.get(url);
            if (body.isPresent()) {
                return new DataAndUrl(url, body.get());
            }
        }
        throw new DSSException("nothing could be fetched from " + urls);
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return fetcher.post(url, contentType, content)
                .orElseThrow(() -> new DSSException("no answer to the request sent to " + url));
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }
}
