package vn.kyso.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The portal's files arrive compressed and are asked for again after a deploy; pages name an icon and a summary. */
@QuarkusTest
@WithTestResource(ServicesStub.class)
class StaticFilesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    @Test
    void scriptsAndPagesAreCompressedAndRevalidatedNotKeptForADay() throws Exception {
        for (String file : new String[] {"app.js", "app.css", "index.html", "verify.js"}) {
            HttpResponse<byte[]> plain = get(file, null, null);
            HttpResponse<byte[]> zipped = get(file, "gzip", null);
            assertEquals(200, zipped.statusCode(), file);
            assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null), file);
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
            assertEquals(new String(plain.body(), StandardCharsets.UTF_8), new String(unzipped, StandardCharsets.UTF_8),
                    file);
            assertTrue(zipped.body().length < plain.body().length, file + " was not made smaller");
            assertEquals("no-cache", zipped.headers().firstValue("Cache-Control").orElse(null), file);
            String lastModified = zipped.headers().firstValue("Last-Modified").orElse(null);
            assertNotNull(lastModified, file);
            // Unchanged since the browser's copy: a 304 and no body.
            HttpResponse<byte[]> again = get(file, "gzip", lastModified);
            assertEquals(304, again.statusCode(), file);
            assertEquals(0, again.body().length, file);
        }
    }

    @Test
    void everyPageNamesItsIconAndDescribesItself() throws Exception {
        HttpResponse<byte[]> icon = get("favicon.svg", null, null);
        assertEquals(200, icon.statusCode());
        assertTrue(icon.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        for (String page : new String[] {"index.html", "verify.html", "terms.html"}) {
            String html = new String(get(page, null, null).body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("<link rel=\"icon\" href=\"/favicon.svg\""), page);
            assertTrue(html.matches("(?s).*<meta name=\"description\" content=\"[^\"]{50,160}\">.*"), page);
        }
        // The language button's accessible name is the language it shows (WCAG 2.5.3), not a hidden label.
        for (String page : new String[] {"index.html", "verify.html"}) {
            String html = new String(get(page, null, null).body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("<button type=\"button\" id=\"lang\" class=\"link\" lang=\"en\">English</button>"),
                    page);
        }
    }

    private HttpResponse<byte[]> get(String file, String encoding, String ifModifiedSince) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(file));
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        if (ifModifiedSince != null) {
            request.header("If-Modified-Since", ifModifiedSince);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
