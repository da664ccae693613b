package gridshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops console in a real browser (Debian's headless chromium through chromium-driver): it asks for the ops
 * token, then shows both nodes and the 1024-cell partition map; a third node joins and appears without a reload;
 * the map then shows three owners; the consistency button reports no difference; on a phone-sized window nothing
 * is wider than the screen. Screenshots go to target/console/.
 */
@Timeout(300)
class OpsConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Map<String, String> FULL_MAP = Map.of("gridshop.grid.partitions", "1024");

    @Test
    void consoleShowsTheNodesAndThePartitionMapAndFollowsAJoin() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!browser) {
            System.err.println("\n*** SKIPPED: the console's browser test needs Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; scripts/test installs them as root) ***\n");
        }
        assumeTrue(browser, "chromium and chromium-driver are not installed");
        Path shots = Path.of("target", "console");
        Files.createDirectories(shots);
        try (OwnPostgres pg = OwnPostgres.start("console");
             NodeProcess a = NodeProcess.start(pg.url(), FULL_MAP);
             NodeProcess b = NodeProcess.start(pg.url(), FULL_MAP)) {
            for (int i = 0; i < 30; i++) {
                a.http().post("/api/sessions", null);
            }
            WebDriver driver = chrome();
            try {
                driver.get(a.http().uri("/ops").toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(d -> d.findElement(By.id("token")).isDisplayed());
                driver.findElement(By.id("token")).sendKeys(NodeProcess.OPS_TOKEN);
                driver.findElement(By.cssSelector("#loginForm button")).click();
                wait.until(d -> d.findElements(By.cssSelector("#nodes .node")).size() == 2);
                assertEquals(1024, driver.findElements(By.cssSelector("#map > div")).size(), "one cell per partition");
                assertEquals(2, distinctCellColours(driver), "cells coloured by their primary's node, two nodes");
                assertTrue(driver.findElement(By.id("caches")).getText().contains("product"), "cache entries per node");
                screenshot(driver, shots.resolve("two-nodes.png"));

                ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
                try (NodeProcess c = NodeProcess.start(pg.url(), FULL_MAP)) {
                    new WebDriverWait(driver, Duration.ofSeconds(60))
                        .until(d -> d.findElements(By.cssSelector("#nodes .node")).size() == 3);
                    assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"),
                        "the third node appeared without a page reload");
                    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> distinctCellColours(d) == 3);
                    assertTrue(driver.findElement(By.id("events")).getText().contains("JOINED"), "the join is listed");
                    Thread.sleep(2500); // let the lag charts gather a few points for the picture
                    Path three = shots.resolve("three-nodes.png");
                    screenshot(driver, three);
                    Files.copy(three, shots.resolve("console.png"), StandardCopyOption.REPLACE_EXISTING);

                    driver.findElement(By.id("check")).click();
                    new WebDriverWait(driver, Duration.ofSeconds(90))
                        .until(d -> d.findElement(By.id("checkState")).getText().contains("checked"));
                    assertTrue(driver.findElement(By.id("checkState")).getText().startsWith("no difference"),
                        "the consistency button: " + driver.findElement(By.id("checkState")).getText() + "\n"
                            + driver.findElement(By.id("consistency")).getText());
                    assertTrue(driver.findElement(By.id("consistency")).getText().contains("product"));

                    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone
                    Thread.sleep(2500);
                    Object overflow = ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    assertTrue(((Number) overflow).longValue() <= 0, "nothing wider than a phone's screen: " + overflow);
                    assertEquals(3, driver.findElements(By.cssSelector("#nodes .node")).size());
                    screenshot(driver, shots.resolve("phone.png"));
                }
            } finally {
                driver.quit();
            }
        }
    }

    private static WebDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1440,1500", "--user-data-dir=" + Path.of("target", "console", "profile").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static long distinctCellColours(WebDriver driver) {
        Object n = ((JavascriptExecutor) driver).executeScript(
            "return new Set([...document.querySelectorAll('#map > div')].map(c => c.style.background)).size;");
        return ((Number) n).longValue();
    }

    private static void screenshot(WebDriver driver, Path to) throws java.io.IOException {
        Files.write(to, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
