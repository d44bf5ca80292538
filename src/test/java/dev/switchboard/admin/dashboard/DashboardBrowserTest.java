package dev.switchboard.admin.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.switchboard.admin.jobs.DashboardWork;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard in a real headless browser (Debian's chromium and chromium-driver): an operator gives the token, sees a
 * dead job, finds it by its wamid, retries it and sees it complete; pauses and resumes a queue and sees the counts move.
 * Saves a screenshot to target/dashboard.png; {@code -Ddashboard.screenshot=docs/images/dashboard.png} refreshes the README's.
 */
@QuarkusTest
class DashboardBrowserTest {

  private static final String QUEUE = "test-dashboard";
  private static final String WAMID = "wamid.HBgMNDkxNTExMjM0NTY3FQIAERgSQkE5";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TestHTTPResource("/admin/queues")
  URL page;

  @Inject
  JobQueue jobs;

  private WebDriver browser;
  private WebDriverWait waiting;

  @BeforeEach
  void openBrowser() {
    assertThat(Path.of("/usr/bin/chromium")).as("chromium is needed: apt-get install -y chromium chromium-driver").exists();
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    this.browser = new ChromeDriver(service, options);
    this.browser.manage().window().setSize(new Dimension(1400, 1300));
    // the page re-renders every few seconds: an element found just before may be replaced
    this.waiting = new WebDriverWait(this.browser, WAIT);
    this.waiting.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void closeBrowser() {
    if (this.browser != null) {
      this.browser.quit();
    }
    given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).post("/admin/queue/resume/" + QUEUE);
  }

  @Test
  void shouldServeTheShellPageWithoutAToken() {
    // the page holds no data; the API behind it still wants the token
    given().get("/admin/queues").then().statusCode(200).body(containsString("dashboard.js")).body(not(containsString(WAMID)));
    given().get("/admin/assets/dashboard.js").then().statusCode(200);
    given().get("/admin/queue/health").then().statusCode(401);
  }

  @Test
  void shouldFindRetryAndCompleteADeadJobThenPauseAndResume() throws IOException {
    // a send-like job that got its wamid, then failed both attempts: dead, with the wamid as its result
    this.jobs.enqueue(QUEUE, new DashboardWork("+4915112345678", WAMID, 2), JobOptions.defaults().withJobId("browser-dead").withGroup("salon-7"))
        .await().indefinitely();
    for (int n = 0; n < 3; n++) {
      this.jobs.enqueue(QUEUE, new DashboardWork("+4930123456" + n, null, 2), JobOptions.defaults().withJobId("browser-other-" + n))
          .await().indefinitely();
    }

    this.browser.get(this.page.toString());
    this.waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(TestSettings.ADMIN_TOKEN);
    click(By.id("login"));

    // the queue's row shows the dead jobs; select it (its dead jobs are listed)
    By row = By.cssSelector("#queues tr[data-queue='" + QUEUE + "']");
    this.waiting.until(driver -> Integer.parseInt(driver.findElement(row).findElement(By.className("count-dead")).getText()) >= 4);
    click(row);
    this.waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs tr[data-job='browser-dead']")));

    // find it by its wamid: only that job is listed
    this.browser.findElement(By.id("search")).sendKeys(WAMID);
    click(By.id("search-button"));
    this.waiting.until(driver -> jobIds(driver).equals(List.of("browser-dead")));

    // its detail shows both attempts and the wamid; the phone number is masked until revealed
    click(By.cssSelector("#jobs tr[data-job='browser-dead']"));
    this.waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("job-detail")));
    this.waiting.until(driver -> driver.findElement(By.id("job-detail")).getText().contains("Failed attempts (2)"));
    assertThat(this.browser.findElement(By.id("job-detail")).getText()).contains(WAMID).contains("Graph API refused attempt 2").doesNotContain("+4915112345678");
    click(By.id("reveal"));
    this.waiting.until(driver -> driver.findElement(By.id("job-detail")).getText().contains("+4915112345678"));

    // retry it from the detail: it runs again and completes
    click(By.cssSelector("#job-detail button.retry"));
    this.waiting.until(driver -> "completed".equals(driver.findElement(By.id("job-detail")).getAttribute("data-state")));

    // pause: new jobs wait and the waiting count shows them; resume: they run and the count drops back
    click(By.cssSelector("#queues tr[data-queue='" + QUEUE + "'] button.pause"));
    this.waiting.until(driver -> "paused".equals(driver.findElement(row).findElement(By.className("queue-state")).getText()));
    List<NewJob> held = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      held.add(new NewJob(new DashboardWork("+49", null, 0), JobOptions.defaults().withJobId("browser-held-" + n)));
    }
    this.jobs.enqueueAll(QUEUE, held).await().indefinitely();
    this.waiting.until(driver -> count(driver, row, "count-waiting") == 5);
    int completedBefore = this.waiting.until(driver -> count(driver, row, "count-completed"));
    click(By.cssSelector("#queues tr[data-queue='" + QUEUE + "'] button.resume"));
    this.waiting.until(driver -> count(driver, row, "count-waiting") == 0 && count(driver, row, "count-completed") >= completedBefore + 5);
    this.waiting.until(driver -> "running".equals(driver.findElement(row).findElement(By.className("queue-state")).getText()));

    // the audit log names the token that did it
    this.waiting.until(driver -> driver.findElement(By.id("audit")).getText().contains("POST /admin/queue/resume/" + QUEUE));
    // the tenant directory: the configured tenant with its state and limits
    this.waiting.until(driver -> driver.findElement(By.id("directory")).getText().contains("acme"));
    assertThat(this.browser.findElement(By.cssSelector("#directory tr[data-tenant='acme']")).getText()).contains("config", "active", "80", "5");
    assertThat(this.browser.findElement(By.id("audit")).getText()).contains("admin-token");

    // the search still finds it, now among the completed jobs
    click(By.cssSelector("#states button[data-state='completed']"));
    this.waiting.until(driver -> jobIds(driver).equals(List.of("browser-dead")));

    screenshot();
  }

  /** Clicks the element once it is there, finding it again if a re-render replaced it. */
  private void click(By target) {
    this.waiting.until(driver -> {
      driver.findElement(target).click();
      return true;
    });
  }

  @SuppressWarnings("unchecked")
  private static List<String> jobIds(WebDriver driver) {
    return (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return Array.from(document.querySelectorAll('#jobs tbody tr[data-job]')).map(r => r.getAttribute('data-job'))");
  }

  private static int count(WebDriver driver, By row, String cell) {
    return Integer.parseInt(driver.findElement(row).findElement(By.className(cell)).getText());
  }

  private void screenshot() throws IOException {
    // masked again for the picture, with the retried job's detail open
    click(By.id("reveal"));
    this.waiting.until(driver -> !driver.findElement(By.id("job-detail")).getText().contains("+4915112345678"));
    // the whole page in one picture
    JavascriptExecutor page = (JavascriptExecutor) this.browser;
    long height = ((Number) page.executeScript("return document.documentElement.scrollHeight")).longValue();
    this.browser.manage().window().setSize(new Dimension(1400, (int) Math.min(4000, height + 140)));
    page.executeScript("window.scrollTo(0, 0)");
    this.waiting.until(driver -> ((Number) page.executeScript("return window.scrollY")).intValue() == 0);
    Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
    // a plain verify leaves the committed picture alone; -Ddashboard.screenshot=docs/images/dashboard.png refreshes it
    Path target = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isGreaterThan(10_000);
  }
}
