package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.examples.contract.ContractSigner;
import vn.kyso.examples.einvoice.EinvoiceSigner;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.testsupport.Judges;
import vn.kyso.testsupport.TestDocuments;
import vn.kyso.testsupport.TestPdfs;

/**
 * The SDK's examples against the running stack, as an integrator runs them: documents stay on the integrator's side,
 * Kyso signs their digests after the subscriber approves (in the app over SP769 and NEAC; in the browser through
 * CSC's OAuth 2.0 flow), and the finished e-invoice, contract and minutes pass xmlsec1, pdfsig, openssl and Kyso's
 * own validation.
 */
class SdkExamplesIT {

    private static final String TSA = Api.CA + "/tsa";

    @Test
    void theEinvoiceSignerSignsAnInvoiceOverSp769AfterTheSellerApprovesInTheApp() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber seller = Api.activate(stack, "Công ty TNHH Ký Số");
        KysoStack.Integrator sp = stack.registerIntegrator("E-invoices " + seller.identifier(), seller.identifier());
        stack.allow(sp, seller);
        EinvoiceSigner.Settings settings = new EinvoiceSigner.Settings(KysoStack.SIGNING + "/sca/sp769", TSA,
                sp.id(), sp.password(), seller.identifier(), Ades.Level.B_LT);
        byte[] invoice = TestDocuments.einvoice();
        CompletableFuture<byte[]> signing = CompletableFuture.supplyAsync(() -> EinvoiceSigner.sign(invoice,
                "hoa-don-0001.xml", settings));
        approveTheRequestWaiting(seller);
        byte[] signed = signing.get(2, TimeUnit.MINUTES);

