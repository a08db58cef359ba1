package dev.crossborder.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
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
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.model.ReasonCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/** Evaluates quality rules as row-level flags: a {@code reasons} array per row, empty for a clean row. */
public final class RowFlags {
  private RowFlags() {}

  /** Prefix of the columns keeping the text values as read, until the record is rendered ({@link #withRawValues}). */
  private static final String RAW_PREFIX = "_raw_";
  /** Prefix of the typed values kept beside them ({@link #withRawValues(Dataset, List, List)}). */
  private static final String RAW_TYPED_PREFIX = "_typedraw_";

  /** A hash of the key: a row whose hash occurs once cannot have a copy, whatever its key. */
  private static final String KEY_HASH = "_key_hash";
  private static final String COPIES = "_copies";
  private static final String REPEATED_HASH = "_repeated_hash";
  /** The rules a row fails, bit i for rule i, until {@code reasons} names them. */
  private static final String FAILED_RULES = "_failed_rules";
  /**
   * Up to this many repeated keys, their hashes are broadcast (8 bytes each: 16 MB at the limit, a few times
   * that as a hash table) and only the rows carrying them are shuffled; above it every row is shuffled by key,
   * which costs more but holds no key set in memory (say, a whole year of files landed twice).
   */
  public static final long MAX_BROADCAST_KEYS = 2_000_000;
  /** Rows per partition of the shuffle of copies: 149 bytes a row, about 75 MB per task to sort. */
  static final long COPY_ROWS_PER_PARTITION = 500_000;

