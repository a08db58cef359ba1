package dev.crossborder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 API server for the object-store tests: s3proxy (the build copies its jar to target/s3proxy/), started
 * by the test in a JVM of its own on 127.0.0.1 and a free port, with credentials made for this server only, keeping
 * objects as files under a folder (a bucket is a subfolder). Stopped by {@link #close}. Conditional writes
 * ({@code If-None-Match}, {@code If-Match}), multipart uploads, paged listings and copies are S3's.
 *
 * <p>S3A reaches it through settings of one bucket ({@code fs.s3a.bucket.NAME.*}), so that other buckets, and the
 * other tests sharing the JVM's session, are untouched.
 */
public final class S3Server implements AutoCloseable {
  private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

  private final Process process;
  private final Path data;
  private final int port;
  private final String accessKey;
  private final String secretKey;

  private S3Server(Process process, Path data, int port, String accessKey, String secretKey) {
    this.process = process;
    this.data = data;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts a server keeping its objects under {@code folder}; returns once it answers. */
  public static S3Server start(Path folder) throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the build copies it (mvn generate-test-resources)");
    }
    Path data = Files.createDirectories(folder.resolve("objects"));
    int port = freePort();
    String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String secretKey = UUID.randomUUID().toString();
    Path properties = folder.resolve("s3proxy.properties");
    // Mode 600: the credentials exist for this server only, but stay out of command lines all the same.
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data.toAbsolutePath()) + "\n");
    Files.setPosixFilePermissions(properties, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
    S3Server server = new S3Server(process, data, port, accessKey, secretKey);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException("s3proxy did not start; see " + folder.resolve("s3proxy.log") + ":\n"
            + Files.readString(folder.resolve("s3proxy.log")));
      }
      Thread.sleep(100);
    }
    return server;
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a bucket (a folder of the server's) and returns its name. */
  public String createBucket(String name) {
    try {
      Files.createDirectories(data.resolve(name));
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the server keeps the objects of {@code bucket}: one file per object, named by its key. */
  public Path bucketFolder(String bucket) {
    return data.resolve(bucket);
  }

  /** The S3A settings (without the spark.hadoop. prefix) that point {@code bucket} at this server, credentials included. */
  public Map<String, String> s3aSettings(String bucket) {
    Map<String, String> settings = new LinkedHashMap<>(connectionSettings(bucket, endpoint()));
    settings.put("fs.s3a.bucket." + bucket + ".access.key", accessKey);
    settings.put("fs.s3a.bucket." + bucket + ".secret.key", secretKey);
    return settings;
  }

  /**
   * The settings that point {@code bucket} at {@code endpoint}, without credentials, and give up quickly on a
   * store that does not answer (a test must not wait for minutes of retries).
   */
  public static Map<String, String> connectionSettings(String bucket, String endpoint) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(prefix + "endpoint", endpoint);
    settings.put(prefix + "endpoint.region", "us-east-1");
    settings.put(prefix + "path.style.access", "true");
    settings.put(prefix + "connection.ssl.enabled", "false");
    settings.put(prefix + "retry.limit", "1");
    settings.put(prefix + "attempts.maximum", "1");
    settings.put(prefix + "connection.establish.timeout", "2s");
    return settings;
  }

  /** Points {@code bucket} at this server in {@code hadoopConf} (a session's: every FileSystem it creates). */
  public void configure(Configuration hadoopConf, String bucket) {
    s3aSettings(bucket).forEach(hadoopConf::set);
  }

  /** The same as JVM options of a child JVM (without credentials): {@code -Dspark.hadoop.fs.s3a.bucket...}. */
  public List<String> jvmOptions(String bucket) {
    List<String> options = new ArrayList<>();
    connectionSettings(bucket, endpoint()).forEach((key, value) -> options.add("-Dspark.hadoop." + key + "=" + value));
    return options;
  }

  /** The credentials for a child JVM, as the AWS environment variables S3A reads. */
  public Map<String, String> environment() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
