package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/**
 * The seed's whole journey in a real headless Chromium (360 px wide) with a virtual platform authenticator: account
 * made by the operator, code from the email, wizard 1/4 → 4/4 with PIN + passkey, the acceptance record refused once
 * for a wrong PIN and once for a failed biometric, then signed → home shows the account ACTIVE and its certificate.
 */
class SeedJourneyIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String PIN = "246813";

    private static KysoStack stack;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("KYSO_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("KYSO_REQUIRE_BROWSER=1 but /usr/bin/chromium or chromedriver is missing");
        }
        Assumptions.assumeTrue(present, "the browser journey needs Debian's chromium and chromium-driver: "
                + "apt-get install -y chromium chromium-driver (.ci/run does)");
        stack = new KysoStack();
        stack.up();
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
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void fromTheOperatorsAccountToAnActiveAccountInTheBrowser() throws Exception {
        String identifier = String.format("%012d", Math.floorMod(new Random().nextLong(), 1_000_000_000_000L));
        String code = stack.createAccount(identifier, "Trần Thị Duyệt", "web-" + identifier + "@example.vn");
        VirtualAuthenticator passkeys = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.get(KysoStack.PORTAL + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("to-activate"))).click();
        type("a-identifier", identifier);
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

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void shot(String name) throws Exception {
        File png = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
