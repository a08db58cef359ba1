package dev.crossborder.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Renders a local HTML file in headless Chromium (Debian's {@code chromium} package): the DOM after load, a
 * PNG screenshot and the browser's log, where refused and failed loads show up.
 */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  /**
   * Log lines that mean the page tried to load something: CSP refusals (worded "Refused to ..." by older
   * Chromium, "... violates the following Content Security Policy directive ..." by newer) and network or file
   * errors.
   */
  public static final Pattern LOAD_PROBLEM = Pattern.compile(
      "Refused to|violates the following Content Security Policy|Failed to load|ERR_[A-Z_]+");

  /** A guard against a hung browser, not a performance bound: a loaded machine stays far below it. */
  private static final long GIVE_UP_MINUTES = 5;

  /** What Chromium made of one page. */
  public record Rendering(String dom, List<String> log, Path screenshot) {
    /** The log lines that report a refused or failed load. */
    public List<String> loadProblems() {
      return log.stream().filter(line -> LOAD_PROBLEM.matcher(line).find()).toList();
    }
  }

  /**
   * The Chromium binary. Without one the calling test is skipped, or fails with how to install it when
   * {@code CI} is set (a CI run must not pass by skipping).
   */
  public static Path require() {
    Optional<Path> found = find();
    String install = "Chromium is not installed: apt-get install -y chromium (.ci/run installs it when missing)";
    if (found.isEmpty() && System.getenv("CI") != null) {
      fail(install);
    }
    assumeTrue(found.isPresent(), install);
    return found.get();
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Opens {@code page} at the given window size, dumps its DOM after load and takes a screenshot. */
  public static Rendering render(Path chromium, Path page, Path workDir, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path screenshot = workDir.resolve("screenshot.png");
    Path dom = workDir.resolve("dom.html");
    Path log = workDir.resolve("chromium.log");
    Process process = new ProcessBuilder(chromium.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
        // A profile of its own (parallel builds must not share one) and no traffic of the browser's own, so
        // that any network error in the log comes from the page.
        "--user-data-dir=" + workDir.resolve("profile"), "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--force-color-profile=srgb", "--enable-logging=stderr", "--v=0",
        "--window-size=" + width + "," + height, "--screenshot=" + screenshot, "--dump-dom",
        page.toUri().toString())
        .redirectOutput(dom.toFile())
        .redirectError(log.toFile())
        .start();
    if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("Chromium did not finish rendering " + page + " within " + GIVE_UP_MINUTES + " minutes; log: " + log);
    }
    if (process.exitValue() != 0) {
      fail("Chromium exited with " + process.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    // Decoded leniently: the log mixes the browser's messages with whatever its libraries print.
    return new Rendering(Files.readString(dom, StandardCharsets.UTF_8),
        new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList(), screenshot);
  }
}
