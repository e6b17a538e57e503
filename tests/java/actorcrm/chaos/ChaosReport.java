package actorcrm.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one fault scenario, in the order they were measured: printed as one block in the
 * test output and appended to {@code target/chaos-report.md} (which each test run starts afresh),
 * also when the scenario fails, so the figures of a failing run can be read.
 */
public final class ChaosReport {
  public static final Path FILE = Path.of("target", "chaos-report.md");
  private static boolean started;

  private final String scenario;
  private final List<String[]> rows = new ArrayList<>();

  public ChaosReport(String scenario, ChaosScale scale, NodeCluster.Journal journal) {
    this.scenario = scenario;
    add("scale", scale.name());
    add("journal", journal.description());
    add("started", Instant.now().toString());
  }

  public void add(String figure, Object value) {
    rows.add(new String[] {figure, String.valueOf(value)});
  }

  /** A duration as seconds with one decimal; null means it did not happen within the scenario's bound. */
  public void seconds(String figure, Duration d) {
    add(figure, d == null ? "not reached" : format(d));
  }

  /** {@link #seconds} with the target beside it, and the bound that was waited for when it was not reached. */
  public void seconds(String figure, Duration d, Duration target, Duration bound) {
    add(figure, d == null ? "not reached within " + format(bound) + " (target " + format(target) + ")"
        : format(d) + " (target " + format(target) + ": " + (d.compareTo(target) <= 0 ? "met" : "not met") + ")");
  }

  private static String format(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** Prints the block and appends it to the report file. */
  public void write() {
    StringBuilder md = new StringBuilder("\n## ").append(scenario).append("\n\n| figure | value |\n|---|---|\n");
    StringBuilder out = new StringBuilder("\n======== chaos: ").append(scenario).append(" ========\n");
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] row : rows) {
      md.append("| ").append(row[0]).append(" | ").append(row[1].replace("|", "\\|")).append(" |\n");
      out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", row[0], row[1]));
    }
    out.append("=".repeat(26 + scenario.length())).append('\n');
    System.out.print(out);
    try {
      Files.createDirectories(FILE.getParent());
      synchronized (ChaosReport.class) {
        // The file holds this run's scenarios only: the first block of a test JVM starts it afresh.
        if (!started) {
          Files.writeString(FILE, "# Chaos report, " + Instant.now() + "\n", StandardCharsets.UTF_8);
          started = true;
        }
        Files.writeString(FILE, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + FILE, e);
    }
  }
}
