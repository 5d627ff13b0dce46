package vn.kyso.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * The backend-for-frontend keeps tokens out of the page: they live sealed in an HttpOnly, SameSite=Strict cookie;
 * every state-changing call needs the CSRF token; relayed calls carry the session's token and nothing else reaches
 * other paths or services.
 */
@QuarkusTest
@WithTestResource(ServicesStub.class)
class BffTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "", management = true)
    java.net.URL management;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds_count"))
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void signInPutsTheTokenInASealedHttpOnlyCookieOnly() {
        Response session = given().get("/bff/session");
        session.then().statusCode(200).body("authenticated", equalTo(false));
        String csrf = session.path("csrfToken");
        Cookie csrfCookie = session.getDetailedCookie("kyso_csrf");
        assertEquals(csrf, csrfCookie.getValue());
        assertFalse(csrfCookie.isHttpOnly(), "the page reads the CSRF token");
        assertEquals("Strict", csrfCookie.getSameSite());

        int calls = ServicesStub.LOGIN_CALLS.get();
        given().contentType(ContentType.JSON).body(credentials(ServicesStub.PASSWORD)).post("/bff/login").then()
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("CSRF_REJECTED"));
        given().cookie("kyso_csrf", csrf).header("X-CSRF-Token", "not-it").contentType(ContentType.JSON)
                .body(credentials(ServicesStub.PASSWORD)).post("/bff/login").then().statusCode(403);
        assertEquals(calls, ServicesStub.LOGIN_CALLS.get(), "a forged sign-in never reaches account-service");

        withCsrf(csrf).body(credentials("wrong")).post("/bff/login").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CREDENTIALS"))
                .header("Set-Cookie", nullValue());

        Response login = withCsrf(csrf).body(credentials(ServicesStub.PASSWORD)).post("/bff/login");
        login.then().statusCode(200).body("authenticated", equalTo(true)).body("access_token", nullValue())
                .body("refresh_token", nullValue());
        assertFalse(login.asString().contains(ServicesStub.LOGIN_TOKEN) || login.asString().contains("refresh.secret"));
        Cookie sessionCookie = login.getDetailedCookie("kyso_session");
        assertTrue(sessionCookie.isHttpOnly(), "script never sees the session");
        assertEquals("Strict", sessionCookie.getSameSite());
        assertFalse(sessionCookie.getValue().contains(ServicesStub.LOGIN_TOKEN.substring(0, 12)), "sealed, not encoded");

        given().cookie("kyso_session", sessionCookie.getValue()).get("/bff/session").then()
                .body("authenticated", equalTo(true));
        given().cookie("kyso_session", sessionCookie.getValue()).queryParam("status", "PENDING")
                .get("/bff/api/signing/transactions").then().statusCode(200)
                .body("path", equalTo("/api/v1/transactions")).body("query", equalTo("status=PENDING"))
                .body("authorization", equalTo("Bearer " + ServicesStub.LOGIN_TOKEN));
    }

    @Test
    void relayedCallsNeedTheSessionAndCsrfAndStayInsideThePublicApis() {
        String csrf = given().get("/bff/session").path("csrfToken");
        String session = withCsrf(csrf).body(credentials(ServicesStub.PASSWORD)).post("/bff/login")
                .getCookie("kyso_session");

        given().get("/bff/api/signing/credentials").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("SESSION_REQUIRED"));
        String tampered = session.substring(0, session.length() - 2) + (session.endsWith("AA") ? "BB" : "AA");
        given().cookie("kyso_session", tampered).get("/bff/api/signing/credentials").then().statusCode(401);

        given().cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("pin", "246813"))
                .post("/bff/api/signing/credentials").then().statusCode(403).body("code", equalTo("CSRF_REJECTED"));
        given().cookie("kyso_session", session).cookie("kyso_csrf", csrf).header("X-CSRF-Token", csrf)
                .contentType(ContentType.JSON).body(Map.of("pin", "246813")).post("/bff/api/signing/credentials")
                .then().statusCode(200).body("method", equalTo("POST")).body("path", equalTo("/api/v1/credentials"))
                .body("body.pin", equalTo("246813"))
                .body("authorization", equalTo("Bearer " + ServicesStub.LOGIN_TOKEN));
        given().cookie("kyso_session", session).get("/bff/api/activation/status").then().statusCode(200)
                .body("path", equalTo("/api/v1/activation/status"));

        // Dot segments are normalised away before routing; whatever remains must stay under the public API.
        for (String path : new String[] {"/bff/api/signing/..%2Finternal%2Fv1%2Ftransactions", "/bff/api/signing/a/../b",
                "/bff/api/ca/keys", "/bff/api/signing/%2e%2e/q/health", "/bff/api/signing/..%5Cinternal",
                "/bff/api/signing/x%00y", "/bff/api/signing/transactions%3Fstatus=x"}) {
            Response answer = given().urlEncodingEnabled(false).cookie("kyso_session", session).get(path);
            if (answer.statusCode() == 200) {
                String relayed = answer.path("path");
                assertTrue(relayed.startsWith("/api/v1/") && !relayed.contains("internal") && !relayed.contains(".."),
                        path + " was relayed to " + relayed);
            } else {
                assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, path + ": " + answer.statusCode());
                assertFalse(answer.asString().contains("authorization"), path);
            }
        }
        given().cookie("kyso_session", session).get("/bff/api/signing/transactions/t1/document").then()
                .statusCode(200).contentType("application/pdf").header("Content-Disposition",
                        containsString("hop-dong.pdf"));

        Response logout = given().cookie("kyso_session", session).cookie("kyso_csrf", csrf)
                .header("X-CSRF-Token", csrf).post("/bff/logout");
        logout.then().statusCode(204);
        assertEquals("", logout.getDetailedCookie("kyso_session").getValue());
        assertEquals(0, logout.getDetailedCookie("kyso_session").getMaxAge());
    }

    @Test
    void anyoneMayHaveADocumentValidatedWithoutASessionButWithTheCsrfToken() {
        String csrf = given().get("/bff/session").path("csrfToken");
        Map<String, Object> body = Map.of("document", "JVBERi0xLjc=", "name", "hop-dong.pdf");
        given().contentType(ContentType.JSON).body(body).post("/bff/validations").then().statusCode(403)
                .body("code", equalTo("CSRF_REJECTED"));
        withCsrf(csrf).body(body).post("/bff/validations").then().statusCode(200)
                .body("method", equalTo("POST")).body("path", equalTo("/api/v1/validations"))
                .body("body.name", equalTo("hop-dong.pdf")).body("authorization", nullValue());
        withCsrf(csrf).body("{\"document\":\"" + "A".repeat(12 * 1024 * 1024) + "\"}").post("/bff/validations")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void everyAnswerCarriesTheBrowserHardeningHeaders() {
        for (String path : new String[] {"/", "/app.js", "/bff/session", "/bff/api/signing/credentials"}) {
            given().get(path).then()
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Strict-Transport-Security", containsString("max-age="));
        }
    }

    @Test
    void theOperatorCannotSignInAndOnlyTheSubscribersOwnRoutesAreRelayed() {
        String csrf = given().get("/bff/session").path("csrfToken");
        Response refused = withCsrf(csrf).body(Map.of("identifier", ServicesStub.OPERATOR, "password",
                ServicesStub.PASSWORD)).post("/bff/login");
        refused.then().statusCode(403).contentType("application/problem+json").body("code", equalTo("SUBSCRIBERS_ONLY"));
        assertEquals(null, refused.getCookie("kyso_session"), "no session for an operator");

        String session = withCsrf(csrf).body(credentials(ServicesStub.PASSWORD)).post("/bff/login")
                .getCookie("kyso_session");
        // Routes of the operator API and of other services' internals are not relayed, even for a signed-in browser.
        for (String path : new String[] {"/bff/api/account/accounts?identifier=001203004567",
                "/bff/api/account/service-providers", "/bff/api/account/auth/service-token",
                "/bff/api/signing/internal/transactions", "/bff/api/activation/status/extra"}) {
            given().cookie("kyso_session", session).get(path).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        }
        withCsrf(csrf).cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/bff/api/account/service-providers").then().statusCode(404);
        // The certificate's own management is relayed (PIN change and reset, hold, resumption, revocation, TH v2
        // delegation on and off, and their challenge); other credential routes are not.
        String credential = "/bff/api/signing/credentials/3e9b2f6a-8c1d-4a7e-b0f5-1d2c3b4a5e6f/";
        for (String action : new String[] {"challenge", "pin", "suspend", "resume", "revoke", "reset", "totp", "renew"}) {
            withCsrf(csrf).cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("pin", "x"))
                    .post(credential + action).then().statusCode(200)
                    .body("path", equalTo("/api/v1/credentials/3e9b2f6a-8c1d-4a7e-b0f5-1d2c3b4a5e6f/" + action));
        }
        withCsrf(csrf).cookie("kyso_session", session).delete(credential + "totp").then().statusCode(200)
                .body("path", equalTo("/api/v1/credentials/3e9b2f6a-8c1d-4a7e-b0f5-1d2c3b4a5e6f/totp"));
        withCsrf(csrf).cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("pin", "x"))
                .post(credential + "unlock").then().statusCode(404);
        withCsrf(csrf).cookie("kyso_session", session).delete(credential + "pin").then().statusCode(404);
        // Web Push: the key, this browser's subscription and the notice preferences; nothing else of that service.
        given().cookie("kyso_session", session).get("/bff/api/notification/push/key").then().statusCode(200)
                .body("path", equalTo("/api/v1/push/key"));
        withCsrf(csrf).cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("endpoint", "x"))
                .post("/bff/api/notification/push/subscriptions").then().statusCode(200)
                .body("path", equalTo("/api/v1/push/subscriptions"));
        withCsrf(csrf).cookie("kyso_session", session).contentType(ContentType.JSON).body(Map.of("preferences", "x"))
                .put("/bff/api/notification/notification-preferences").then().statusCode(200)
                .body("path", equalTo("/api/v1/notification-preferences"));
        given().cookie("kyso_session", session).get("/bff/api/notification/q/health").then().statusCode(404);
        withCsrf(csrf).cookie("kyso_session", session).delete("/bff/api/notification/push/subscriptions").then()
                .statusCode(404);
        given().cookie("kyso_session", session).get("/bff/api/account/me").then().statusCode(200)
                .body("authorization", equalTo("Bearer " + ServicesStub.LOGIN_TOKEN));
    }

    @Test
    void aDocumentUploadMayBeLargeOnItsOwnRouteOnly() {
        String csrf = given().get("/bff/session").path("csrfToken");
        String session = withCsrf(csrf).body(credentials(ServicesStub.PASSWORD)).post("/bff/login")
                .getCookie("kyso_session");
        String pdf = "{\"fileName\":\"a.pdf\",\"document\":\"" + "A".repeat(2 * 1024 * 1024) + "\"}";
        withCsrf(csrf).cookie("kyso_session", session).body(pdf).post("/bff/api/signing/documents").then()
                .statusCode(200).body("path", equalTo("/api/v1/documents"));
        withCsrf(csrf).cookie("kyso_session", session).body(pdf).post("/bff/api/signing/credentials").then()
                .statusCode(413).contentType("application/problem+json");
        withCsrf(csrf).cookie("kyso_session", session).body("{\"document\":\"" + "A".repeat(12 * 1024 * 1024)
                + "\"}").post("/bff/api/signing/documents").then().statusCode(413);
        for (String path : new String[] {"documents/d-1", "documents/d-1/pages/3", "documents/d-1/content"}) {
            given().cookie("kyso_session", session).get("/bff/api/signing/" + path).then().statusCode(200)
                    .body("path", equalTo("/api/v1/" + path));
        }
        given().cookie("kyso_session", session).get("/bff/api/signing/documents/d-1/pages/x").then().statusCode(404);
        withCsrf(csrf).cookie("kyso_session", session).delete("/bff/api/signing/documents/d-1").then()
                .statusCode(200).body("method", equalTo("DELETE"));
        given().cookie("kyso_session", session).delete("/bff/api/signing/documents/d-1").then().statusCode(403);
    }

    @Test
    void transactionChangesStreamThroughTheSession() {
        String csrf = given().get("/bff/session").path("csrfToken");
        String session = withCsrf(csrf).body(credentials(ServicesStub.PASSWORD)).post("/bff/login")
                .getCookie("kyso_session");
        String stream = given().cookie("kyso_session", session).accept("text/event-stream").get("/bff/events")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        assertTrue(stream.contains("data:{\"change\":\"REQUESTED\",\"transactionId\":\"t1\"}")
                && stream.contains("\"change\":\"SIGNED\""), stream);
        given().accept("text/event-stream").get("/bff/events").then().statusCode(401)
                .body("code", equalTo("SESSION_REQUIRED"));
    }

    @Test
    void activationStepOneSignsTheSubscriberIn() {
        String csrf = given().get("/bff/session").path("csrfToken");
        Response verified = withCsrf(csrf).body(Map.of("identifier", ServicesStub.IDENTIFIER, "activationCode",
                "123456", "password", ServicesStub.PASSWORD, "confirmPassword", ServicesStub.PASSWORD,
                "acceptTerms", true)).post("/bff/activation/verify");
        verified.then().statusCode(200).body("step", equalTo("PIN")).body("access_token", nullValue());
        given().cookie("kyso_session", verified.getCookie("kyso_session")).get("/bff/api/activation/status").then()
                .body("authorization", equalTo("Bearer " + ServicesStub.ACTIVATION_TOKEN));
        withCsrf(csrf).body("[1,2]").post("/bff/activation/verify").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aNewActivationCodeIsAskedForWithoutASessionButWithTheCsrfToken() {
        String csrf = given().get("/bff/session").path("csrfToken");
        withCsrf(csrf).body(Map.of("identifier", ServicesStub.IDENTIFIER)).post("/bff/activation/resend").then()
                .statusCode(200).body("path", equalTo("/api/v1/activation/resend"))
                .body("authorization", nullValue()).body("body.identifier", equalTo(ServicesStub.IDENTIFIER));
        given().contentType(ContentType.JSON).body(Map.of("identifier", ServicesStub.IDENTIFIER))
                .post("/bff/activation/resend").then().statusCode(403);
    }

    @Test
    void theAppIsServedFromThePortalItselfWithNoExternalResources() {
        String page = given().get("/").then().statusCode(200).contentType(containsString("text/html")).extract()
                .asString();
        assertTrue(page.contains("/app.js") && page.contains("lang=\"vi\""), page);
        for (String asset : new String[] {page, given().get("/app.js").asString(), given().get("/app.css").asString()}) {
            assertFalse(asset.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no CDN or other origin");
        }
        given().get("/app.js").then().statusCode(200).body(not(containsString("access_token")));

        // Screen readers: every field of every screen has its label (the cards' PIN fields get theirs in app.js).
        java.util.regex.Matcher inputs = java.util.regex.Pattern.compile("<input[^>]*\\bid=\"([^\"]+)\"").matcher(page);
        int fields = 0;
        while (inputs.find()) {
            fields++;
            assertTrue(page.contains("for=\"" + inputs.group(1) + "\""), "a label for #" + inputs.group(1));
        }
        assertTrue(fields >= 9, "the sign-in and wizard fields were all checked: " + fields);
        assertTrue(page.contains("aria-live") && page.contains("role=\"alert\""), "errors and changes are announced");
    }

    /** Issue 18, finding 13: a copy of the cookie taken before sign-out is refused after it. */
    @Test
    void signingOutEndsTheSessionForEveryCopyOfTheCookie() {
        String csrf = given().get("/bff/session").path("csrfToken");
        String cookie = withCsrf(csrf).body(Map.of("identifier", ServicesStub.LEAVER, "password", ServicesStub.PASSWORD))
                .post("/bff/login").then().statusCode(200).extract().cookie("kyso_session");
        given().cookie("kyso_session", cookie).get("/bff/api/signing/credentials").then().statusCode(200)
                .body("authorization", equalTo("Bearer " + ServicesStub.LEAVER_TOKEN));

        given().cookie("kyso_session", cookie).cookie("kyso_csrf", csrf).header("X-CSRF-Token", csrf)
                .post("/bff/logout").then().statusCode(204);
        assertTrue(ServicesStub.ENDED.contains(ServicesStub.LEAVER_TOKEN), "account-service was asked to end it");
        // The captured copy: refused on every route, and the page is told it is signed out.
        given().cookie("kyso_session", cookie).get("/bff/api/signing/credentials").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("SESSION_REQUIRED"));
        given().cookie("kyso_session", cookie).get("/bff/events").then().statusCode(401);
        given().cookie("kyso_session", cookie).get("/bff/session").then().statusCode(200)
                .body("authenticated", equalTo(false));
    }

    private static Map<String, String> credentials(String password) {
        return Map.of("identifier", ServicesStub.IDENTIFIER, "password", password);
    }

    private static io.restassured.specification.RequestSpecification withCsrf(String csrf) {
        return given().cookie("kyso_csrf", csrf).header("X-CSRF-Token", csrf).contentType(ContentType.JSON);
    }
}
