package dev.crossborder.bench;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;

/**
 * The requests a benchmark run sent to an object store, from S3A's own counters (IOStatistics) of the bucket's
 * FileSystem in this JVM (local mode: the driver's and the executors' requests alike): LIST (pages), HEAD, GET, PUT
 * (multipart parts included as uploads started), COPY and DELETE.
 */
final class S3Requests {
  private S3Requests() {}

  /** The counts, as result fields {@code s3_list=...}; none when {@code output} is not on s3a://. */
  static Map<String, Object> of(Configuration hadoopConf, String output) throws IOException {
    Map<String, Object> counts = new LinkedHashMap<>();
    if (!output.startsWith("s3a://")) {
      return counts;
    }
    URI bucket = URI.create(output);
    IOStatistics statistics = IOStatisticsSupport.retrieveIOStatistics(
        FileSystem.get(URI.create("s3a://" + bucket.getHost() + "/"), hadoopConf));
    Map<String, Long> counters = statistics == null ? Map.of() : statistics.counters();
    counts.put("s3_list", counter(counters, "object_list_request") + counter(counters, "object_continue_list_request"));
    counts.put("s3_head", counter(counters, "action_http_head_request"));
    counts.put("s3_get", counter(counters, "action_http_get_request"));
    counts.put("s3_put", counter(counters, "object_put_request") + counter(counters, "object_multipart_initiated"));
    counts.put("s3_copy", counter(counters, "object_copy_requests"));
    counts.put("s3_delete", counter(counters, "object_delete_request")
        + counter(counters, "object_bulk_delete_request"));
    return counts;
  }

  private static long counter(Map<String, Long> counters, String name) {
    return counters.getOrDefault(name, 0L);
  }
}
