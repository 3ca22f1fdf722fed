package io.darkroom.gateway.web;

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
