package dev.crossborder.pipeline;

import dev.crossborder.ingest.LandingFiles.LandingFile;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.MonthRange;
import dev.crossborder.publish.LandingState.ProcessedFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an incremental refresh does to one landing dataset: the files it reads and the months it replaces.
 *
 * <p>A month's rows are only right when every file holding rows of that month is read together (duplicates
 * are found across files). So the plan starts from the new and changed files (their months, and the months
 * changed or removed files held before) and adds every unchanged file whose months overlap, until no file
 * is left that holds a replaced month without being read. A file is replaced whole in the quarantine.
 *
 * @param toRead files to read, in listing order
 * @param removed processed files no longer in the landing folder (their rows leave the tables)
 * @param newFiles how many files were not processed before
 * @param changedFiles how many processed files changed size or modification time
 * @param monthsToReplace months whose rows are replaced, merged into ranges
 */
public record RefreshPlan(LandingDataset dataset, List<LandingFile> toRead, List<ProcessedFile> removed,
    int newFiles, int changedFiles, List<MonthRange> monthsToReplace) {

  public RefreshPlan {
    toRead = List.copyOf(toRead);
    removed = List.copyOf(removed);
    monthsToReplace = List.copyOf(monthsToReplace);
  }

  /** True when the dataset did not change since the state was written. */
  public boolean isEmpty() {
    return toRead.isEmpty() && removed.isEmpty();
  }

  /** Files whose quarantine rows are replaced: those read and those removed, as {@code source_file} holds them. */
  public List<String> sourceFilesToReplace() {
    List<String> files = new ArrayList<>(toRead.stream().map(LandingFile::sourceFile).toList());
    removed.forEach(f -> files.add(f.sourceFile()));
    return files;
  }

  /** Landing files that are not in {@code processed} or differ from it in size or modification time. */
  public static List<LandingFile> newOrChanged(List<LandingFile> listed, List<ProcessedFile> processed) {
    Map<String, ProcessedFile> byPath = byPath(processed);
    return listed.stream().filter(file -> isNewOrChanged(file, byPath.get(file.path()))).toList();
  }

  /**
   * The plan for one dataset, given the months of each new or changed file ({@code source_file} to months;
   * a file without a dated row is absent).
   */
  public static RefreshPlan plan(LandingDataset dataset, List<LandingFile> listed, List<ProcessedFile> processed,
      Map<String, MonthRange> monthsOfNewOrChanged) {
    Map<String, ProcessedFile> byPath = byPath(processed);
    Set<String> listedPaths = listed.stream().map(LandingFile::path).collect(Collectors.toSet());
    List<ProcessedFile> removed = processed.stream().filter(f -> !listedPaths.contains(f.path())).toList();

    Set<LandingFile> toRead = new LinkedHashSet<>();
    List<MonthRange> months = new ArrayList<>();
    int newFiles = 0;
    int changedFiles = 0;
    for (LandingFile file : listed) {
      ProcessedFile before = byPath.get(file.path());
      if (!isNewOrChanged(file, before)) {
        continue;
      }
      toRead.add(file);
      Optional.ofNullable(monthsOfNewOrChanged.get(file.sourceFile())).ifPresent(months::add);
      if (before == null) {
        newFiles++;
      } else {
        changedFiles++;
        before.months().ifPresent(months::add); // the months it held before lose its old rows
      }
    }
    removed.forEach(f -> f.months().ifPresent(months::add));

    // Close over overlap: an unchanged file holding a replaced month is read again, and its months replaced.
    boolean grew = !months.isEmpty();
    while (grew) {
      grew = false;
      List<MonthRange> merged = MonthRange.merged(months);
      for (LandingFile file : listed) {
        Optional<MonthRange> held = Optional.ofNullable(byPath.get(file.path())).flatMap(ProcessedFile::months);
        if (!toRead.contains(file) && held.isPresent() && MonthRange.overlapsAny(merged, held.get())) {
          toRead.add(file);
          months.add(held.get());
          grew = true;
        }
      }
    }
    List<LandingFile> inListingOrder = listed.stream().filter(toRead::contains).toList();
    return new RefreshPlan(dataset, inListingOrder, removed, newFiles, changedFiles, MonthRange.merged(months));
  }

  /** One line for the run summary. */
  public String describe() {
    return String.format(Locale.ROOT, "%s: %d new, %d changed, %d removed file(s); read %d; months replaced: %s",
        dataset.folder(), newFiles, changedFiles, removed.size(), toRead.size(),
        monthsToReplace.isEmpty() ? "none" : monthsToReplace.stream().map(MonthRange::toString)
            .collect(Collectors.joining(", ")));
  }

  private static boolean isNewOrChanged(LandingFile file, ProcessedFile before) {
    return before == null || before.length() != file.length() || before.modificationTime() != file.modificationTime();
  }

  private static Map<String, ProcessedFile> byPath(List<ProcessedFile> processed) {
    return processed.stream().collect(Collectors.toMap(ProcessedFile::path, Function.identity(), (a, b) -> b));
  }
}
