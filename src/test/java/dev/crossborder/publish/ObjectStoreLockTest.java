package dev.crossborder.publish;

import dev.crossborder.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link OutputLockTest}'s tests on an S3 API server (s3proxy, started for this class on 127.0.0.1): every lock object
 * is created with {@code If-None-Match: *}, so that of eight contenders for a lease that ran out the store lets exactly
 * one win. (s3proxy's {@code If-Match} is not atomic: two of eight writers won in a check here, which is why the lock
 * only ever creates.)
 */
class ObjectStoreLockTest extends OutputLockTest {
  private static final String BUCKET = "output-locks";
  private static Path serverFolder;
  private static S3Server server;

  @BeforeAll
  static void startServer() throws Exception {
    serverFolder = Files.createTempDirectory("s3-lock-test");
    server = S3Server.start(serverFolder);
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String output() {
    return "s3a://" + BUCKET + "/" + folder.getFileName();
  }

  @Override
  java.time.Duration shortLease() {
    return java.time.Duration.ofSeconds(3); // each renewal is a few requests to the server
  }

  @Override
  Configuration hadoop() {
    Configuration conf = new Configuration();
    server.configure(conf, BUCKET);
    return conf;
  }
}
