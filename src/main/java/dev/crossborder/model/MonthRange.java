package dev.crossborder.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The months from {@code first} to {@code last} inclusive, both given by their first day: the months a landing
 * file holds, or months an incremental refresh replaces.
 */
public record MonthRange(LocalDate first, LocalDate last) {

  public MonthRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (first.getDayOfMonth() != 1 || last.getDayOfMonth() != 1 || last.isBefore(first)) {
      throw new IllegalArgumentException("Not a range of month starts: " + first + ".." + last);
    }
  }

  public boolean overlaps(MonthRange other) {
    return !other.last.isBefore(first) && !other.first.isAfter(last);
  }

  /** True when {@code other} overlaps any of {@code ranges}. */
  public static boolean overlapsAny(Collection<MonthRange> ranges, MonthRange other) {
    return ranges.stream().anyMatch(other::overlaps);
  }

  /** The same months as {@code ranges}, as few sorted ranges as possible (adjacent months join). */
  public static List<MonthRange> merged(Collection<MonthRange> ranges) {
    List<MonthRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparing(MonthRange::first));
    List<MonthRange> merged = new ArrayList<>();
    for (MonthRange range : sorted) {
      MonthRange previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (previous != null && !range.first.isAfter(previous.last.plusMonths(1))) {
        merged.set(merged.size() - 1, new MonthRange(previous.first,
            range.last.isAfter(previous.last) ? range.last : previous.last));
      } else {
        merged.add(range);
      }
    }
    return List.copyOf(merged);
  }

  @Override
  public String toString() {
    String from = first.toString().substring(0, 7);
    String to = last.toString().substring(0, 7);
    return from.equals(to) ? from : from + ".." + to;
  }
}
