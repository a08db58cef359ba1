package dev.crossborder.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.crossborder.model.Columns;
import dev.crossborder.model.ReasonCode;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Evaluates quality rules as row-level flags: a {@code reasons} array per row, empty for a clean row. */
public final class RowFlags {
  private RowFlags() {}

  /** The text values as read, until {@link #withRecordOfQuarantined}. */
  public static final String RAW_VALUES = "_raw_values";

  /** A hash of the key: a row whose hash occurs once cannot have a copy, whatever its key. */
  private static final String KEY_HASH = "_key_hash";
  private static final String COPIES = "_copies";
  private static final String REPEATED_HASH = "_repeated_hash";
  /**
   * Up to this many repeated keys, their hashes are broadcast (8 bytes each: 16 MB at the limit, a few times
   * that as a hash table) and only the rows carrying them are shuffled; above it every row is shuffled by key,
   * which costs more but holds no key set in memory (say, a whole year of files landed twice).
   */
  static final long MAX_BROADCAST_KEYS = 2_000_000;
  /** Rows per partition of the shuffle of copies: 149 bytes a row, about 75 MB per task to sort. */
  static final long COPY_ROWS_PER_PARTITION = 500_000;

  /**
   * {@code rowLevel} applied to {@code raw}, with DUPLICATE and CONFLICTING_DUPLICATE appended to the
   * {@code reasons} it computes and a {@code record} on quarantined rows (see {@link #withRecordOfQuarantined}).
   * Copies of a key are compared on {@code contentColumns} (parsed values), so a file listing the same record
   * twice is a DUPLICATE however it spells the numbers (every copy after the first, by source file), and two
   * different records under one key are a CONFLICTING_DUPLICATE (every copy). {@code keyColumns} are raw text
   * columns, which {@code rowLevel} trims as {@link #withTrimmedText} does; {@code comparedOnly} are columns
   * {@code rowLevel} adds for the comparison alone, dropped from the result. {@code cache} persists the frames
   * the result is computed from (the caller releases them); {@link FrameCache#NONE} for a single read.
   *
   * <p>Copies are rare, so they are found without moving every row: a first pass (an action, run here) reads
   * the keys alone and counts the rows of each key hash, shuffling 8-byte hashes into {@code partitions} parts.
   * The rows then go once through {@code rowLevel}, are marked when their hash is repeated (a broadcast join)
   * and are cached; only the marked rows are shuffled by key, in at most {@code partitions} parts, compared
   * exactly, and cached apart; the result is the unmarked rows and the compared ones. A hash collision only
   * sends a few unique rows through the exact comparison. (Shuffling and sorting every row by key took 60 % of
   * the CPU time at 10 million rows.) With more than {@code maxBroadcastKeys} repeated keys every row is
   * shuffled by key instead.
   */
  public static Dataset<Row> withDuplicateReasons(Dataset<Row> raw, UnaryOperator<Dataset<Row>> rowLevel,
      List<String> keyColumns, List<String> contentColumns, List<String> comparedOnly, int partitions,
      long maxBroadcastKeys, UnaryOperator<Dataset<Row>> cache) {
    Column rawKeyPresent = keyColumns.stream().map(c -> trimmedText(c).isNotNull()).reduce(Column::and).orElseThrow();
    Dataset<Row> repeatedHashes = raw.filter(rawKeyPresent)
        .select(xxhash64(keyColumns.stream().map(RowFlags::trimmedText).toArray(Column[]::new)).as(KEY_HASH))
        // Nearly every hash is unique, so a partial count before the shuffle would save nothing; sized like the
        // rest of the check, each task counts its part in memory.
        .repartition(partitions, col(KEY_HASH))
        .groupBy(col(KEY_HASH))
        .agg(count(lit(1)).as(COPIES))
        .filter(col(COPIES).gt(1))
        // Computed once, now; freed with the plans that use it (its lineage is cut, so nothing recomputes it).
        .localCheckpoint(true);
    Row repeated = repeatedHashes.agg(count(lit(1)), sum(col(COPIES))).first();
    long repeatedKeys = repeated.getLong(0);
    Dataset<Row> checked = rowLevel.apply(raw);
    String[] dropped = comparedOnly.toArray(String[]::new);
    if (repeatedKeys == 0) {
      return cache.apply(checked.transform(RowFlags::withRecordOfQuarantined).drop(dropped));
    }
    if (repeatedKeys > maxBroadcastKeys) {
      return cache.apply(comparedCopies(checked, keyColumns, contentColumns, partitions)
          .transform(RowFlags::withRecordOfQuarantined).drop(dropped));
    }
    long copyRows = repeated.getLong(1);
    int copyPartitions = (int) Math.min(partitions, Math.max(raw.sparkSession().sparkContext().defaultParallelism(),
        (copyRows + COPY_ROWS_PER_PARTITION - 1) / COPY_ROWS_PER_PARTITION));
    Column keyPresent = not(anyMissing(keyColumns));
    Column keyHash = when(keyPresent, xxhash64(keyColumns.stream().map(c -> col(c)).toArray(Column[]::new)));
    Column isRepeated = col(REPEATED_HASH).isNotNull();
    Dataset<Row> marked = checked
        .join(broadcast(repeatedHashes.select(col(KEY_HASH).as(REPEATED_HASH))),
            keyHash.equalTo(col(REPEATED_HASH)), "left")
        // A row may still become a duplicate: its record is kept until the comparison.
        .withColumn(Columns.RECORD, when(isRepeated.or(not(isClean())), recordOf()))
        .drop(RAW_VALUES, Columns.CORRUPT_RECORD);
    for (String name : comparedOnly) {
      // Only the marked rows are compared: nulls elsewhere cost the cache next to nothing.
      marked = marked.withColumn(name, when(isRepeated, col(name)));
    }
    Dataset<Row> cached = cache.apply(marked);
    Dataset<Row> compared = cache.apply(
        comparedCopies(cached.filter(isRepeated), keyColumns, contentColumns, copyPartitions)
            .withColumn(Columns.RECORD, when(not(isClean()), col(Columns.RECORD))));
    return cached.filter(not(isRepeated)).unionByName(compared).drop(REPEATED_HASH).drop(dropped);
  }

