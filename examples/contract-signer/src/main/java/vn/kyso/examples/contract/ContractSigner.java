package vn.kyso.examples.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import vn.kyso.sdk.CscSigner;
import vn.kyso.sdk.DocumentSigner;
import vn.kyso.sdk.KysoException;
import vn.kyso.sdk.crypto.Ades;

/**
 * Signs a contract PDF with a visible signature on page 1: the subscriber approves in the browser through CSC's OAuth
 * 2.0 authorization-code flow (PKCE), this program catches the redirect on a loopback port (RFC 8252), and the token
 * the code buys is the SAD for {@code signatures/signHash}. The PDF never leaves this machine.
 */
public final class ContractSigner {

    private ContractSigner() {
    }

    /** Where Kyso is, who asks, and the loopback redirect URI the integrator registered. */
    public record Settings(String cscUrl, String tsaUrl, String clientId, String clientSecret, String userId,
            String redirectUri, Ades.Level level) {

        static Settings fromEnvironment() {
            return new Settings(env("KYSO_CSC_URL", "http://127.0.0.1:8084/csc/v2"),
                    env("KYSO_TSA_URL", "http://127.0.0.1:8083/tsa"), required("KYSO_CLIENT_ID"),
                    required("KYSO_CLIENT_SECRET"), required("KYSO_USER_ID"),
                    env("KYSO_REDIRECT_URI", "http://127.0.0.1:8765/callback"),
                    Ades.Level.parse(env("KYSO_LEVEL", "B-LTA")));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ContractSigner <contract.pdf> <signed.pdf>   (settings: see README.md)");
            System.exit(2);
        }
        Settings settings = Settings.fromEnvironment();
        byte[] signed = sign(Files.readAllBytes(Path.of(args[0])), Path.of(args[0]).getFileName().toString(),
                settings, (url, state) -> loopbackConsent(url, state, settings.redirectUri()));
        Files.write(Path.of(args[1]), signed);
        System.out.println("Signed (PAdES " + settings.level().label() + "): " + args[1]);
    }

    /** The signed PDF; {@code consent} takes the subscriber's browser to Kyso and brings the code back. */
    public static byte[] sign(byte[] pdf, String name, Settings settings, CscSigner.Consent consent) {
        CscSigner subscriber = new CscSigner(settings.cscUrl(), settings.clientId(), settings.clientSecret(),
                settings.userId(), new CscSigner.InBrowser(settings.redirectUri(), consent));
        DocumentSigner.Options options = DocumentSigner.Options.pades(settings.level())
                .withReason("Đồng ý hợp đồng / Contract agreed", "Hà Nội")
                .withAppearance(new Ades.Appearance(1, 56, 650, 260, 70, null, null));
        return new DocumentSigner(settings.tsaUrl()).sign(pdf, name, options, subscriber);
    }

    /**
     * Prints the URL for the subscriber to open and waits on the redirect URI's loopback port for the code (an
     * installed app's OAuth 2.0 client, RFC 8252 §7.3).
     */
    static String loopbackConsent(URI authorizationUrl, String state, String redirectUri) {
        URI redirect = URI.create(redirectUri);
        CompletableFuture<String> code = new CompletableFuture<>();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(redirect.getHost(), redirect.getPort()), 0);
        } catch (IOException e) {
            throw new KysoException("the redirect URI's port " + redirect.getPort() + " cannot be opened", e);
        }
        server.createContext(redirect.getPath(), exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String got = parameter(query, "code");
            boolean ok = got != null && state.equals(parameter(query, "state"));
            byte[] page = (ok ? "Đã nhận phê duyệt — bạn có thể đóng trang này. / Approved — you may close this page."
                    : "Không ký / Not signed: " + parameter(query, "error_description")).getBytes(
                            StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(ok ? 200 : 400, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            if (ok) {
                code.complete(got);
            } else {
                code.completeExceptionally(new KysoException("not approved: " + parameter(query, "error")));
            }
        });
        server.start();
        try {
            System.out.println("Open this address in the subscriber's browser and approve:\n" + authorizationUrl);
            return code.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw e.getCause() instanceof KysoException k ? k : new KysoException("no approval arrived", e);
        } finally {
            server.stop(0);
        }
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set (see README.md)");
            System.exit(2);
        }
        return value;
    }
}