        String xml = new String(signed, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<NBan><ds:Signature"), "the seller's signature sits in DSCKS/NBan");
        Path dir = Files.createDirectories(Path.of("target", "sdk-examples", seller.identifier()));
        String root = Api.send("GET", Api.CA + "/ca/root.pem", null, null, null).body();
        Judges.Verdict xmlsec = Judges.xmlsec1(dir, signed, root, List.of("DLHDon",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"));
        assertTrue(xmlsec.ok(), xmlsec.output());
        JsonNode outcome = validate(signed);
        assertEquals("TOTAL_PASSED", outcome.at("/signatures/0/indication").asText(), outcome.toString());
        assertEquals("B-LT", outcome.at("/signatures/0/level").asText());
        assertEquals("Công ty TNHH Ký Số", outcome.at("/signatures/0/signedBy").asText());
    }

    @Test
    void theContractSignerSignsAPdfWithTheSadOfCscsOauthFlow() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber buyer = Api.activate(stack, "Nguyễn Thị Mua");
        String redirect = "http://127.0.0.1:8765/callback";
        KysoStack.Integrator sp = stack.registerIntegrator("Contracts " + buyer.identifier(),
                "http://localhost:9/kyso-webhook", List.of(redirect));
        // The signer finds the buyer's credential with its own token before the consent screen (CSC needs the
        // credential's id to ask for it): a look-up, so the buyer has allowed this integrator (issue 21 §4).
        stack.allow(sp, buyer);
        ContractSigner.Settings settings = new ContractSigner.Settings(KysoStack.SIGNING + "/csc/v2", TSA, sp.id(),
                sp.password(), buyer.identifier(), redirect, Ades.Level.B_LTA);
        byte[] pdf = TestPdfs.onePage("Hop dong mua ban so 9/2026");
        // The subscriber's browser, driven over HTTP: the authorization URL leads to the portal's consent request,
        // which the subscriber claims, approves with the device and consents to; the code comes back on the redirect.
        byte[] signed = ContractSigner.sign(pdf, "hop-dong-9.pdf", settings, (url, state) -> {
            try {
                return consent(buyer, url, state, redirect);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Path dir = Files.createDirectories(Path.of("target", "sdk-examples", buyer.identifier()));
        Judges.Verdict pdfsig = Judges.pdfsig(dir, signed);
        assertTrue(pdfsig.output().contains("Signature Validation: Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature #2"), "B-LTA's document time-stamp: " + pdfsig.output());
        JsonNode outcome = validate(signed);
        assertEquals("TOTAL_PASSED", outcome.at("/signatures/0/indication").asText(), outcome.toString());
        assertEquals("B-LTA", outcome.at("/signatures/0/level").asText());
        assertEquals("Nguyễn Thị Mua", outcome.at("/signatures/0/signedBy").asText());
    }

    @Test
    void theSdkSignsADetachedCadesThroughTheNeacProfile() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber signer = Api.activate(stack, "Lý Thị Biên Bản");
        KysoStack.Integrator sp = stack.registerIntegrator("Minutes " + signer.identifier(), signer.identifier());
        stack.allow(sp, signer);
        byte[] minutes = "Biên bản họp hội đồng quản trị số 4/2026".getBytes(StandardCharsets.UTF_8);
        vn.kyso.sdk.NeacSigner neac = new vn.kyso.sdk.NeacSigner(KysoStack.SIGNING + "/neac/v1", sp.id(),
                sp.password(), signer.identifier(), java.time.Duration.ofMillis(500), java.time.Duration.ofMinutes(2));
        // The profile's synchronous /sign holds until the subscriber decides.
        CompletableFuture<byte[]> signing = CompletableFuture.supplyAsync(() -> new vn.kyso.sdk.DocumentSigner(TSA)
                .sign(minutes, "bien-ban-4.txt", vn.kyso.sdk.DocumentSigner.Options.cades(Ades.Packaging.DETACHED,
                        Ades.Level.B_T), neac));
        approveTheRequestWaiting(signer);
        byte[] cms = signing.get(2, TimeUnit.MINUTES);

        Path dir = Files.createDirectories(Path.of("target", "sdk-examples", signer.identifier()));
        String root = Api.send("GET", Api.CA + "/ca/root.pem", null, null, null).body();
        Judges.Verdict openssl = Judges.opensslCms(dir, cms, minutes, root);
        assertTrue(openssl.ok() && openssl.output().contains("Verification successful"), openssl.output());
        JsonNode outcome = Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/validations", null,
                "application/json", Api.JSON.writeValueAsString(Map.of("document", Base64.getEncoder()
                        .encodeToString(cms), "detachedContents", List.of(Map.of("content", Base64.getEncoder()
                                .encodeToString(minutes), "name", "bien-ban-4.txt")))))));
        assertEquals("TOTAL_PASSED", outcome.at("/signatures/0/indication").asText(), outcome.toString());
        assertEquals("CAdES", outcome.at("/signatures/0/format").asText());
        assertEquals("B-T", outcome.at("/signatures/0/level").asText());
    }

    private static String consent(Api.Subscriber subscriber, URI authorization, String state, String redirect)
            throws Exception {
        HttpResponse<String> toPortal = Api.HTTP.send(HttpRequest.newBuilder(authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String location = toPortal.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "authorize answered " + toPortal.statusCode() + ": " + toPortal.body()));
        String request = location.substring(location.indexOf("oauth_request=") + "oauth_request=".length());
        JsonNode claimed = Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/oauth-requests/" + request
                + "/claim", subscriber.token(), null, null)));
        Api.ok(subscriber.confirm(claimed.get("transactionId").asText()));
        JsonNode back = Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/oauth-requests/" + request
                + "/consent", subscriber.token(), null, null)));
        URI to = URI.create(back.get("redirect").asText());
        assertTrue(to.toString().startsWith(redirect), to.toString());
        assertTrue(to.getQuery().contains("state=" + state), "the state comes back: " + to);
        for (String pair : to.getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + to);
    }

    /** The transaction the SDK's request made, waiting in the subscriber's list; approved with PIN + device. */
    private static void approveTheRequestWaiting(Api.Subscriber subscriber) throws Exception {
        JsonNode pending = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/transactions?status=PENDING", subscriber.token(), null, null)),
                list -> list.size() > 0, "the SDK's request waiting for the subscriber");
        Api.ok(subscriber.confirm(pending.get(0).get("id").asText()));
    }

    private static JsonNode validate(byte[] document) throws Exception {
        return Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/validations", null, "application/json",
                Api.JSON.writeValueAsString(Map.of("document", Base64.getEncoder().encodeToString(document))))));
    }
}
