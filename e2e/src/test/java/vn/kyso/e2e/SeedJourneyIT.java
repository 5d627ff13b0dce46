package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import vn.kyso.testsupport.TestPushService;

/**
 * The seed's whole journey in a real headless Chromium (360 px wide) with a virtual platform authenticator: account
 * made by the operator, code from the email, wizard 1/4 → 4/4 with PIN + passkey, the acceptance record refused once
 * for a wrong PIN and once for a failed biometric, then signed → home shows the account ACTIVE and its certificate;
 * then integrators' requests appear on the open page and are signed, rejected or left to expire; then an integrator
 * gets the subscriber's consent through the CSC OAuth 2.0 authorization-code flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedJourneyIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String PIN = "246813";
    /** The PIN the subscriber changes to on the certificate screen (the last test). */
    private static final String NEW_PIN = "135792";
    private static final String RECOVERY_PIN = "359172";
    private static final String RESET_PIN = "580417";

    private static KysoStack stack;
    private static ChromeDriver browser;
    // The subscriber the first test activates; the second one signs for integrators as that subscriber.
    private static String identifier;
    private static String accountId;
    private static VirtualAuthenticator passkeys;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("KYSO_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("KYSO_REQUIRE_BROWSER=1 but /usr/bin/chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "the browser journey needs Debian's chromium and chromium-driver: "
                + "apt-get install -y chromium chromium-driver (.ci/run does)");
        stack = KysoStack.shared();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic");
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", 360, "height", 780,
                "pixelRatio", 2.0)));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void fromTheOperatorsAccountToAnActiveAccountInTheBrowser() throws Exception {
        String identifier = String.format("%012d", Math.floorMod(new Random().nextLong(), 1_000_000_000_000L));
        KysoStack.Created account = stack.createAccount(identifier, "Trần Thị Duyệt", "web-" + identifier
                + "@example.vn");
        String code = account.code();
        SeedJourneyIT.identifier = identifier;
        accountId = account.accountId();
        passkeys = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true));
        WebDriverWait wait = waiting();

        browser.get(KysoStack.PORTAL + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("to-activate"))).click();
        type("a-identifier", identifier);
        // "Gửi lại mã kích hoạt": a second code by mail, which replaces the first.
        browser.findElement(By.id("a-resend")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("a-resend-status"), "mã mới đã được gửi"));
        String email = "web-" + identifier + "@example.vn";
        String inbox = Api.await(() -> KysoStack.inbox(email), mail -> java.util.regex.Pattern
                .compile("Activation code: [0-9]{6}").matcher(mail).results().count() >= 2, "the second code's mail");
        code = java.util.regex.Pattern.compile("Activation code: ([0-9]{6})").matcher(inbox).results()
                .map(m -> m.group(1)).reduce((first, second) -> second).orElseThrow();
        type("a-code", code);
        type("a-password", "Web-Mat-Khau-1!");
        type("a-confirm", "Web-Mat-Khau-1!");
        browser.findElement(By.id("a-terms")).click();
        shot("1-kich-hoat-tai-khoan");
        browser.findElement(By.cssSelector("#step1-form button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin")));
        type("pin", PIN);
        type("pin-confirm", PIN);
        shot("2-tao-pin-sinh-trac-hoc");
        browser.findElement(By.cssSelector("#step2-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("step3")));
        shot("3-kich-hoat-cap-khoa");
        assertEquals(1, passkeys.getCredentials().size(), "step 2/4 made one passkey");

        WebElement pin = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#step4 .tx-pin")));
        assertEquals("BIÊN BẢN NGHIỆM THU", browser.findElement(By.cssSelector("#step4 .tx-file")).getText());
        assertEquals("Kyso", browser.findElement(By.cssSelector("#step4 .tx-app")).getText());
        assertTrue(browser.findElement(By.cssSelector("#step4 .tx-left")).getText().matches("[0-5]:[0-5][0-9]"));
        String document = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[1];"
                + " fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.headers.get('content-type')"
                + " + ' ' + new TextDecoder().decode(new Uint8Array(b).slice(0, 5)))));",
                browser.findElement(By.cssSelector("#step4 .tx-view")).getAttribute("href"));
        assertEquals("application/pdf %PDF-", document, "'Xem tài liệu' opens the record");
        shot("4-ky-bien-ban-nghiem-thu");

        pin.sendKeys("864209");
        browser.findElement(By.cssSelector("#step4 .tx-confirm")).click();
        WebElement error = browser.findElement(By.cssSelector("#step4 .tx-error"));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "Còn 4 lần thử"));

        passkeys.setUserVerified(false);
        pin.clear();
        pin.sendKeys(PIN);
        browser.findElement(By.cssSelector("#step4 .tx-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(error, "sinh trắc học"));
        assertTrue(browser.findElement(By.cssSelector("#step4 .tx-confirm")).isEnabled(), "still waiting, unsigned");

        passkeys.setUserVerified(true);
        pin.clear();
        pin.sendKeys(PIN);
        browser.findElement(By.cssSelector("#step4 .tx-confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), "Đang hoạt động"));
        assertTrue(browser.findElement(By.id("account")).getText().contains(identifier));
        String certificates = browser.findElement(By.id("certificates")).getText();
        assertTrue(certificates.contains("Đang hoạt động") && certificates.matches("(?s).*[0-9A-F]{16,}.*"),
                certificates);
        shot("5-trang-chu");

        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), "Active"));
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    @Order(2)
    void integratorsRequestsAppearLiveAndAreSignedRejectedOrLeftToExpire() throws Exception {
        Assumptions.assumeTrue(accountId != null, "needs the subscriber the journey activated");
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), identifier));
        if ("en".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.findElement(By.id("lang")).click(); // back to Vietnamese after the first test's switch
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), "Đang hoạt động"));
        }
        KysoStack.Integrator sp = stack.registerIntegrator("Hóa đơn điện tử " + identifier, identifier);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("Hóa đơn 0000123".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        // Web Push. Chromium's push service is Google's and registering with it needs the network, which this machine
        // has not: the page's PushManager answers with a subscription the test's push service made (a browser's keys).
        // The permission, the service worker, the portal's script, the BFF, notification-service, the encryption and
        // the delivery over HTTP are all real; the test's push service checks VAPID and decrypts with the JDK alone.
        String signed = "WEB-" + identifier;
        WebElement card;
        try (TestPushService pushService = new TestPushService()) {
            TestPushService.Subscription phone = pushService.subscribe();
            browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", KysoStack.PORTAL,
                    "permissions", List.of("notifications")));
            ((JavascriptExecutor) browser).executeScript("const given = arguments[0]; let made = null;"
                    + " PushManager.prototype.subscribe = async function (options) { made = { endpoint: given.endpoint,"
                    + " options, toJSON: () => given, unsubscribe: async () => { made = null; return true; } };"
                    + " return made; };"
                    + " PushManager.prototype.getSubscription = async function () { return made; };", phone.json());
            browser.findElement(By.id("notify-enable")).click();
            wait.until(driver -> driver.findElement(By.id("notify-state")).getText().contains("Thiết bị này nhận")
                    || driver.findElement(By.id("notify-error")).isDisplayed());
            assertTrue(browser.findElement(By.id("notify-state")).getText().contains("Thiết bị này nhận thông báo"),
                    browser.findElement(By.id("notify-error")).getText());
            ((JavascriptExecutor) browser).executeScript("document.getElementById('notices').scrollIntoView()");
            shot("13-bat-thong-bao");

            assertTrue(stack.sp769Sign(sp, identifier, signed, hash).contains("sig_wait_for_user_confirm"));
            card = live(wait, sp.name());
            String requestId = card.getAttribute("data-id");
            shot("6-yeu-cau-tu-tich-hop");
            TestPushService.Received pushed = Api.await(() -> pushService.receivedFor(phone), l -> !l.isEmpty(),
                    "the push of the waiting request").get(0);
            String key = Api.await(() -> stack.publicGet(Api.NOTIFICATION + "/api/v1/push/key"),
                    k -> k.contains("publicKey"), "the VAPID key").replaceAll(".*\"publicKey\":\"([^\"]+)\".*",
                    "$1");
            pushService.verifyVapid(pushed, key);
            String notice = new String(TestPushService.decrypt(pushed, phone), java.nio.charset.StandardCharsets.UTF_8);
            // This integrator's first request (§4): the notice says so, and how to refuse it for good.
            assertTrue(notice.contains("\"title\":\"Yêu cầu đầu tiên từ " + sp.name() + "\"")
                    && notice.contains("Không biết ứng dụng này? Hãy chặn nó."), notice);
            String opens = notice.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
            assertEquals("/?request=" + requestId, opens, "tapping it opens this request");
            assertTrue(Api.await(() -> KysoStack.inbox("web-" + identifier + "@example.vn"),
                    inbox -> inbox.contains("A signing request is waiting for you"), "the request's mail")
                    .contains("A signing request is waiting for you"));

            // Tapping the notice opens the portal at the request, its PIN field ready.
            browser.get(KysoStack.PORTAL + opens);
            wait.until(driver -> requestId.equals(driver.switchTo().activeElement()
                    .findElement(By.xpath("ancestor::article")).getAttribute("data-id")));
            assertEquals("/", new java.net.URI(browser.getCurrentUrl()).getPath());
            card = live(wait, sp.name());
            // The integrator's first request says so (§4): approving it allows the integrator.
            assertTrue(card.findElement(By.cssSelector(".tx-first")).getText().contains("Lần đầu " + sp.name()),
                    card.getText());
            assertTrue(card.findElement(By.cssSelector(".tx-block")).isDisplayed());
        }
        // By keyboard only: the PIN typed where the notice put the focus, Enter confirms, the focus stays on the card.
        browser.switchTo().activeElement().sendKeys(PIN, org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElement(card.findElement(By.cssSelector(".tx-left")),
                "Đã ký"));
        assertEquals(card.getAttribute("data-id"), browser.switchTo().activeElement()
                .findElement(By.xpath("ancestor-or-self::article")).getAttribute("data-id"), "focus kept on the card");
        assertTrue(stack.sp769Status(signed).contains("\"message\":\"SUCCESS\""), "the integrator sees SUCCESS");
        // Typing into the focused PIN field left Chromium's visual viewport 37 px below the layout viewport (an
        // emulated phone keyboard's inset); WebDriver places clicks by the layout viewport, so until the page is loaded
        // again its clicks land beside their targets. A finger aims at what it sees: the test's artefact, not a user's.
        browser.navigate().refresh();

        String refused = "WEB-R-" + identifier;
        stack.sp769Sign(sp, identifier, refused, hash);
        card = live(wait, sp.name());
        assertTrue(!card.findElement(By.cssSelector(".tx-first")).isDisplayed()
                && !card.findElement(By.cssSelector(".tx-block")).isDisplayed(), "allowed by the approval");
        card.findElement(By.cssSelector(".tx-reject")).click();
        WebElement rejected = card;
        wait.until(ExpectedConditions.textToBePresentInElement(rejected.findElement(By.cssSelector(".tx-left")),
                "Đã từ chối"));
        String status = stack.sp769Status(refused);
        assertTrue(status.contains("REJECT"), status);

        String expiring = stack.shortTransaction(accountId, 30);
        WebElement countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#pending .transaction[data-id='" + expiring + "'] .tx-left")));
        assertTrue(countdown.getText().matches("0:[0-3][0-9]"), countdown.getText());
        waiting().until(ExpectedConditions.textToBePresentInElement(
                countdown, "Đã hết hạn"));
        assertTrue(!browser.findElement(By.cssSelector("#pending .transaction[data-id='" + expiring + "'] .tx-confirm"))
                .isEnabled(), "an expired request cannot be confirmed");
        shot("7-het-han");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Đã ký"));

        // The subscriber's say over integrators (§4): blocked, this one meets an unknown ID number, in SP769's own
        // words and nothing more; allowed again, its requests arrive again.
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#integrators li[data-sp='" + sp.id()
                + "'] .int-block"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"), "Đã chặn"));
        String whileBlocked = refusal(() -> stack.sp769Sign(sp, identifier, "WEB-B-" + identifier, hash));
        String nobody = refusal(() -> stack.sp769Sign(sp, "000000000009", "WEB-N-" + identifier, hash));
        assertTrue(whileBlocked.contains("Unknown user_id"), whileBlocked);
        assertEquals(nobody.replace("000000000009", "").replaceAll("WEB-[BN]-", ""),
                whileBlocked.replace(identifier, "").replaceAll("WEB-[BN]-", ""), "as for an ID number nobody holds");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.findElement(By.id("integrators-card")));
        shot("17-ung-dung-tich-hop");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#integrators li[data-sp='" + sp.id()
                + "'] .int-allow"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"), "Đã cho phép"));
        assertTrue(stack.sp769Sign(sp, identifier, "WEB-A-" + identifier, hash).contains("sig_wait_for_user_confirm"),
                "allowed again, its request arrives");
        live(wait, sp.name()).findElement(By.cssSelector(".tx-reject")).click();

        // An integrator the subscriber does not know: its first request is blocked from its own card, which refuses it
        // (the integrator hears "rejected") and every request after it meets an unknown ID number.
        KysoStack.Integrator stranger = stack.registerIntegrator("Khuyến mãi " + identifier, identifier);
        String spam = "WEB-S-" + identifier;
        assertTrue(stack.sp769Sign(stranger, identifier, spam, hash).contains("sig_wait_for_user_confirm"));
        WebElement first = live(wait, stranger.name());
        assertTrue(first.findElement(By.cssSelector(".tx-first")).getText().contains("Lần đầu"), first.getText());
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", first);
        shot("18-yeu-cau-dau-tien");
        first.findElement(By.cssSelector(".tx-block")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(first.findElement(By.cssSelector(".tx-left")),
                "Đã chặn"));
        assertTrue(stack.sp769Status(spam).contains("REJECT"), stack.sp769Status(spam));
        assertTrue(refusal(() -> stack.sp769Sign(stranger, identifier, "WEB-S2-" + identifier, hash))
                .contains("Unknown user_id"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#integrators li[data-sp='"
                + stranger.id() + "'] .int-state"), "Đã chặn"));
    }

    /** The body of a refused call (KysoStack's calls throw with it). */
    private static String refusal(Api.Call<String> call) throws Exception {
        try {
            return "accepted: " + call.get();
        } catch (IllegalStateException e) {
            return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        }
    }

    /**
     * CSC §8 in the browser: an integrator sends the subscriber to Kyso, the subscriber signs in on the portal, sees
     * who asks, what and how many, approves with PIN + passkey, the integrator exchanges the code (PKCE) and signHash
     * signs; a refusal, a wrong verifier, a replayed code and a foreign redirect URI yield nothing.
     */
    @Test
    @Order(3)
    void anIntegratorGetsTheSubscribersConsentThroughTheOAuthCodeFlow() throws Exception {
        Assumptions.assumeTrue(accountId != null, "needs the subscriber the journey activated");
        WebDriverWait wait = waiting();
        java.util.concurrent.BlockingQueue<String> callbacks = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer integrator = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        integrator.createContext("/", exchange -> {
            // Only the redirect counts; the browser also asks this host for its favicon.
            if (exchange.getRequestURI().getPath().startsWith("/callback")) {
                callbacks.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
            }
            byte[] page = "<html><body><h1 id=back>Hợp đồng XYZ</h1></body></html>".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        integrator.start();
        try {
            String callback = "http://127.0.0.1:" + integrator.getAddress().getPort() + "/callback";
            KysoStack.Integrator sp = stack.registerIntegrator("Hợp đồng XYZ " + identifier, "http://localhost:9/hook",
                    java.util.List.of(callback));
            String token = Api.login(identifier, "Web-Mat-Khau-1!");
            String credential = Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", token, null, null))
                    .get(0).get("id").asText();
            byte[] document = "Hợp đồng dịch vụ số 2026/12".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(document);
            String verifier = "pkce-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

            // Signed out: the portal asks for the password first, then shows the request.
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            browser.get(authorizeUrl(sp.id(), callback, verifier, "st-1", java.util.Map.of("scope", "credential",
                    "credentialID", credential, "numSignatures", "1", "hashes", java.util.Base64.getUrlEncoder()
                            .withoutPadding().encodeToString(digest), "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1",
                    "description", "Hợp đồng dịch vụ số 2026/12")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("identifier")));
            type("identifier", identifier);
            type("password", "Web-Mat-Khau-1!");
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            WebElement pin = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#consent-transaction .tx-pin")));
            assertEquals(sp.name(), browser.findElement(By.id("consent-app")).getText());
            assertTrue(browser.findElement(By.id("consent-what")).getText().contains("Tạo 1 chữ ký"),
                    browser.findElement(By.id("consent-what")).getText());
            assertEquals("127.0.0.1", browser.findElement(By.id("consent-host")).getText());
            assertEquals("Hợp đồng dịch vụ số 2026/12", browser.findElement(By.cssSelector(
                    "#consent-transaction .tx-description")).getText());
            assertTrue(!browser.findElement(By.id("consent-allow")).isDisplayed(),
                    "for signatures the PIN + passkey approval is the consent: no bare Allow button");
            shot("8-oauth-dong-y");
            pin.sendKeys(PIN);
            browser.findElement(By.cssSelector("#consent-transaction .tx-confirm")).click();
            Map<String, String> back = query(callbacks.poll(60, java.util.concurrent.TimeUnit.SECONDS));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("back")));
            assertEquals("st-1", back.get("state"));
            String code = back.get("code");
            assertTrue(code != null && code.length() >= 43, back.toString());

            // The integrator's server: a wrong verifier is refused, the right one gets a token that signs.
            assertEquals(400, exchange(sp, code, callback, "wrong-" + verifier).statusCode());
            var tokens = exchange(sp, code, callback, verifier);
            assertEquals(200, tokens.statusCode(), tokens.body());
            String access = Api.JSON.readTree(tokens.body()).get("access_token").asText();
            var signed = Api.send("POST", KysoStack.SIGNING + "/csc/v2/signatures/signHash", access,
                    "application/json", Api.JSON.writeValueAsString(java.util.Map.of("credentialID", credential,
                            "hashes", java.util.List.of(java.util.Base64.getEncoder().encodeToString(digest)),
                            "signAlgo", "1.2.840.113549.1.1.11")));
            assertEquals(200, signed.statusCode(), signed.body());
            String certificate = Api.json(Api.send("POST", KysoStack.SIGNING + "/csc/v2/credentials/info", access,
                    "application/json", "{\"credentialID\":\"" + credential + "\"}")).at("/cert/certificates/0")
                    .asText();
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initVerify(java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(certificate))));
            rsa.update(document);
            assertTrue(rsa.verify(java.util.Base64.getDecoder().decode(Api.JSON.readTree(signed.body())
                    .at("/signatures/0").asText())), "the subscriber's key signed the approved hash");
            // The code again: refused, and what it gave is revoked.
            var replayed = exchange(sp, code, callback, verifier);
            assertEquals(400, replayed.statusCode());
            assertTrue(replayed.body().contains("invalid_grant"), replayed.body());

            // A refusal: signed in already, the request shows at once; Deny sends access_denied back.
            browser.get(authorizeUrl(sp.id(), callback, verifier, "st-2", java.util.Map.of("scope", "service")));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("consent-deny")));
            assertTrue(browser.findElement(By.id("consent-what")).getText().contains("chứng thư số"));
            shot("9-oauth-tu-choi");
            browser.findElement(By.id("consent-deny")).click();
            Map<String, String> denied = query(callbacks.poll(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("access_denied", denied.get("error"));
            assertEquals("st-2", denied.get("state"));
            assertTrue(!denied.containsKey("code"));

            // A redirect URI the integrator never registered: Kyso answers itself and sends the browser nowhere.
            browser.get(authorizeUrl(sp.id(), callback + "/../evil", verifier, "st-3", java.util.Map.of()));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "not registered"));
            assertTrue(browser.getCurrentUrl().startsWith(KysoStack.SIGNING), browser.getCurrentUrl());
            assertEquals(null, callbacks.poll(2, java.util.concurrent.TimeUnit.SECONDS), "nothing reached the callback");
        } finally {
            integrator.stop(0);
        }
    }

    private static String authorizeUrl(String clientId, String redirect, String verifier, String state,
            Map<String, String> extra) throws Exception {
        Map<String, String> query = new java.util.LinkedHashMap<>(java.util.Map.of("response_type", "code", "client_id",
                clientId, "redirect_uri", redirect, "state", state, "code_challenge_method", "S256", "code_challenge",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                        .getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
        query.putAll(extra);
        StringBuilder url = new StringBuilder(KysoStack.SIGNING + "/csc/v2/oauth2/authorize");
        query.forEach((k, v) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return url.toString();
    }

    private static java.net.http.HttpResponse<String> exchange(KysoStack.Integrator sp, String code, String redirect,
            String verifier) throws Exception {
        String form = "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8) + "&code_verifier="
                + verifier + "&client_id=" + sp.id() + "&client_secret="
                + java.net.URLEncoder.encode(sp.password(), java.nio.charset.StandardCharsets.UTF_8);
        return Api.send("POST", KysoStack.SIGNING + "/csc/v2/oauth2/token", null, "application/x-www-form-urlencoded",
                form);
    }

    private static Map<String, String> query(String callback) {
        assertTrue(callback != null, "the browser came back to the integrator");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String raw = callback.substring(callback.indexOf('?') + 1);
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The pending card of a request that arrived while the page was open (no reload). */
    @Test
    @Order(4)
    void aRecipientChecksASignedPdfAndATamperedCopyOnTheValidationPage() throws Exception {
        // A contract signed through the SDK (SP769, approved with the device), as a recipient would receive it.
        Api.Subscriber signer = Api.activate(stack, "Đặng Văn Gửi");
        KysoStack.Integrator sp = stack.registerIntegrator("Recipients " + signer.identifier(), signer.identifier());
        stack.allow(sp, signer);
        java.util.concurrent.CompletableFuture<byte[]> signing = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new vn.kyso.sdk.DocumentSigner(Api.CA + "/tsa").sign(pdfOf("Hop dong gui nguoi nhan"),
                        "hop-dong.pdf", vn.kyso.sdk.DocumentSigner.Options.pades(vn.kyso.sdk.crypto.Ades.Level.B_LT),
                        new vn.kyso.sdk.Sp769Signer(KysoStack.SIGNING + "/sca/sp769", sp.id(), sp.password(),
                                signer.identifier(), Duration.ofMillis(500), Duration.ofMinutes(2))));
        com.fasterxml.jackson.databind.JsonNode pending = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/transactions?status=PENDING", signer.token(), null, null)), list -> list.size() > 0,
                "the request waiting");
        Api.ok(signer.confirm(pending.get(0).get("id").asText()));
        byte[] signed = signing.get(2, java.util.concurrent.TimeUnit.MINUTES);
        Path dir = Files.createDirectories(Path.of("target", "validation-page"));
        Path good = Files.write(dir.resolve("hop-dong-da-ky.pdf"), signed);
        byte[] changed = signed.clone();
        int box = new String(changed, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("/MediaBox [0.0 0.0 6");
        changed[box + "/MediaBox [0.0 0.0 6".length()] ^= 1;
        Path tampered = Files.write(dir.resolve("hop-dong-bi-sua.pdf"), changed);

        WebDriverWait wait = waiting();
        browser.manage().deleteAllCookies();
        browser.get(KysoStack.PORTAL + "/");
        assertEquals(KysoStack.PORTAL + "/verify.html", wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("to-verify"))).getAttribute("href"), "the sign-in card links to the validation page");
        browser.get(KysoStack.PORTAL + "/verify.html");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Kiểm tra chữ ký"));
        browser.findElement(By.id("document")).sendKeys(good.toAbsolutePath().toString());
        browser.findElement(By.id("verify-submit")).click();
        WebElement passed = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                ".signature .indication")));
        assertEquals("TOTAL_PASSED", passed.getAttribute("data-indication"), browser.findElement(By.id("result"))
                .getText());
        assertTrue(passed.getText().contains("Hợp lệ"), passed.getText());
        assertTrue(browser.findElement(By.id("signatures")).getText().contains("Đặng Văn Gửi"));
        shot("validation-passed");

        browser.findElement(By.id("document")).sendKeys(tampered.toAbsolutePath().toString());
        browser.findElement(By.id("verify-submit")).click();
        WebElement why = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                ".signature .why[data-sub-indication='HASH_FAILURE']")));
        assertTrue(why.getText().contains("Nội dung đã bị thay đổi sau khi ký"), why.getText());
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".signature .indication"),
                "Not valid"));
        assertTrue(browser.findElement(By.cssSelector(".signature .why")).getText().contains(
                "The content was changed after signing"));
        shot("validation-tampered");
        browser.findElement(By.id("lang")).click();
    }

    /**
     * "Ký tài liệu": the subscriber signs in again, uploads a PDF, taps page 1 where the signature goes, approves with
     * PIN + passkey, sees the stamp on the page, downloads the signed PDF (pdfsig accepts it, the stamp is where it was
     * placed) and deletes it.
     */
    @Test
    @Order(5)
    void theSubscriberSignsTheirOwnPdfPlacedOnThePage() throws Exception {
        Assumptions.assumeTrue(accountId != null, "needs the subscriber the journey activated");
        WebDriverWait wait = waiting();
        signInAgain(wait, By.id("documents"));
        Path dir = Files.createDirectories(Path.of("target", "sign-page"));
        Path contract = Files.write(dir.resolve("hop-dong-dich-vu.pdf"), pdfOf("Hop dong dich vu so 42"));
        browser.findElement(By.id("doc-file")).sendKeys(contract.toAbsolutePath().toString());

        WebElement image = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-image")));
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const i = document.getElementById('doc-image'); return i.complete && i.naturalWidth > 0;"));
        assertEquals("hop-dong-dich-vu", browser.findElement(By.id("doc-name")).getText());
        assertEquals("Trang 1/1", browser.findElement(By.id("doc-page")).getText());
        browser.findElement(By.id("doc-sign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doc-error"), "đặt chữ ký"));

        // A tap in the lower half of the page, a little right of centre: the box is centred there.
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", image);
        int height = image.getSize().getHeight();
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(image, 30, height / 4).click().perform();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-box")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        double k = 612.0 / ((Number) js.executeScript("return document.getElementById('doc-image').clientWidth;"))
                .doubleValue();
        double left = ((Number) js.executeScript("return parseFloat(document.getElementById('doc-box').style.left);"))
                .doubleValue() * k;
        double top = ((Number) js.executeScript("return parseFloat(document.getElementById('doc-box').style.top);"))
                .doubleValue() * k;
        assertTrue(top > 792 / 2.0, "placed in the lower half: " + top);
        type("doc-reason", "Đồng ý các điều khoản");
        shot("10-dat-chu-ky");
        browser.findElement(By.id("doc-sign")).click();
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#doc-transaction .transaction")));
        assertEquals("hop-dong-dich-vu", card.findElement(By.cssSelector(".tx-file")).getText());
        assertEquals("Đồng ý các điều khoản", card.findElement(By.cssSelector(".tx-description")).getText());
        card.findElement(By.cssSelector(".tx-pin")).sendKeys(PIN);
        card.findElement(By.cssSelector(".tx-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(card.findElement(By.cssSelector(".tx-left")),
                "Đã ký"));
        WebElement download = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-download")));
        assertTrue(!box.isDisplayed(), "the placement box gives way to the stamp");
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("const i = document"
                + ".getElementById('doc-image'); return i.src.endsWith('SIGNED') && i.complete && i.naturalWidth > 0;"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", image);
        shot("11-tai-lieu-da-ky");

        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[1];"
                + " fetch(arguments[0]).then(r => r.blob()).then(b => { const f = new FileReader();"
                + " f.onload = () => done(String(f.result).replace(/^data:[^,]*,/, '')); f.readAsDataURL(b); });",
                download.getAttribute("href"));
        byte[] signed = java.util.Base64.getDecoder().decode(base64);
        vn.kyso.testsupport.Judges.Verdict pdfsig = vn.kyso.testsupport.Judges.pdfsig(dir, signed);
        assertTrue(pdfsig.output().contains("Signature Validation: Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Trần Thị Duyệt"), pdfsig.output());
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(signed)) {
            var field = (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField) pdf.getDocumentCatalog()
                    .getAcroForm().getFields().get(0);
            var rect = field.getWidgets().get(0).getRectangle();
            assertEquals(left, rect.getLowerLeftX(), 1.5, "the stamp is where the subscriber put it");
            assertEquals(792 - top - 60, rect.getLowerLeftY(), 1.5);
            assertEquals(pdf.getPage(0).getCOSObject(), field.getWidgets().get(0).getPage().getCOSObject());
        }

        browser.findElement(By.id("doc-back")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#doc-list li[data-status='SIGNED']")));
        assertTrue(row.getText().contains("hop-dong-dich-vu · Đã ký"), row.getText());
        row.findElement(By.cssSelector(".doc-delete")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(row.findElement(By.cssSelector(".doc-delete")),
                "Xóa hẳn?"));
        row.findElement(By.cssSelector(".doc-delete")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doc-list"), "Chưa có tài liệu nào."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Kyso — Ký tài liệu"));
    }

    @Test
    @Order(6)
    void theSubscriberChangesThePinSuspendsResumesAndFinallyRevokesTheCertificateAndOcspFollows() throws Exception {
        Assumptions.assumeTrue(accountId != null, "needs the subscriber the journey activated");
        WebDriverWait wait = waiting();
        signInAgain(wait, By.cssSelector(".cert-actions"));
        // The certificate and its issuers, for OpenSSL to ask Kyso's OCSP responder as any relying party would.
        String token = Api.login(identifier, "Web-Mat-Khau-1!");
        com.fasterxml.jackson.databind.JsonNode held = Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/credentials", token, null, null)).get(0);
        com.fasterxml.jackson.databind.JsonNode chain = Api.json(Api.send("GET", Api.CA + "/api/v1/ca/certificates",
                null, null, null));
        Path dir = Files.createDirectories(Path.of("target", "certificate-life"));
        String cert = vn.kyso.testsupport.Openssl.file(dir, "subscriber.pem", held.get("certificate").asText());
        // Listed issuing CA, root, TSA.
        String issuing = vn.kyso.testsupport.Openssl.file(dir, "issuing.pem", chain.get(0).get("pem").asText());
        String root = vn.kyso.testsupport.Openssl.file(dir, "root.pem", chain.get(1).get("pem").asText());
        java.util.function.Supplier<String> ocsp = () -> vn.kyso.testsupport.Openssl.run("ocsp", "-issuer", issuing,
                "-CAfile", root, "-cert", cert, "-url", Api.CA + "/ocsp", "-resp_text").output();
        assertTrue(ocsp.get().contains(cert + ": good"), ocsp.get());

        // The PIN changed on this screen; the old one is refused from then on (and counted), the new one opens.
        WebElement change = act(wait, "suspend", "pin", null, PIN, NEW_PIN, "Đã đổi mã PIN");
        new org.openqa.selenium.support.ui.Select(change.findElement(By.cssSelector("select"))).selectByValue("suspend");
        change.findElement(By.cssSelector(".cert-pin")).sendKeys(PIN);
        change.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(change.findElement(By.cssSelector(".error")),
                "Sai mã PIN. Còn 4 lần thử."));
        assertTrue(ocsp.get().contains(cert + ": good"), "a refused PIN suspends nothing");

        // TH v2 delegation on (PIN + passkey): the secret shown once, as a QR code and as text; an integrator then
        // signs with the subscriber's password and a code of that secret, no approval on the device.
        WebElement delegation = wait.until(driver -> driver.findElements(By.cssSelector(".cert-actions")).stream()
                .filter(f -> f.findElements(By.cssSelector("option[value='totpOn']")).size() == 1).findFirst()
                .orElse(null));
        new org.openqa.selenium.support.ui.Select(delegation.findElement(By.cssSelector("select")))
                .selectByValue("totpOn");
        delegation.findElement(By.cssSelector(".cert-pin")).sendKeys(NEW_PIN);
        delegation.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(driver -> !delegation.findElements(By.cssSelector(".totp-qr")).isEmpty()
                || delegation.findElement(By.cssSelector(".error")).isDisplayed());
        assertTrue(!delegation.findElements(By.cssSelector(".totp-qr")).isEmpty(),
                delegation.findElement(By.cssSelector(".error")).getText());
        WebElement qr = delegation.findElement(By.cssSelector(".totp-qr"));
        assertTrue((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", qr), "the QR code is drawn");
        String base32 = delegation.findElement(By.cssSelector(".totp-base32")).getText();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", qr);
        shot("14-uy-quyen-otp");
        byte[] otpKey = new org.apache.commons.codec.binary.Base32().decode(base32);
        KysoStack.Integrator th = stack.registerIntegrator("TH v2 " + identifier, identifier);
        // TH v2 signs unseen, so only an integrator the subscriber allowed may use it (§4). This one looks the
        // subscriber up first and finds nobody; the portal shows who looked, and the subscriber allows it there.
        String looked = stack.sp769Certificates(th, identifier);
        assertTrue(looked.contains("\"user_certificates\":[]"), looked);
        browser.navigate().refresh();
        WebElement lookedUp = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#integrators li[data-sp='" + th.id() + "'] .int-looked")));
        assertTrue(lookedUp.getText().startsWith("Đã tra cứu"), lookedUp.getText());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#integrators li[data-sp='" + th.id()
                + "'] .int-allow"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"), "Đã cho phép"));
        assertTrue(stack.sp769Certificates(th, identifier).contains("\"cert_status_code\":\"VALID\""));
        String thTransaction = "TH-" + identifier;
        String thSigned = stack.sp769ThSign(th, identifier, "Web-Mat-Khau-1!", vn.kyso.testsupport.OtpApp.now(otpKey), thTransaction,
                java.util.HexFormat.of().formatHex(new byte[32]));
        assertTrue(thSigned.contains("sig_wait_for_user_confirm") && thSigned.contains("\"sad\""), thSigned);
        String confirmed = stack.sp769ThConfirm(th, identifier, "Web-Mat-Khau-1!", thTransaction,
                thSigned.replaceAll(".*\"sad\":\"([^\"]+)\".*", "$1"));
        assertTrue(confirmed.contains("signature_value"), confirmed);

        // Five wrong PINs in a row lock it (the right one above reset the count): the form then offers only the way
        // out, a reset with the device.
        for (int attempt = 1; attempt <= 5; attempt++) {
            WebElement form = wait.until(driver -> driver.findElements(By.cssSelector(".cert-actions")).stream()
                    .filter(f -> f.findElements(By.cssSelector("option[value='suspend']")).size() == 1).findFirst()
                    .orElse(null));
            new org.openqa.selenium.support.ui.Select(form.findElement(By.cssSelector("select"))).selectByValue("suspend");
            WebElement wrongPin = form.findElement(By.cssSelector(".cert-pin"));
            wrongPin.clear();
            wrongPin.sendKeys("975310");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            String expected = attempt < 5 ? "Còn " + (5 - attempt) + " lần thử" : "khóa";
            wait.until(ExpectedConditions.textToBePresentInElement(form.findElement(By.cssSelector(".error")),
                    expected));
        }
        signInAgain(wait, By.cssSelector(".cert-actions"));
        WebElement lockedForm = wait.until(driver -> driver.findElements(By.cssSelector(".cert-actions")).stream()
                .filter(f -> f.findElements(By.cssSelector("option[value='reset']")).size() == 1).findFirst()
                .orElse(null));
        assertTrue(lockedForm.getText().contains("Mã PIN đang bị khóa"), lockedForm.getText());
        assertTrue(lockedForm.findElements(By.cssSelector("option[value='suspend']")).isEmpty(), "only the way out");
        new org.openqa.selenium.support.ui.Select(lockedForm.findElement(By.cssSelector("select"))).selectByValue("reset");
        assertTrue(!lockedForm.findElement(By.cssSelector(".cert-pin")).isDisplayed(), "no old PIN asked");
        lockedForm.findElement(By.cssSelector(".cert-new-pin")).sendKeys(RESET_PIN);
        lockedForm.findElement(By.cssSelector(".cert-confirm-pin")).sendKeys(RESET_PIN);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", lockedForm);
        shot("15-dat-lai-ma-pin");
        lockedForm.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"),
                "Chứng thư mới đã được cấp"));
        // The old certificate is superseded (OCSP says so); the new one, under the new PIN, is good.
        Api.await(ocsp::get, out -> out.contains(cert + ": revoked") && out.contains("Reason: superseded"),
                "OCSP: the old certificate superseded");
        String inbox = Api.await(() -> KysoStack.inbox("web-" + identifier + "@example.vn"),
                mail -> mail.contains("Your PIN is locked") && mail.contains("Your PIN was changed"), "PIN mails");
        assertTrue(inbox.contains("Password + OTP signing has been switched off"), "the new key ended delegation");
        com.fasterxml.jackson.databind.JsonNode renewed = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/credentials", Api.login(identifier, "Web-Mat-Khau-1!"), null, null)).get(0),
                c -> "ACTIVE".equals(c.path("status").asText()), "the new certificate");
        String cert2 = vn.kyso.testsupport.Openssl.file(dir, "subscriber-2.pem", renewed.get("certificate").asText());
        java.util.function.Supplier<String> ocsp2 = () -> vn.kyso.testsupport.Openssl.run("ocsp", "-issuer", issuing,
                "-CAfile", root, "-cert", cert2, "-url", Api.CA + "/ocsp", "-resp_text").output();
        assertTrue(ocsp2.get().contains(cert2 + ": good"), ocsp2.get());

        // Renewal (the stack opens its window at once): PIN + passkey, a new key pair and certificate under the same
        // PIN; the one it replaces is superseded.
        act(wait, "renew", "renew", null, RESET_PIN, null, "Đã gia hạn");
        assertTrue(browser.findElement(By.id("cert-notice")).getText().contains("mã PIN giữ nguyên"));
        Api.await(ocsp2::get, out -> out.contains(cert2 + ": revoked") && out.contains("Reason: superseded"),
                "OCSP: the renewed certificate superseded");
        com.fasterxml.jackson.databind.JsonNode third = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/credentials", Api.login(identifier, "Web-Mat-Khau-1!"), null, null)).get(0),
                c -> "ACTIVE".equals(c.path("status").asText())
                        && !c.path("serialNumber").asText().equals(renewed.path("serialNumber").asText()),
                "the renewed certificate");
        String cert3 = vn.kyso.testsupport.Openssl.file(dir, "subscriber-3.pem", third.get("certificate").asText());
        java.util.function.Supplier<String> ocsp3 = () -> vn.kyso.testsupport.Openssl.run("ocsp", "-issuer", issuing,
                "-CAfile", root, "-cert", cert3, "-url", Api.CA + "/ocsp", "-resp_text").output();
        assertTrue(ocsp3.get().contains(cert3 + ": good"), ocsp3.get());
        Api.await(() -> KysoStack.inbox("web-" + identifier + "@example.vn"),
                mail -> mail.contains("Your certificate was renewed"), "the renewal's mail");

        // The phone is lost. Signed in with the password alone, the subscriber asks for a recovery; an operator, having
        // called back, approves; from that moment the old device approves nothing.
        String email = "web-" + identifier + "@example.vn";
        WebElement recovery = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "details.recovery summary")));
        recovery.click();
        browser.findElement(By.cssSelector(".recovery-reason")).sendKeys("Mất điện thoại trên xe buýt");
        browser.findElement(By.cssSelector(".recovery-ask button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"),
                "Đã gửi yêu cầu khôi phục"));
        Api.await(() -> KysoStack.inbox(email), mail -> mail.contains("A recovery of your lost device was requested"),
                "the recovery request's mail");
        String operator = stack.operator();
        String recoveryId = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/recoveries",
                operator, null, null)), list -> list.findValues("credentialId").stream().anyMatch(
                        id -> id.asText().equals(third.get("id").asText())), "the operator's queue").findParents(
                                "credentialId").stream().filter(r -> r.get("credentialId").asText().equals(
                                        third.get("id").asText())).findFirst().orElseThrow().get("recoveryId").asText();
        Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/recoveries/" + recoveryId + "/approve", operator,
                "application/json", "{\"note\":\"Gọi lại số điện thoại đã đăng ký, khớp CCCD\"}"));
        String lostRequest = "WEB-LOST-" + identifier;
        stack.sp769Sign(th, identifier, lostRequest, java.util.HexFormat.of().formatHex(new byte[32]));
        WebElement lostCard = live(wait, th.name());
        lostCard.findElement(By.cssSelector(".tx-pin")).sendKeys(RESET_PIN);
        lostCard.findElement(By.cssSelector(".tx-confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(lostCard.findElement(By.cssSelector(".tx-error")),
                "Xác thực sinh trắc học không thành công"));
        assertFalse(stack.sp769Status(lostRequest).contains("\"message\":\"SUCCESS\""), "the lost device signed nothing");

        // A new phone: a new authenticator (the old one is gone), the mailed code, a new PIN, a new passkey.
        ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(passkeys);
        passkeys = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true));
        browser.navigate().refresh();
        WebElement bind = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".recovery-bind")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", bind);
        shot("16-khoi-phuc-thiet-bi");
        bind.findElement(By.cssSelector(".recovery-code")).sendKeys(KysoStack.recoveryCode(email));
        bind.findElement(By.cssSelector(".recovery-pin")).sendKeys(RECOVERY_PIN);
        bind.findElement(By.cssSelector(".recovery-confirm")).sendKeys(RECOVERY_PIN);
        bind.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"),
                "Chứng thư mới đã được cấp"));
        // The old certificate: revoked for key compromise, as OpenSSL hears from OCSP; the new one good.
        Api.await(ocsp3::get, out -> out.contains(cert3 + ": revoked") && out.contains("Reason: keyCompromise"),
                "OCSP: the lost device's certificate revoked for key compromise");
        com.fasterxml.jackson.databind.JsonNode fourth = Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING
                + "/api/v1/credentials", Api.login(identifier, "Web-Mat-Khau-1!"), null, null)).get(0),
                c -> "ACTIVE".equals(c.path("status").asText())
                        && !c.path("serialNumber").asText().equals(third.path("serialNumber").asText()),
                "the recovered credential's certificate");
        String cert4 = vn.kyso.testsupport.Openssl.file(dir, "subscriber-4.pem", fourth.get("certificate").asText());
        java.util.function.Supplier<String> ocsp4 = () -> vn.kyso.testsupport.Openssl.run("ocsp", "-issuer", issuing,
                "-CAfile", root, "-cert", cert4, "-url", Api.CA + "/ocsp", "-resp_text").output();
        assertTrue(ocsp4.get().contains(cert4 + ": good"), ocsp4.get());
        String mails = Api.await(() -> KysoStack.inbox(email), mail -> mail.contains("was bound"),
                "the new device's mail");
        assertTrue(mails.contains("Your device recovery code"), "the code came by mail");
        suspendResumeRevoke(wait, cert4, ocsp4, RECOVERY_PIN);
    }

    /** Hold (OCSP certificateHold), resumption (good again), revocation for key compromise, each judged by OpenSSL. */
    private static void suspendResumeRevoke(WebDriverWait wait, String cert, java.util.function.Supplier<String> ocsp,
            String pin) throws Exception {
        act(wait, "suspend", "suspend", null, pin, null, "Đã tạm dừng chứng thư");
        Api.await(ocsp::get, out -> out.contains(cert + ": revoked") && out.contains("Reason: certificateHold"),
                "OCSP certificateHold");
        wait.until(driver -> driver.findElements(By.cssSelector(".cert-actions option[value='resume']")).size() == 1);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.findElement(By.cssSelector(".cert-actions")));
        shot("12-tam-dung-chung-thu");
        act(wait, "resume", "resume", null, pin, null, "Chứng thư đã hoạt động trở lại");
        Api.await(ocsp::get, out -> out.contains(cert + ": good"), "OCSP good again");
        // The form of the active certificate again (it offers a hold), not the one the resumption was asked in.
        act(wait, "suspend", "revoke", "keyCompromise", pin, null, "Đã thu hồi chứng thư");
        Api.await(ocsp::get, out -> out.contains(cert + ": revoked") && out.contains("Reason: keyCompromise"),
                "OCSP revoked, keyCompromise");
        // The page redraws: a revoked certificate has nothing left to manage, and says so.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".cert-actions"), 0));
        assertTrue(browser.findElement(By.id("certificates")).getText().contains("Đã thu hồi"),
                browser.findElement(By.id("certificates")).getText());
    }

    /**
     * In the certificate's form that offers {@code offered} (the page redraws it after each change), chooses an action,
     * types the PIN (and a new one twice for a PIN change), approves with the passkey and waits for the outcome.
     */
    private static WebElement act(WebDriverWait wait, String offered, String action, String reason, String pin,
            String newPin, String outcome) {
        WebElement form = wait.until(driver -> driver.findElements(By.cssSelector(".cert-actions")).stream()
                .filter(f -> f.findElements(By.cssSelector("option[value='" + offered + "']")).size() == 1)
                .findFirst().orElse(null));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.cssSelector("select")))
                .selectByValue(action);
        if (reason != null) {
            new org.openqa.selenium.support.ui.Select(form.findElements(By.cssSelector("select")).get(1))
                    .selectByValue(reason);
        }
        form.findElement(By.cssSelector(".cert-pin")).sendKeys(pin);
        if (newPin != null) {
            form.findElement(By.cssSelector(".cert-new-pin")).sendKeys(newPin);
            form.findElement(By.cssSelector(".cert-confirm-pin")).sendKeys(newPin);
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // Read where the outcome outlives the redraw of the certificate's form that follows it.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cert-notice"), outcome));
        return form;
    }

    /** Signed out, the journey's subscriber signs in again; the home page in Vietnamese once {@code ready} shows. */
    private static void signInAgain(WebDriverWait wait, By ready) {
        browser.manage().deleteAllCookies();
        browser.get(KysoStack.PORTAL + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("identifier")));
        type("identifier", identifier);
        type("password", "Web-Mat-Khau-1!");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(ready));
        if ("en".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.findElement(By.id("lang")).click();
        }
    }

    private static byte[] pdfOf(String text) {
        try {
            return vn.kyso.testsupport.TestPdfs.onePage(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WebElement live(WebDriverWait wait, String appName) {
        return wait.until(driver -> driver.findElements(By.cssSelector("#pending .transaction")).stream()
                .filter(c -> c.findElement(By.cssSelector(".tx-app")).getText().equals(appName))
                .filter(c -> c.findElement(By.cssSelector(".tx-confirm")).isEnabled()).findFirst().orElse(null));
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * A minute's wait that looks again when the page redrew an element it was reading (the home page redraws its
     * certificate forms and cards as state changes arrive): a stale element is a reason to look again, not a failure.
     */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A screenshot of the screen, which axe-core (from the npm registry) must find free of serious violations. */
    private static void shot(String name) throws Exception {
        File png = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("", Axe.seriousViolations(browser), "axe-core " + Axe.VERSION + " on screen " + name);
    }
}
