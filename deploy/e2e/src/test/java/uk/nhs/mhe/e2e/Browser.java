package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real browser for the page tests: Debian's headless Chromium driven by its own chromedriver
 * (nothing is downloaded), with a fresh profile per instance so every instance starts signed out.
 * Signs in through Keycloak's real login form, checks a page with axe-core (WCAG 2.0–2.2 A and
 * AA rules; serious or critical violations fail) and saves full-page screenshots under
 * {@code deploy/e2e/target/screenshots}. Binaries: {@code -Dmhe.chromium=/usr/bin/chromium},
 * {@code -Dmhe.chromedriver=/usr/bin/chromedriver} (the defaults).
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** axe-core rule tags checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = Path.of(System.getProperty("mhe.root", "../..")).toAbsolutePath().normalize();
    private final Path out = root.resolve("deploy/e2e/target");
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    Browser() throws IOException {
        profile = Files.createTempDirectory("mhe-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("mhe.chromium", "/usr/bin/chromium"));
        // Headless as root on a machine without a display or internet access: no sandbox, no GPU,
        // and none of Chromium's background calls home (each would wait for a network timeout).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("mhe.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The visible text of the first element matching a CSS selector (waits for it). */
    String text(String css) {
        return element(css).getText();
    }

    WebElement element(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /**
     * Clicks the link or button whose visible text contains {@code text} and waits until the page
     * it leads to has loaded. Every such click in these tests navigates (links, form submits); a
     * click returns as soon as the browser has dispatched it, so without this wait the next lookup
     * can find an element of the old page that is discarded a moment later (a stale element).
     */
    void clickText(String text) {
        clickAndLoad(By.xpath("//a[contains(normalize-space(.), " + xpathLiteral(text)
                + ")] | //button[contains(normalize-space(.), " + xpathLiteral(text) + ")]"));
    }

    /** Clicks the button or link matching a CSS selector and waits for the page it leads to. */
    void submit(String css) {
        clickAndLoad(By.cssSelector(css));
    }

    private void clickAndLoad(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(target)).click();
        new WebDriverWait(driver, WAIT).until(d -> discarded(page));
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(script("return document.readyState")));
    }

    /**
     * Whether the old page's root element has been discarded. Selenium's own stalenessOf waits
     * for a StaleElementReferenceException only; Chrome sometimes answers a query about a node
     * of a document it is tearing down with an inspector error instead ("Node with given id does
     * not belong to the document"), which means the same and must not fail the test.
     */
    private static boolean discarded(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                return true;
            }
            throw e;
        }
    }

    void type(String css, String value) {
        WebElement e = element(css);
        e.clear();
        e.sendKeys(value);
    }

    /** Waits until the current URL starts with {@code prefix}. */
    void waitForUrl(String prefix) {
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(prefix));
    }

    /**
     * Fills in Keycloak's login form, which must be showing or about to show (after a click on
     * "Sign in" or opening a protected page), and waits until the browser is back on a service.
     */
    void signIn(String username, String password) {
        element("#username");
        String keycloak = driver.getCurrentUrl();
        type("#username", username);
        type("#password", password);
        click("#kc-login");
        String origin = keycloak.substring(0, keycloak.indexOf('/', "http://".length()));
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().startsWith(origin));
    }

    /**
     * Runs axe-core on the current page; fails listing every serious or critical violation.
     * The full result (all impacts) is written to {@code target/axe/<name>.json} for review.
     */
    void assertAccessible(String name) {
        driver.executeScript(axeSource());
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('ERROR ' + e));", WCAG_TAGS);
        String violations = String.valueOf(result);
        if (violations.startsWith("ERROR ")) {
            throw new AssertionError("axe-core failed on " + name + ": " + violations);
        }
        try {
            Path report = Files.createDirectories(out.resolve("axe")).resolve(name + ".json");
            Files.writeString(report, violations);
            List<String> blocking = new ArrayList<>();
            for (JsonNode v : JSON.readTree(violations)) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                    blocking.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + targets);
                }
            }
            if (!blocking.isEmpty()) {
                throw new AssertionError("Accessibility violations on " + name + " (" + driver.getCurrentUrl() + "):\n  "
                        + String.join("\n  ", blocking));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A full-page PNG at {@code deploy/e2e/target/screenshots/<name>.png}; answers its path. */
    Path screenshot(String name) {
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Path file = Files.createDirectories(out.resolve("screenshots")).resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String axeSource() {
        Path axe = root.resolve("deploy/e2e/node_modules/axe-core/axe.min.js");
        try {
            return Files.readString(axe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(axe + " is missing: the build installs it (npm ci in deploy/e2e)", e);
        }
    }

    private static String xpathLiteral(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }

    /** For scripts that need it (e.g. reading a value the page computed). */
    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }
}