  /**
   * The duplicate reasons of {@code rows} holding every copy of their keys: repartitioned by the key into
   * {@code partitions} parts, one window with one ordering computes both flags, so the rows are sorted once.
   */
  private static Dataset<Row> comparedCopies(Dataset<Row> rows, List<String> keyColumns,
      List<String> contentColumns, int partitions) {
    Column[] key = keyColumns.stream().map(c -> col(c)).toArray(Column[]::new);
    // A struct compares field by field (nulls included) exactly, with no text rendering of the values.
    Column content = struct(contentColumns.stream().map(c -> col(c)).toArray(Column[]::new));
    WindowSpec copiesInOrder = Window.partitionBy(key).orderBy(col(Columns.SOURCE_FILE), content);
    WindowSpec allCopies = copiesInOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column keyPresent = not(anyMissing(keyColumns));
    Column conflicting = keyPresent.and(min(content).over(allCopies).notEqual(max(content).over(allCopies)));
    Column extraIdenticalCopy = keyPresent.and(not(conflicting)).and(row_number().over(copiesInOrder).gt(1));
    Column duplicateReasons = compacted(
        when(extraIdenticalCopy, lit(ReasonCode.DUPLICATE.name())),
        when(conflicting, lit(ReasonCode.CONFLICTING_DUPLICATE.name())));
    return rows
        .repartition(partitions, key)
        .withColumn(Columns.REASONS,
            when(extraIdenticalCopy.or(conflicting), concat(col(Columns.REASONS), duplicateReasons))
                .otherwise(col(Columns.REASONS)));
  }

  /** Text columns trimmed, with empty text as null (a blank field is a missing field). */
  public static Dataset<Row> withTrimmedText(Dataset<Row> rows, List<String> textColumns) {
    Dataset<Row> trimmed = rows;
    for (String name : textColumns) {
      trimmed = trimmed.withColumn(name, trimmedText(name));
    }
    return trimmed;
  }

  private static Column trimmedText(String name) {
    Column value = trim(col(name));
    return when(value.equalTo(""), lit(null)).otherwise(value);
  }

  /** True when any of {@code columns} is null. */
  public static Column anyMissing(List<String> columns) {
    return columns.stream().map(c -> col(c).isNull()).reduce(Column::or).orElseThrow();
  }

  /** True when the text is there but its parsed value is not: it did not parse. */
  public static Column unparsed(String text, String parsed) {
    return col(text).isNotNull().and(col(parsed).isNull());
  }

  /** Adds {@code reasons}: the codes of every rule the row fails, in rule order. */
  public static Dataset<Row> withReasons(Dataset<Row> rows, List<Rule> rules) {
    Column[] codes = rules.stream()
        .map(r -> when(coalesce(r.failsWhen(), lit(false)), lit(r.code().name())))
        .toArray(Column[]::new);
    Column failsAny = rules.stream().map(r -> coalesce(r.failsWhen(), lit(false))).reduce(Column::or).orElseThrow();
    return rows.withColumn(Columns.REASONS, when(failsAny, compacted(codes)).otherwise(NO_REASONS));
  }

  /**
   * An empty array of codes typed like {@link #compacted}'s (elements never null, as the output tables
   * declare): the first zero elements of a split of a literal, a constant expression.
   */
  private static final Column NO_REASONS = slice(split(lit(""), ","), 1, 0);

  /**
   * The non-null codes of {@code codes}, in order. Spark evaluates array_compact (a lambda filter) and array
   * concat row by row without generated code (13 % of the CPU samples when every row went through them): the
   * callers above only reach this for the rows that fail something, and give the others a constant.
   */
  private static Column compacted(Column... codes) {
    return array_compact(array(codes));
  }

  public static Column isClean() {
    return size(col(Columns.REASONS)).equalTo(0);
  }

  /** The row's text values as read: a struct is cheap to carry; JSON is rendered only when needed. */
  public static Column rawValues(List<String> textColumns) {
    return struct(textColumns.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Adds {@code record} to quarantined rows (null on clean ones) and drops what it is made from: the raw line
   * when the reader could not split it, else the row's text values (see {@link #rawValues}) as JSON.
   */
  private static Dataset<Row> withRecordOfQuarantined(Dataset<Row> rows) {
    return rows
        .withColumn(Columns.RECORD, when(isClean().unary_$bang(), recordOf()))
        .drop(RAW_VALUES, Columns.CORRUPT_RECORD);
  }

  private static Column recordOf() {
    return coalesce(col(Columns.CORRUPT_RECORD), to_json(col(RAW_VALUES)));
  }
}
