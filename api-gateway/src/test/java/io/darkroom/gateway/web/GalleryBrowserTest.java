package io.darkroom.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gallery (static files under META-INF/resources) in a real headless Chromium driven by chromedriver, against this
 * gateway on the local stack (real MariaDB with index-service's catalog schema) and real JPEG thumbnails in the
 * derived-files folder. The steps run in order on one signed-in browser; the share link opens in a second, fresh one.
 * Skips, saying so, where Debian's chromium and chromium-driver are not installed (.ci/run installs them).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryBrowserTest {

    private static final int PHOTOS = 130;
    /** Alone in 2019 (the year rail's other year): a video, playable where ffmpeg could make one for the test. */
    private static final long VIDEO = 131;
    private static final int ITEMS = 131; // more than the gallery's page of 100: scrolling must load a second page
    private static final long XSS_ITEM = 2;
    private static final String XSS_NAME = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>.jpg";
    private static final String ALBUM_TITLE = "Holidays <b>24</b> <script>window.__xss=3</script>";
    private static final String USER = "gallery-user";
    private static final StorageLayout STORAGE = new StorageLayout(Path.of("target/storage"));
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static WebDriver browser;
    private static boolean catalogReady;
    private static String shareUrl;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void startBrowser() {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(), "Skipping the gallery's browser test: no "
                + (chromium.isEmpty() ? "chromium" : "chromedriver") + " on the PATH (apt-get install chromium "
                + "chromium-driver; .ci/run does)");
        browser = newBrowser(chromium.get());
    }

    /** What the page said (console errors, failed requests) and showed, for a failure's diagnosis. */
    @org.junit.jupiter.api.AfterEach
    void pageLog() {
        for (var entry : browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            System.out.println("browser: " + entry.getLevel() + " " + entry.getMessage());
        }
        System.out.println("live: " + js("return document.querySelector('.live')?.outerHTML"));
        System.out.println("page: " + browser.getCurrentUrl() + " loaded="
                + js("return document.querySelector('.grid')?.dataset.loaded") + " scrollY=" + js("return scrollY")
                + " height=" + js("return document.documentElement.scrollHeight"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void catalog() throws Exception {
        if (catalogReady) {
            return;
        }
        CatalogSchema.recreate(pool);
        LocalDateTime newest = LocalDateTime.of(2024, 3, 4, 22, 0); // 12 a day: days fill rows
        for (long id = 1; id <= PHOTOS; id++) {
            // landscape, portrait, landscape stored sideways (orientation 6 shows it portrait), panorama
            int[][] shapes = {{4032, 3024, 1}, {3024, 4032, 1}, {4032, 3024, 6}, {6000, 2000, 1}};
            int[] shape = shapes[(int) ((id - 1) % shapes.length)];
            String name = id == XSS_ITEM ? XSS_NAME : "IMG_%04d.jpg".formatted(id);
            String path = "2024/" + "IMG_%04d.jpg".formatted(id);
            pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name,"
                    + " content_hash, size_bytes, modified_at, status, kind, mime_type, width, height, orientation,"
                    + " taken_at, taken_at_source, thumbnail_status, last_event_at) VALUES (?, 'family', ?,"
                    + " UNHEX(SHA2(CONCAT('family:', ?), 256)), ?, ?, 1000, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg',"
                    + " ?, ?, ?, ?, 'EXIF', 'DONE', NOW(6))")
                    .execute(Tuple.from(List.of(id, path, path, name, hash(id), shape[0], shape[1], shape[2],
                            newest.minusHours(2 * (id - 1)))))
                    .await().indefinitely();
            boolean turned = shape[2] >= 5;
            writeThumbnails(hash(id), turned ? shape[1] : shape[0], turned ? shape[0] : shape[1], id);
        }
        sql("UPDATE media_item SET camera_make = 'Canon', camera_model = 'Canon EOS R6', lens = 'RF35mm F1.8',"
                + " exposure_s = 0.004, f_number = 1.8, iso = 200, focal_length_mm = 35, gps_lat = 48.8583701,"
                + " gps_lng = 2.2944813, taken_at_zone = '+01:00' WHERE id = 1");
        boolean playable = makeVideo(hash(VIDEO));
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                + " size_bytes, modified_at, status, kind, mime_type, width, height, orientation, taken_at,"
                + " duration_ms, thumbnail_status, transcode_status, transcode_path, last_event_at) VALUES (?, 'family',"
                + " '2019/clip.mov', UNHEX(SHA2('family:2019/clip.mov', 256)), 'clip.mov', ?, 1000, NOW(3), 'INDEXED',"
                + " 'VIDEO', 'video/quicktime', 320, 240, 1, '2019-06-15 12:00:00', 2000, 'DONE', ?, ?, NOW(6))")
                .execute(Tuple.from(java.util.Arrays.asList(VIDEO, hash(VIDEO), playable ? "DONE" : "PENDING",
                        playable ? STORAGE.relativePath(hash(VIDEO), "video.mp4") : null)))
                .await().indefinitely();
        writeThumbnails(hash(VIDEO), 320, 240, VIDEO);
        // the folder filter's key, as index-service writes it (every test path is one folder deep)
        sql("UPDATE media_item SET folder_hash = UNHEX(SHA2(CONCAT(root, ':', SUBSTRING_INDEX(relative_path, '/', 1)),"
                + " 256))");
        TestSessions.ensureAccount(USER, TestSessions.PASSWORD, "user");
        catalogReady = true;
    }

    @Test
    @Order(1)
    void signsInAndTheJustifiedGridFillsWithOnlyTheVisibleThumbnails() throws IOException {
        browser.get(base.toString());
        WebElement name = waitFor(By.id("username"));
        name.sendKeys(USER);
        browser.findElement(By.id("password")).sendKeys("wrong password!");
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        wait(Duration.ofSeconds(20)).until(d -> !d.findElement(By.cssSelector(".login .error")).getText().isBlank());
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(TestSessions.PASSWORD);
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();

        wait(Duration.ofSeconds(20)).until(d -> loadedImages() >= 10);
        screenshot("grid");
        assertThat(browser.findElement(By.cssSelector(".grid")).getAttribute("data-loaded")).isEqualTo("100");
        assertThat(texts(".grid-month")).contains("March 2024");
        assertThat(texts(".grid-day")).isNotEmpty();

        // Rows of equal height that fill the width, each box with its item's shape (orientation 6 is portrait).
        WebElement first = tile(1);
        assertThat(ratio(first)).isCloseTo(4032 / 3024.0, offset(0.03));
        assertThat(ratio(tile(3))).isCloseTo(3024 / 4032.0, offset(0.03));
        List<WebElement> firstRow = first.findElements(By.xpath("../div[contains(@class,'tile')]"));
        double rowWidth = firstRow.stream().mapToDouble(t -> t.getRect().getWidth()).sum() + 4 * (firstRow.size() - 1);
        assertThat(rowWidth).isCloseTo(browser.findElement(By.cssSelector(".grid")).getRect().getWidth(),
                offset(firstRow.size() + 2.0));
        assertThat(firstRow.stream().map(t -> t.getRect().getHeight()).distinct()).hasSize(1);

        // Virtualised: far fewer thumbnails asked for than items loaded, each at a fit size, and no layout shift.
        long requested = (Long) js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/thumbnails/')).length");
        assertThat(requested).isBetween(10L, 70L);
        assertThat(browser.findElement(By.cssSelector(".tile img")).getAttribute("src")).contains("/fit-720");
        Object shift = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0]; let sum = 0;"
                + "new PerformanceObserver(list => list.getEntries()"
                + ".filter(e => !e.hadRecentInput).forEach(e => { sum += e.value; console.log('layout shift', e.value,"
                + " JSON.stringify(e.sources.map(s => [s.node?.outerHTML?.slice(0, 80), s.currentRect]))); }))"
                + ".observe({type: 'layout-shift', buffered: true});"
                + "setTimeout(() => done(sum), 300);");
        assertThat(((Number) shift).doubleValue()).isLessThan(0.01);
    }

    @Test
    @Order(2)
    void scrollingLoadsTheNextPageThroughTheCursor() {
        wait(Duration.ofSeconds(30)).until(d -> {
            js("window.scrollTo(0, document.body.scrollHeight)");
            return String.valueOf(ITEMS).equals(d.findElement(By.cssSelector(".grid")).getAttribute("data-loaded"));
        });
        wait(Duration.ofSeconds(20)).until(d -> {
            js("window.scrollTo(0, document.body.scrollHeight)");
            return !d.findElements(tileSelector(ITEMS)).isEmpty();
        });
        assertThat(texts(".grid-month")).contains("June 2019"); // from the second page
        assertThat(browser.findElements(By.cssSelector(".tile")).size()).isLessThan(ITEMS);
        assertThat(browser.findElements(tileSelector(1))).as("the first rows left the DOM").isEmpty();
        js("window.scrollTo(0, 0)");
    }

    @Test
    @Order(3)
    void theYearRailJumpsToAYear() {
        waitFor(By.cssSelector(".year-rail a[data-year='2019']")).click();
        wait(Duration.ofSeconds(20)).until(d -> "1".equals(d.findElement(By.cssSelector(".grid")).getAttribute("data-loaded"))
                && !d.findElements(tileSelector(VIDEO)).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("#/y/2019");
        assertThat(texts(".year-rail a")).containsExactly("Newest", "2024", "2019");
        assertThat(browser.findElement(By.cssSelector(".year-rail a[aria-current=page]")).getText()).isEqualTo("2019");
        browser.findElement(By.linkText("Newest")).click();
        wait(Duration.ofSeconds(20)).until(d -> !d.findElements(tileSelector(1)).isEmpty());
    }

    @Test
    @Order(4)
    void theViewerOpensStepsWithTheKeyboardAndShowsFileNamesAsText() throws IOException {
        js("window.scrollTo(0, 0)");
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(tileSelector(1)).isEmpty());
        tile(1).findElement(By.cssSelector(".tile-open")).click();
        WebElement viewer = waitFor(By.cssSelector(".viewer[data-id='1']"));
        wait(Duration.ofSeconds(20)).until(d -> (Boolean) js(
                "const i = document.querySelector('.viewer-image'); return i.complete && i.naturalWidth > 0"));
        assertThat(viewer.findElement(By.cssSelector(".viewer-image")).getAttribute("src")).contains("/fit-");
        screenshot("viewer");

        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
        waitFor(By.cssSelector(".viewer[data-id='2']"));
        new Actions(browser).sendKeys("i").perform();
        WebElement panel = waitFor(By.cssSelector(".viewer-panel:not([hidden])"));
        wait(Duration.ofSeconds(10)).until(d -> texts(".viewer-panel dd").contains(XSS_NAME));
        assertThat(panel.findElements(By.cssSelector("script, img"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".viewer-image")).getAttribute("alt")).contains(XSS_NAME);
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        screenshot("viewer-details");

        new Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
        waitFor(By.cssSelector(".viewer[data-id='1']"));
        wait(Duration.ofSeconds(10)).until(d -> texts(".viewer-panel dd").contains("Canon EOS R6"));
        assertThat(texts(".viewer-panel dd")).contains("RF35mm F1.8", "1/250 s · f/1.8 · ISO 200 · 35 mm")
                .anyMatch(t -> t.contains("11:00 PM (UTC+01:00)")); // 22:00 UTC, where it was taken
        assertThat(browser.findElement(By.cssSelector(".viewer-panel a.map-link")).getAttribute("href"))
                .contains("mlat=48.85837&mlon=2.29448");
        new Actions(browser).sendKeys("f").perform(); // favourite: accepted (202), so the heart stays filled
        waitFor(By.cssSelector(".viewer .favourite[aria-pressed='true']"));
        sleep(1000);
        assertThat(browser.findElement(By.cssSelector(".viewer .favourite")).getAttribute("aria-pressed")).isEqualTo("true");

        browser.findElement(By.cssSelector(".viewer .share-item")).click(); // a link to this one item
        waitFor(By.cssSelector("dialog[open] button[type=submit]")).click();
        assertThat(waitFor(By.id("share-url")).getAttribute("value")).startsWith(base.toString()).contains("#/s/");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform(); // closes the dialog, not the viewer
        wait(Duration.ofSeconds(5)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
        assertThat(browser.findElements(By.cssSelector(".viewer[data-id='1']"))).hasSize(1);
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        wait(Duration.ofSeconds(5)).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".viewer"), 0));
    }

    @Test
    @Order(5)
    void aVideoPlaysInTheViewer() throws IOException {
        browser.get(base + "#/y/2019");
        waitFor(tileSelector(VIDEO)).findElement(By.cssSelector(".tile-open")).click();
        waitFor(By.cssSelector(".viewer[data-id='" + VIDEO + "'] video"));
        Assumptions.assumeTrue(Files.exists(STORAGE.file(hash(VIDEO), "video.mp4")),
                "Skipping video playback: no ffmpeg to make the test's clip");
        js("const v = document.querySelector('.viewer video'); v.muted = true; v.play()");
        wait(Duration.ofSeconds(20)).until(d -> (Boolean) js(
                "const v = document.querySelector('.viewer video'); return v.currentTime > 0.3 && v.videoWidth === 320"));
        screenshot("viewer-video");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        browser.get(base + "#/");
        waitFor(tileSelector(3));
    }

    @Test
    @Order(6)
    void aSelectedItemGoesIntoANewAlbumWhoseShareLinkOpensLoggedOut() throws IOException {
        WebElement third = tile(3);
        new Actions(browser).moveToElement(third).perform();
        third.findElement(By.cssSelector(".tile-pick")).click();
        WebElement add = waitFor(By.cssSelector(".selection-bar:not([hidden]) .add-to-album"));
        assertThat(browser.findElement(By.cssSelector(".selection-bar .count")).getText()).isEqualTo("1 selected");
        add.click();
        waitFor(By.cssSelector("dialog[open] #album-choice"));
        assertThat(new Select(browser.findElement(By.id("album-choice"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("new");
        browser.findElement(By.id("new-album-title")).sendKeys(ALBUM_TITLE);
        browser.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        waitFor(By.cssSelector(".toast a")).click();

        WebElement title = waitFor(By.cssSelector(".page-head h1"));
        wait(Duration.ofSeconds(10)).until(d -> title.getText().equals(ALBUM_TITLE));
        waitFor(tileSelector(3));
        wait(Duration.ofSeconds(20)).until(d -> loadedImages() == 1);

        browser.findElement(By.cssSelector("button.share")).click();
        waitFor(By.cssSelector("dialog[open] button[type=submit]")).click();
        shareUrl = waitFor(By.id("share-url")).getAttribute("value");
        assertThat(shareUrl).startsWith(base.toString()).contains("#/s/");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();

        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        WebDriver stranger = newBrowser(chromium.orElseThrow());
        try {
            stranger.get(shareUrl);
            new WebDriverWait(stranger, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("main h1"))
                    .stream().anyMatch(h -> h.getText().equals(ALBUM_TITLE)));
            new WebDriverWait(stranger, Duration.ofSeconds(20)).until(d -> (Boolean) ((JavascriptExecutor) d)
                    .executeScript("return [...document.querySelectorAll('.tile img')]"
                            + ".filter(i => i.complete && i.naturalWidth > 0).length === 1"));
            assertThat(stranger.findElements(By.id("username"))).as("no login page").isEmpty();
            assertThat(stranger.findElement(By.cssSelector(".tile img")).getAttribute("src"))
                    .contains("/api/v1/shared/").doesNotContain(hash(3));
            assertThat(((JavascriptExecutor) stranger).executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(stranger.manage().getCookies()).as("signed out").noneMatch(c -> c.getName().equals("darkroom_session"));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("shared-album.png"), ((TakesScreenshot) stranger).getScreenshotAs(OutputType.BYTES));
        } finally {
            stranger.quit();
        }
    }

    @Test
    @Order(7)
    void onAPhoneInDarkModeTheRowsShrinkAndTheColoursFollowTheSystem() throws IOException {
        browser.get(base + "#/");
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            wait(Duration.ofSeconds(20)).until(d -> loadedImages() >= 6);
            assertThat(js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(18, 18, 20)");
            double rowHeight = tile(1).getRect().getHeight();
            assertThat(rowHeight).isLessThanOrEqualTo(111.0);
            assertThat(js("return document.documentElement.scrollWidth <= innerWidth")).as("no sideways scrolling")
                    .isEqualTo(true);
            screenshot("phone-dark");
        } finally {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    @Order(8)
    void theArchiveAndFavouritesAreViewsOfTheirOwn() {
        browser.get(base + "#/");
        waitFor(By.linkText("Archive")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts(".page-head h1").contains("Archive")
                && texts(".grid-status").contains("Nothing here yet."));
        browser.findElement(By.linkText("Favourites")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts(".page-head h1").contains("Favourites")
                && texts(".grid-status").contains("Nothing here yet.")); // index-service, which applies marks, is not running
    }

    @Test
    @Order(9)
    void newItemsAppearWithoutAReloadAndTranscodingShows() throws Exception {
        browser.get(base + "#/");
        waitFor(tileSelector(1));
        js("window.scrollTo(0, 0); window.__samePage = true");
        long fresh = 200;
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                + " size_bytes, modified_at, status, kind, mime_type, width, height, orientation, taken_at,"
                + " thumbnail_status, last_event_at) VALUES (?, 'family', '2024/new.jpg',"
                + " UNHEX(SHA2('family:2024/new.jpg', 256)), 'new.jpg', ?, 1000, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg',"
                + " 4032, 3024, 1, '2024-03-06 09:00:00', 'DONE', NOW(6))").execute(Tuple.of(fresh, hash(fresh)))
                .await().indefinitely();
        writeThumbnails(hash(fresh), 4032, 3024, fresh);
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            // the gateway reads from the latest offset once its consumer has partitions: repeat until the page shows it
            untilShown(kafka, Topics.TRANSCODE_PROGRESS, "{\"contentHash\":\"" + hash(VIDEO) + "\",\"percent\":40}",
                    d -> texts(".live span").contains("Making 1 video playable…"));
            untilShown(kafka, Topics.MEDIA_INDEXED, "{\"contentHash\":\"" + hash(fresh) + "\"}",
                    d -> !d.findElements(tileSelector(fresh)).isEmpty());
        }
        assertThat(js("return window.__samePage === true")).as("no reload").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector(".grid .tile")).getAttribute("data-id")).isEqualTo("200");
    }

    @Test
    @Order(10)
    void signingOutShowsTheLoginPageAgain() {
        browser.get(base + "#/");
        waitFor(By.xpath("//button[normalize-space()='Sign out']")).click();
        waitFor(By.id("username"));
        browser.navigate().refresh();
        waitFor(By.id("username"));
    }

    @Test
    @Order(11)
    void anAdminSeesTheLibraryAsksForAScanAndAddsAPerson() throws IOException {
        waitFor(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(TestSessions.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        waitFor(By.linkText("Admin")).click();
        int indexed = io.restassured.RestAssured.given().spec(TestSessions.admin()).get("/api/v1/library/status")
                .then().statusCode(200).extract().path("indexed");
        wait(Duration.ofSeconds(20)).until(d -> texts(".stat[data-stat='Indexed'] dd").contains(String.valueOf(indexed)));
        assertThat(indexed).isGreaterThanOrEqualTo(ITEMS);

        browser.findElement(By.id("rescan-root")).sendKeys("family");
        browser.findElement(By.id("rescan-folder")).sendKeys("2024");
        browser.findElement(By.xpath("//button[normalize-space()='Scan']")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts("form[aria-label='Rescan'] p").contains("Scan of family/2024 asked for."));

        browser.findElement(By.id("new-user-name")).sendKeys("gallery-viewer");
        browser.findElement(By.id("new-user-password")).sendKeys(TestSessions.PASSWORD);
        new Select(browser.findElement(By.id("new-user-role"))).selectByValue("viewer");
        browser.findElement(By.xpath("//button[normalize-space()='Add']")).click();
        WebElement row = waitFor(By.cssSelector("tr[data-user='gallery-viewer']"));
        assertThat(new Select(row.findElement(By.tagName("select"))).getFirstSelectedOption().getText()).isEqualTo("viewer");
        assertThat(browser.findElement(By.cssSelector("tr[data-user='admin'] select")).isEnabled())
                .as("an admin cannot demote themself").isFalse();
        TestSessions.login("gallery-viewer", TestSessions.PASSWORD); // the account works

        // a failure, with a reason that is markup: listed with its reason, as text
        sql("UPDATE media_item SET thumbnail_status = 'FAILED', failure_stage = 'THUMBNAIL', failure_kind = 'CORRUPT',"
                + " failure_reason = 'The file <b>ends early</b>' WHERE id = 7");
        browser.navigate().refresh();
        WebElement failure = waitFor(By.cssSelector(".failures li[data-id='7']"));
        assertThat(failure.getText()).contains("family/2024/IMG_0007.jpg").contains("THUMBNAIL: The file <b>ends early</b>");
        screenshot("admin");
    }

    @Test
    @Order(12)
    void searchFoldersAndDuplicatesFindThings() {
        browser.get(base + "#/search");
        waitFor(By.id("search-q")).sendKeys("clip");
        new Select(browser.findElement(By.id("search-kind"))).selectByValue("video");
        browser.findElement(By.cssSelector("form.search-form button[type=submit]")).click();
        wait(Duration.ofSeconds(20)).until(d -> "1".equals(d.findElement(By.cssSelector(".grid")).getAttribute("data-loaded")));
        waitFor(tileSelector(VIDEO));
        assertThat(browser.getCurrentUrl()).endsWith("#/search/clip/video");

        browser.findElement(By.linkText("Folders")).click();
        waitFor(By.cssSelector("a.folder[href='#/folders/family']")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts(".folder-name").containsAll(List.of("2019", "2024")));
        browser.findElement(By.cssSelector("a.folder[href='#/folders/family/2019']")).click();
        wait(Duration.ofSeconds(20)).until(d -> "1".equals(d.findElement(By.cssSelector(".grid")).getAttribute("data-loaded")));
        waitFor(tileSelector(VIDEO));
        assertThat(texts(".crumbs a")).containsExactly("Library", "family", "2019");

        // the same content in a second place: a duplicate group of two, each copy named by where it lies
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                + " size_bytes, modified_at, status, kind, mime_type, width, height, orientation, taken_at,"
                + " thumbnail_status, last_event_at) VALUES (500, 'family', 'backup/IMG_0001.jpg',"
                + " UNHEX(SHA2('family:backup/IMG_0001.jpg', 256)), 'IMG_0001.jpg', ?, 1000, NOW(3), 'INDEXED', 'IMAGE',"
                + " 'image/jpeg', 4032, 3024, 1, '2024-03-04 22:00:00', 'DONE', NOW(6))").execute(Tuple.of(hash(1)))
                .await().indefinitely();
        browser.findElement(By.linkText("Duplicates")).click();
        WebElement group = waitFor(By.cssSelector(".duplicate[data-hash='" + hash(1) + "']"));
        assertThat(group.findElements(By.cssSelector("button.link")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("family/2024/IMG_0001.jpg", "family/backup/IMG_0001.jpg");
        group.findElements(By.cssSelector("button.link")).get(0).click();
        waitFor(By.cssSelector(".viewer"));
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    }

    @Test
    @Order(13)
    void aFileUploadedInChunksLandsInTheLibrary() throws IOException {
        byte[] bytes = new byte[5_000]; // 5 chunks of the test profile's 1,024 bytes
        new java.util.Random(System.nanoTime()).nextBytes(bytes); // unique: earlier runs left their uploads
        Path file = Files.createDirectories(Path.of("target/upload-test").toAbsolutePath()).resolve("Oma & <Opa> 70.jpg");
        Files.write(file, bytes);
        browser.get(base + "#/");
        waitFor(By.cssSelector("button.upload-open")).click();
        browser.findElement(By.id("upload-files")).sendKeys(file.toString());
        WebElement state = waitFor(By.cssSelector(".uploads li .upload-state"));
        wait(Duration.ofSeconds(30)).until(d -> state.getText().startsWith("Added as "));
        assertThat(browser.findElement(By.cssSelector(".uploads li .upload-name")).getText()).isEqualTo("Oma & <Opa> 70.jpg");
        assertThat(js("const p = document.querySelector('.upload-total'); return p.value === p.max")).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector(".upload-panel p[role=status]")).getText()).isEqualTo("1 of 1 uploaded");
        screenshot("upload");
        try (Stream<Path> files = Files.walk(Path.of("target/library/uploads"))) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().contains(".partial"))
                    .filter(f -> { try { return java.util.Arrays.equals(Files.readAllBytes(f), bytes); }
                        catch (IOException e) { return false; } }))
                    .as("the uploaded bytes in the library").hasSize(1);
        }
    }

    @Test
    @Order(14)
    void anAlbumIsRenamedArrangedByKeyboardGivenACoverAndDeleted() {
        int albumId = given().spec(TestSessions.admin()).contentType("application/json")
                .body("{\"title\":\"Arrange me\"}").post("/api/v1/albums").then().statusCode(201).extract().path("id");
        given().spec(TestSessions.admin()).contentType("application/json").body("{\"itemIds\":[4,5,6]}")
                .post("/api/v1/albums/" + albumId + "/items").then().statusCode(200);
        browser.get(base + "#/a/" + albumId);
        waitFor(tileSelector(6));

        waitFor(By.cssSelector("button.album-rename")).click();
        WebElement newTitle = waitFor(By.id("album-new-title"));
        newTitle.clear();
        newTitle.sendKeys("Renamed <i>album</i>");
        browser.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        wait(Duration.ofSeconds(10)).until(d -> texts(".page-head h1").contains("Renamed <i>album</i>"));
        assertThat(given().spec(TestSessions.admin()).get("/api/v1/albums/" + albumId).then().statusCode(200)
                .extract().<String>path("album.title")).isEqualTo("Renamed <i>album</i>");

        // the order by keyboard only: Enter on "Move down" twice; focus stays with the moved item
        browser.findElement(By.cssSelector("button.album-arrange")).click();
        wait(Duration.ofSeconds(10)).until(d -> arranged().equals(List.of("4", "5", "6")));
        js("document.querySelector('.arrange li[data-id=\"4\"] .move-down').focus()");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        wait(Duration.ofSeconds(5)).until(d -> arranged().equals(List.of("5", "4", "6")));
        assertThat(js("return document.activeElement.closest('li').dataset.id")).isEqualTo("4");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        wait(Duration.ofSeconds(5)).until(d -> arranged().equals(List.of("5", "6", "4")));
        assertThat(js("return document.activeElement.closest('li').dataset.id")).as("focus follows the item")
                .isEqualTo("4");
        browser.findElement(By.cssSelector(".arrange li[data-id='6'] .make-cover")).click();
        waitFor(By.cssSelector(".arrange li[data-id='6'] .make-cover[aria-pressed='true']"));
        browser.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        wait(Duration.ofSeconds(10)).until(d -> js("return [...document.querySelectorAll('.grid .tile')]"
                + ".map(t => t.dataset.id).join(',')").equals("5,6,4"));
        var album = given().spec(TestSessions.admin()).get("/api/v1/albums/" + albumId).then().statusCode(200).extract();
        assertThat(album.<List<Integer>>path("items.id")).containsExactly(5, 6, 4);
        assertThat(album.<Integer>path("album.coverItemId")).isEqualTo(6);

        browser.findElement(By.cssSelector("button.album-delete")).click();
        waitFor(By.cssSelector("dialog[open] button[type=submit]")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("#/albums"));
        given().spec(TestSessions.admin()).get("/api/v1/albums/" + albumId).then().statusCode(404);
    }

    @Test
    @Order(15)
    void anAlbumsShareLinksAreListedAndOneIsRevoked() {
        Assumptions.assumeTrue(shareUrl != null, "the album's link is made in step 6");
        List<Map<String, Object>> albums = given().spec(TestSessions.admin()).get("/api/v1/albums").then()
                .statusCode(200).extract().path("$");
        int albumId = albums.stream().filter(a -> ALBUM_TITLE.equals(a.get("title"))).map(a -> (Integer) a.get("id"))
                .findFirst().orElseThrow();
        String token = java.net.URLDecoder.decode(shareUrl.substring(shareUrl.indexOf("#/s/") + 4),
                java.nio.charset.StandardCharsets.UTF_8);
        given().get("/api/v1/shared/" + token).then().statusCode(200);

        browser.get(base + "#/a/" + albumId);
        waitFor(By.cssSelector("button.share")).click();
        WebElement active = waitFor(By.cssSelector("dialog[open] .share-links li[data-state='active']"));
        assertThat(active.getText()).contains("no password").contains("active");
        active.findElement(By.cssSelector("button.revoke")).click();
        waitFor(By.cssSelector("dialog[open] .share-links li[data-state='revoked']"));
        assertThat(browser.findElements(By.cssSelector("dialog[open] .share-links li[data-state='active']"))).isEmpty();
        given().get("/api/v1/shared/" + token).then().statusCode(404); // the holder's link no longer opens
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    }

    @Test
    @Order(16)
    void searchNarrowsByCameraDatesKindAndFavourites() {
        sql("UPDATE media_item SET favourite = TRUE WHERE id = 9");
        browser.get(base + "#/search");
        waitFor(By.id("search-make")).sendKeys("Canon");
        browser.findElement(By.cssSelector("form.search-form button[type=submit]")).click();
        wait(Duration.ofSeconds(20)).until(d -> gridIds().equals(List.of("1")));
        assertThat(browser.getCurrentUrl()).contains("make%3DCanon");

        browser.navigate().refresh(); // the filters live in the address: they survive a reload
        wait(Duration.ofSeconds(20)).until(d -> gridIds().equals(List.of("1")));
        assertThat(waitFor(By.id("search-make")).getAttribute("value")).isEqualTo("Canon");
        browser.findElement(By.id("search-make")).clear();
        js("document.getElementById('search-from').value = '2019-06-15';"
                + "document.getElementById('search-to').value = '2019-06-15'"); // both days count
        new Select(browser.findElement(By.id("search-kind"))).selectByValue("video");
        browser.findElement(By.cssSelector("form.search-form button[type=submit]")).click();
        wait(Duration.ofSeconds(20)).until(d -> gridIds().equals(List.of(String.valueOf(VIDEO))));

        js("document.getElementById('search-from').value = '';document.getElementById('search-to').value = ''");
        new Select(browser.findElement(By.id("search-kind"))).selectByValue("");
        browser.findElement(By.id("search-favourite")).click();
        browser.findElement(By.cssSelector("form.search-form button[type=submit]")).click();
        wait(Duration.ofSeconds(20)).until(d -> gridIds().equals(List.of("9")));
        assertThat(browser.getCurrentUrl()).contains("favourite%3Dtrue").doesNotContain("from");
    }

    @Test
    @Order(17)
    void theViewerZoomsAndPansAndALivePhotoPlaysOnHover() throws Exception {
        long still = 600;
        long motion = 601;
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                + " size_bytes, modified_at, status, kind, mime_type, width, height, orientation, taken_at,"
                + " thumbnail_status, group_key, stack_primary, last_event_at) VALUES (?, 'family', '2024/IMG_0600.JPG',"
                + " UNHEX(SHA2('family:2024/IMG_0600.JPG', 256)), 'IMG_0600.JPG', ?, 1000, NOW(3), 'INDEXED', 'IMAGE',"
                + " 'image/jpeg', 4032, 3024, 1, '2024-03-05 12:00:00', 'DONE', 'family:2024/img_0600', TRUE, NOW(6))")
                .execute(Tuple.of(still, hash(still))).await().indefinitely();
        writeThumbnails(hash(still), 4032, 3024, still);
        boolean playable = makeVideo(hash(motion));
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                + " size_bytes, modified_at, status, kind, mime_type, width, height, orientation, taken_at,"
                + " duration_ms, thumbnail_status, transcode_status, transcode_path, group_key, stack_primary,"
                + " last_event_at) VALUES (?, 'family', '2024/IMG_0600.MOV', UNHEX(SHA2('family:2024/IMG_0600.MOV', 256)),"
                + " 'IMG_0600.MOV', ?, 1000, NOW(3), 'INDEXED', 'LIVE_PHOTO', 'video/quicktime', 320, 240, 1,"
                + " '2024-03-05 12:00:00', 2000, 'DONE', ?, ?, 'family:2024/img_0600', FALSE, NOW(6))")
                .execute(Tuple.from(java.util.Arrays.asList(motion, hash(motion), playable ? "DONE" : "PENDING",
                        playable ? STORAGE.relativePath(hash(motion), "video.mp4") : null)))
                .await().indefinitely();
        // the still names its motion half; an ordinary photo names none
        given().spec(TestSessions.admin()).get("/api/v1/media/" + still).then().statusCode(200)
                .body("motionItemId", org.hamcrest.Matchers.equalTo((int) motion));
        given().spec(TestSessions.admin()).get("/api/v1/media/3").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("motionItemId")));

        browser.get(base + "#/");
        waitFor(tileSelector(still)).findElement(By.cssSelector(".tile-open")).click();
        waitFor(By.cssSelector(".viewer[data-id='" + still + "']"));
        new Actions(browser).sendKeys("+").perform();
        wait(Duration.ofSeconds(5)).until(d -> "1.50".equals(zoom()));
        new Actions(browser).sendKeys("+").perform();
        wait(Duration.ofSeconds(5)).until(d -> "2.25".equals(zoom()));
        assertThat(js("return document.querySelector('.viewer-image').style.transform")).asString().contains("scale(2.25)");
        new Actions(browser).sendKeys("-").perform();
        wait(Duration.ofSeconds(5)).until(d -> "1.50".equals(zoom()));
        // a drag pans the zoomed picture (and does not step to another item)
        WebElement stage = browser.findElement(By.cssSelector(".viewer-stage"));
        new Actions(browser).moveToElement(stage).clickAndHold().moveByOffset(-120, -60).release().perform();
        assertThat(js("return document.querySelector('.viewer-image').style.transform")).asString()
                .startsWith("translate(-").contains("scale(1.5)");
        assertThat(browser.findElements(By.cssSelector(".viewer[data-id='" + still + "']"))).hasSize(1);
        new Actions(browser).sendKeys("0").perform();
        wait(Duration.ofSeconds(5)).until(d -> "1.00".equals(zoom()));
        new Actions(browser).doubleClick(stage).perform();
        wait(Duration.ofSeconds(5)).until(d -> "2.50".equals(zoom()));
        new Actions(browser).doubleClick(stage).perform();
        wait(Duration.ofSeconds(5)).until(d -> "1.00".equals(zoom()));
        new Actions(browser).scrollFromOrigin(org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromElement(stage),
                0, -200).perform();
        wait(Duration.ofSeconds(5)).until(d -> Double.parseDouble(zoom()) > 1.2);
        new Actions(browser).sendKeys("0").perform();
        screenshot("viewer-zoom");

        // the Live Photo: its badge, and the motion plays while the pointer rests on it
        WebElement badge = waitFor(By.cssSelector(".viewer .live-badge"));
        new Actions(browser).moveToElement(badge).perform();
        waitFor(By.cssSelector(".viewer video.live-motion"));
        if (playable) {
            wait(Duration.ofSeconds(20)).until(d -> (Boolean) js(
                    "const v = document.querySelector('.viewer video.live-motion'); return !!v && v.currentTime > 0.2"));
            assertThat(js("return document.querySelector('.viewer video.live-motion').src")).asString()
                    .endsWith("/api/v1/media/" + motion + "/video");
        }
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector(".viewer-bar"))).perform();
        wait(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(".viewer video.live-motion")).isEmpty());
        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform(); // an ordinary photo: no badge
        wait(Duration.ofSeconds(5)).until(d -> !d.findElements(By.cssSelector(".viewer:not([data-id='" + still + "'])")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".viewer .live-badge")).isDisplayed()).isFalse();
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
    }

    @Test
    @Order(18)
    void anAdminRetriesOneFailedItemAndAllOfThem() {
        browser.get(base + "#/admin");
        WebElement failure = waitFor(By.cssSelector(".failures li[data-id='7']"));
        failure.findElement(By.cssSelector("button.retry")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts(".retry-note").stream().anyMatch(t -> t.startsWith("Asked to read 1 item again")));
        browser.findElement(By.cssSelector("button.retry-all")).click();
        wait(Duration.ofSeconds(20)).until(d -> texts(".retry-note").stream()
                .anyMatch(t -> t.matches("Asked to read [1-9][0-9]* items? again.*")));
    }

    @Test
    @Order(19)
    void anUploadCutByAReloadResumesWhenTheSameFileIsPickedAgain() throws IOException {
        byte[] bytes = new byte[8_000]; // 8 chunks of 1,024 bytes
        new java.util.Random(System.nanoTime()).nextBytes(bytes);
        Path file = Files.createDirectories(Path.of("target/upload-test").toAbsolutePath()).resolve("Resume me.jpg");
        Files.write(file, bytes);
        browser.get(base + "#/");
        js("Object.keys(localStorage).filter(k => k.startsWith('darkroom-upload:')).forEach(k => localStorage.removeItem(k))");
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 400,
                "downloadThroughput", -1, "uploadThroughput", -1)); // every chunk takes 0.4 s: time to cut it
        try {
            waitFor(By.cssSelector("button.upload-open")).click();
            browser.findElement(By.id("upload-files")).sendKeys(file.toString());
            wait(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(50)).until(d -> (Boolean) js(
                    "const p = document.querySelector('.uploads li[data-name=\"Resume me.jpg\"] progress');"
                            + " return !!p && p.value >= 2048"));
            browser.navigate().refresh(); // the page is gone mid-upload
        } finally {
            chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
        }
        waitFor(By.cssSelector("button.upload-open")).click();
        WebElement unfinished = waitFor(By.cssSelector(".unfinished li[data-name='Resume me.jpg']"));
        assertThat(unfinished.getText()).contains("Unfinished").contains("Choose the same file to resume");
        browser.findElement(By.id("upload-files")).sendKeys(file.toString());
        WebElement row = waitFor(By.cssSelector(".uploads:not(.unfinished) li[data-name='Resume me.jpg']"));
        wait(Duration.ofSeconds(30)).until(d -> row.findElement(By.cssSelector(".upload-state")).getText().startsWith("Added as "));
        assertThat(Long.parseLong(row.getAttribute("data-resumed-at"))).as("resumed, not started again")
                .isBetween(2048L, 7999L);
        assertThat(browser.findElements(By.cssSelector(".unfinished li"))).isEmpty();
        assertThat(js("return Object.keys(localStorage).filter(k => k.startsWith('darkroom-upload:')).length"))
                .isEqualTo(0L);
        try (Stream<Path> files = Files.walk(Path.of("target/library/uploads"))) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().contains(".partial"))
                    .filter(f -> { try { return java.util.Arrays.equals(Files.readAllBytes(f), bytes); }
                        catch (IOException e) { return false; } }))
                    .as("the whole file, once, in the library").hasSize(1);
        }
        browser.findElement(By.cssSelector(".upload-panel .upload-head button")).click();
    }

    /**
     * 100,000 more items (MariaDB's sequence engine: seconds), 2005 to 2023. The year rail jumps deep, pages load as
     * the reader scrolls, and at every point the DOM holds a bounded number of tiles; a fast fling requests only the
     * thumbnails where it stops, each at the size for the screen's pixel density (2 here).
     */
    @Test
    @Order(20)
    void aHundredThousandItemsStayVirtualised() throws IOException {
        long t0 = System.nanoTime();
        sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                + " modified_at, status, kind, mime_type, width, height, orientation, taken_at, taken_at_source,"
                + " thumbnail_status, last_event_at)"
                + " SELECT 1000000 + seq, 'scale', CONCAT('s/', seq, '.jpg'), UNHEX(SHA2(CONCAT('scale:', seq), 256)),"
                + " CONCAT('S_', seq, '.jpg'), SHA2(CONCAT('scale', seq), 256), 1000, NOW(3), 'INDEXED', 'IMAGE',"
                + " 'image/jpeg', ELT(seq MOD 3 + 1, 4032, 3024, 6000), ELT(seq MOD 3 + 1, 3024, 4032, 2000), 1,"
                + " DATE_SUB('2023-12-31 23:00:00', INTERVAL 99 * seq MINUTE), 'EXIF', 'DONE', NOW(6)"
                + " FROM seq_1_to_100000");
        System.out.printf("100,000 items inserted in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900,
                "deviceScaleFactor", 2, "mobile", false));
        try {
            browser.get(base + "#/");
            browser.navigate().refresh(); // the same address: a reload, so the rail reads the new years
            waitFor(By.cssSelector(".year-rail a[data-year='2010']")).click();
            wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("#/y/2010") && !gridIds().isEmpty());
            assertThat(gridIds().get(0)).startsWith("10"); // the scale items: ids from 1,000,001
            int loaded = 0;
            long maxTiles = 0;
            long maxRelaid = 0;
            while (loaded < 2_000) {
                int before = loaded;
                wait(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100)).until(d -> {
                    js("window.scrollTo(0, document.documentElement.scrollHeight)");
                    return Integer.parseInt(d.findElement(By.cssSelector(".grid")).getAttribute("data-loaded")) > before;
                });
                loaded = Integer.parseInt(browser.findElement(By.cssSelector(".grid")).getAttribute("data-loaded"));
                maxTiles = Math.max(maxTiles, (Long) js("return document.querySelectorAll('.tile').length"));
                maxRelaid = Math.max(maxRelaid,
                        Long.parseLong(browser.findElement(By.cssSelector(".grid")).getAttribute("data-relaid")));
            }
            System.out.printf("loaded %d items, at most %d tiles in the DOM, at most %d items laid out again per page%n",
                    loaded, maxTiles, maxRelaid);
            assertThat(maxTiles).as("tiles in the DOM").isLessThan(120);
            assertThat(maxRelaid).as("a page lays out its own items and the open row, not the whole list")
                    .isLessThan(150);
            assertThat(js("return document.querySelector('.year-rail a.here')?.dataset.year")).isIn("2010", "2009");

            // a fling through three places: thumbnails only where it comes to rest
            sleep(1000); // the last stop's thumbnails answered
            js("performance.clearResourceTimings()");
            ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " const h = document.documentElement.scrollHeight; let n = 0;"
                    + " const hop = () => { window.scrollTo(0, h * [0.2, 0.45, 0.7][n]);"
                    + "   if (++n < 3) setTimeout(hop, 60); else setTimeout(done, 1200); }; hop();");
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) js("const imgs = [...document.querySelectorAll('.tile img')];"
                    + " const dpr = devicePixelRatio;"
                    + " const fit = (w, h) => [720, 1280, 1920].find(e => e >= Math.max(w, h) * dpr) || 1920;"
                    + " return {"
                    + "  requested: performance.getEntriesByType('resource').map(e => e.name)"
                    + "    .filter(n => n.includes('/api/v1/thumbnails/')),"
                    + "  shown: imgs.map(i => i.src),"
                    + "  waiting: imgs.filter(i => !i.src).length,"
                    + "  wrongSize: imgs.filter(i => { const t = i.closest('.tile');"
                    + "    return !i.src.endsWith('/fit-' + fit(parseFloat(t.style.width), parseFloat(t.style.height))); })"
                    + "    .map(i => i.src),"
                    + "  outside: [...document.querySelectorAll('.grid-row')].filter(r => { const b = r.getBoundingClientRect();"
                    + "    return b.bottom < -innerHeight || b.top > 2 * innerHeight; }).length,"
                    + "  dpr };");
            @SuppressWarnings("unchecked")
            List<String> requested = (List<String>) seen.get("requested");
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) seen.get("shown");
            System.out.printf("after the fling: %d thumbnails requested, %d shown%n", requested.size(), shown.size());
            assertThat(seen.get("dpr")).isEqualTo(2L);
            assertThat(shown).isNotEmpty().hasSizeLessThan(120);
            assertThat(seen.get("waiting")).as("settled: every tile asked for its thumbnail").isEqualTo(0L);
            assertThat(requested).as("only the thumbnails where the fling stopped").isNotEmpty()
                    .allMatch(shown::contains);
            assertThat((List<?>) seen.get("wrongSize")).as("the fit size for a pixel density of 2").isEmpty();
            assertThat(shown).anyMatch(src -> src.endsWith("/fit-1280")); // a panorama's 600 css px: 1200 pixels
            assertThat(seen.get("outside")).as("rows far from the viewport are not in the DOM").isEqualTo(0L);
            screenshot("grid-100k");
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            sql("DELETE FROM media_item WHERE root = 'scale'");
        }
    }

    // --- helpers ---

    /** A browser of its own (profile, cookies) with its own chromedriver: quitting one stops its driver too. */
    private static WebDriver newBrowser(Path chromium) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(executable("chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--force-device-scale-factor=1", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        var logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names).flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator))
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    private static void untilShown(KafkaCompanion kafka, String topic, String json,
            java.util.function.Function<WebDriver, Boolean> shown) {
        wait(Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(700)).until(d -> {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, "k", json)).awaitCompletion();
            return shown.apply(d);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 2 s 320x240 H.264 MP4 written where transcode-service puts it; false without ffmpeg on the PATH. */
    private static boolean makeVideo(String hash) throws IOException, InterruptedException {
        Optional<Path> ffmpeg = executable("ffmpeg");
        if (ffmpeg.isEmpty()) {
            return false;
        }
        Path target = STORAGE.file(hash, "video.mp4");
        Files.createDirectories(target.getParent());
        Process process = new ProcessBuilder(ffmpeg.get().toString(), "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=15", "-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags",
                "+faststart", target.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not make the test clip: " + output);
        }
        return true;
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }

    private static String hash(long id) {
        return "%064x".formatted(id + 0x9a11e7L);
    }

    /** Real JPEGs (a colour per item, the displayed shape) for the sizes the grid and the viewer ask for. */
    private static void writeThumbnails(String hash, int width, int height, long id) throws IOException {
        int w = width >= height ? 160 : 160 * width / height;
        int h = width >= height ? 160 * height / width : 160;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.getHSBColor((id * 37 % 360) / 360f, 0.45f, 0.85f));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.drawString(Long.toString(id), 8, 20);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        for (String size : List.of("fit-720", "fit-1280", "fit-1920")) {
            STORAGE.writeAtomically(STORAGE.file(hash, size + ".jpg"), out -> out.write(jpeg.toByteArray()));
        }
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // a re-rendered node: look again
        return wait;
    }

    private static WebElement waitFor(By by) {
        return wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static long loadedImages() {
        return (Long) js("return [...document.querySelectorAll('.tile img')]"
                + ".filter(i => i.complete && i.naturalWidth > 0).length");
    }

    private static List<String> arranged() {
        return texts0("return [...document.querySelectorAll('.arrange li')].map(li => li.dataset.id)");
    }

    private static List<String> gridIds() {
        return texts0("return [...document.querySelectorAll('.grid .tile')].map(t => t.dataset.id)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts0(String script) {
        return ((List<Object>) js(script)).stream().map(String::valueOf).toList();
    }

    private static String zoom() {
        return String.valueOf(js("return document.querySelector('.viewer')?.dataset.zoom"));
    }

    private static By tileSelector(long id) {
        return By.cssSelector(".tile[data-id='" + id + "']");
    }

    private static WebElement tile(long id) {
        return browser.findElement(tileSelector(id));
    }

    private static double ratio(WebElement element) {
        return element.getRect().getWidth() / (double) element.getRect().getHeight();
    }

    /** The shown text of every match, read in one script: the page may re-render between two WebDriver calls. */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String css) {
        return ((List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())", css))
                .stream().map(String::valueOf).toList();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

}