  /**
   * {@code rowLevel} applied to {@code raw}, with DUPLICATE and CONFLICTING_DUPLICATE appended to the
   * {@code reasons} it computes and a {@code record} on quarantined rows (see {@link #withRecordOfQuarantined}),
   * as entries of {@code tally}: the rows that end clean folded by its keys, the others one entry each.
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
   * and are stored by {@code tally} (the clean unmarked ones folded, the groups merged in {@code partitions}
   * parts) and cached; only the marked rows are
   * shuffled by key, in at most {@code partitions} parts, compared exactly, and cached apart; the result is the
   * folded entries, the unmarked rows kept apart and the compared ones. A hash collision only
   * sends a few unique rows through the exact comparison. (Shuffling and sorting every row by key took 60 % of
   * the CPU time at 10 million rows.) With more than {@code maxBroadcastKeys} repeated keys every row is
   * shuffled by key instead; with {@code maxBroadcastKeys} 0, at once, without the first pass (for inputs so
   * small that its actions cost more than the sort it saves).
   */
  public static Dataset<Row> withDuplicateReasons(Dataset<Row> raw, UnaryOperator<Dataset<Row>> rowLevel,
      List<String> keyColumns, List<String> contentColumns, List<String> comparedOnly, Tally tally, int partitions,
      long maxBroadcastKeys, UnaryOperator<Dataset<Row>> cache) {
    String[] dropped = comparedOnly.toArray(String[]::new);
    if (maxBroadcastKeys == 0) {
      // A small input: every row is shuffled by key in one pass, without counting hashes first (two actions
      // and their jobs, which cost more than sorting a few megabytes).
      Dataset<Row> compared = comparedCopies(rowLevel.apply(raw), keyColumns, contentColumns, partitions);
      return tally.entries(compared.transform(RowFlags::withRecordOfQuarantined).drop(dropped), not(isClean()),
          partitions, cache);
    }
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
    if (repeatedKeys == 0 || repeatedKeys > maxBroadcastKeys) {
      Dataset<Row> compared = repeatedKeys == 0 ? checked
          : comparedCopies(checked, keyColumns, contentColumns, partitions);
      return tally.entries(compared.transform(RowFlags::withRecordOfQuarantined).drop(dropped), not(isClean()),
          partitions, cache);
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
        .transform(rows -> withRecord(rows, isRepeated.or(not(isClean()))));
    for (String name : comparedOnly) {
      // Only the marked rows are compared: nulls elsewhere cost the cache next to nothing.
      marked = marked.withColumn(name, when(isRepeated, col(name)));
    }
    Dataset<Row> stored = tally.store(marked, isRepeated.or(not(isClean())), partitions, cache);
    Dataset<Row> kept = tally.keptRows(stored);
    Dataset<Row> compared = cache.apply(
        comparedCopies(kept.filter(isRepeated), keyColumns, contentColumns, copyPartitions)
            .withColumn(Columns.RECORD, when(not(isClean()), col(Columns.RECORD))));
    Dataset<Row> keptRows = kept.filter(not(isRepeated)).unionByName(compared).drop(REPEATED_HASH).drop(dropped);
    return tally.folded(stored).drop(REPEATED_HASH).drop(dropped).unionByName(tally.entriesOf(keptRows, stored));
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

  /**
   * Text columns trimmed, with empty text as null (a blank field is a missing field). Trimmed in one projection
   * and tested in the next, so that each value is trimmed once (the test reads it twice).
   */
  public static Dataset<Row> withTrimmedText(Dataset<Row> rows, List<String> textColumns) {
    Map<String, Column> trimmed = new LinkedHashMap<>();
    Map<String, Column> blankAsNull = new LinkedHashMap<>();
    for (String name : textColumns) {
      trimmed.put(name, trim(col(name)));
      blankAsNull.put(name, when(col(name).equalTo(""), lit(null)).otherwise(col(name)));
    }
    return rows.withColumns(trimmed).withColumns(blankAsNull);
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

  /**
   * Adds {@code reasons}: the codes of every rule the row fails, in rule order. Each rule is evaluated once,
   * into one bit of an int: the rule conditions were otherwise compiled twice (once to tell whether the row
   * fails, once to name the codes) into the generated method of the pass, already larger than HotSpot compiles
   * by default (see {@code SparkSessions.COMPILE_HUGE_METHODS}).
   */
  public static Dataset<Row> withReasons(Dataset<Row> rows, List<Rule> rules) {
    if (rules.size() > Integer.SIZE - 1) {
      throw new IllegalArgumentException("At most 31 rules fit the bits of an int: " + rules.size());
    }
    Column failedRules = lit(0);
    Column[] codes = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      int bit = 1 << i;
      Column fails = coalesce(rules.get(i).failsWhen(), lit(false));
      failedRules = failedRules.bitwiseOR(when(fails, lit(bit)).otherwise(lit(0)));
      codes[i] = when(col(FAILED_RULES).bitwiseAND(bit).notEqual(0), lit(rules.get(i).code().name()));
    }
    return rows.withColumn(FAILED_RULES, failedRules)
        .withColumn(Columns.REASONS, when(col(FAILED_RULES).equalTo(0), NO_REASONS).otherwise(compacted(codes)))
        .drop(FAILED_RULES);
  }

  /**
   * An empty array of codes typed like {@link #compacted}'s (elements never null, as the output tables
   * declare): the first zero elements of a split of a literal, a constant expression.
   */
  private static final Column NO_REASONS = slice(split(lit(""), ","), 1, 0);

  /**
   * The non-null codes of {@code codes}, in order. Not array_compact: it is a lambda filter, which Spark cannot
   * compile, and one such expression takes its whole projection out of the generated code of the stage (every
   * row was then copied into and out of it: 13 % of the CPU samples of the pass over the shipment files).
   * The callers only reach this for the rows that fail something, and give the others a constant.
   */
  static Column compacted(Column... codes) {
    Column[] codesOrBlank = Arrays.stream(codes).map(code -> coalesce(code, lit(""))).toArray(Column[]::new);
    return array_remove(array(codesOrBlank), "");
  }

  public static Column isClean() {
    return size(col(Columns.REASONS)).equalTo(0);
  }

  /**
   * Keeps each of {@code textColumns} as read, beside the value the rules will trim: aliases, which cost nothing
   * to carry. (A struct of them built for every row cost a copy of every value; the record is rendered from
   * them only for the rows that need one.) In the order of {@code textColumns}, which the record keeps: a map
   * given to {@code withColumns} comes out in its Scala hash order, which differs between Scala 2.12 and 2.13.
   */
  public static Dataset<Row> withRawValues(Dataset<Row> rows, List<String> textColumns) {
    return withRawValues(rows, textColumns, List.of());
  }

  /**
   * As above, keeping too the typed value ({@link ParsedColumns#typedValue}) of each of {@code typedColumns},
   * which the record prints as text where the row has no text ({@code typedColumns} must be among the frame's).
   * Printed only for the rows that need a record: most rows are never printed.
   */
  public static Dataset<Row> withRawValues(Dataset<Row> rows, List<String> textColumns, List<String> typedColumns) {
    List<Column> columns = new ArrayList<>(List.of(col("*")));
    for (String name : textColumns) {
      columns.add(col(name).as(RAW_PREFIX + name));
    }
    for (String name : typedColumns) {
      columns.add(col(ParsedColumns.typedValue(name)).as(RAW_TYPED_PREFIX + name));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** The columns {@link #withRawValues} adds for {@code textColumns} and {@code typedColumns}. */
  public static List<Column> rawValues(List<String> textColumns, List<String> typedColumns) {
    List<Column> columns = new ArrayList<>();
    textColumns.forEach(name -> columns.add(col(RAW_PREFIX + name)));
    typedColumns.forEach(name -> columns.add(col(RAW_TYPED_PREFIX + name)));
    return columns;
  }

  /**
   * Adds {@code record} to quarantined rows (null on clean ones) and drops what it is made from: the raw line
   * when the reader could not split it, else the row's text values (see {@link #withRawValues}) as JSON.
   */
  private static Dataset<Row> withRecordOfQuarantined(Dataset<Row> rows) {
    return withRecord(rows, isClean().unary_$bang());
  }

  /** {@code record} where {@code needed} holds (else null), then the columns it is made from dropped. */
  private static Dataset<Row> withRecord(Dataset<Row> rows, Column needed) {
    List<String> raw = Arrays.stream(rows.columns()).filter(name -> name.startsWith(RAW_PREFIX)).toList();
    List<String> rawTyped = Arrays.stream(rows.columns()).filter(name -> name.startsWith(RAW_TYPED_PREFIX)).toList();
    Column values = struct(raw.stream().map(name -> {
      String column = name.substring(RAW_PREFIX.length());
      Column text = col(name);
      Column value = rawTyped.contains(RAW_TYPED_PREFIX + column)
          ? coalesce(text, col(RAW_TYPED_PREFIX + column).cast(DataTypes.StringType)) : text;
      return value.as(column);
    }).toArray(Column[]::new));
    List<String> dropped = new ArrayList<>(raw);
    dropped.addAll(rawTyped);
    dropped.add(Columns.CORRUPT_RECORD);
    return rows
        .withColumn(Columns.RECORD, when(needed, coalesce(col(Columns.CORRUPT_RECORD), to_json(values))))
        .drop(dropped.toArray(String[]::new));
  }
}
