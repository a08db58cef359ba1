package dev.crossborder.model;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;

/**
 * A storage failure said in a few words, for the one-line errors: an object store's exceptions carry the whole
 * service response (request ids, XML, several lines), which says less to a user than what went wrong and what to
 * check. Told by the exception's type where the connectors have one, by the class name where it is S3A's own.
 */
public final class StoreFailure {
  private StoreFailure() {}

  /** What went wrong in {@code e}, on one line. */
  public static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String type = t.getClass().getName();
      if (t instanceof AccessDeniedException || type.endsWith(".AccessDeniedException")) {
        return "access denied: check the credentials (spark.hadoop.fs.s3a.access.key and secret.key, or"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and the permissions on that path";
      }
      if (type.equals("org.apache.hadoop.fs.s3a.UnknownStoreException")) {
        return "the bucket does not exist (or this endpoint does not serve it)";
      }
      if (type.equals("org.apache.hadoop.fs.s3a.CredentialInitializationException")
          || type.equals("software.amazon.awssdk.core.exception.SdkClientException")
          && String.valueOf(t.getMessage()).contains("credentials")) {
        return "no credentials found: set spark.hadoop.fs.s3a.access.key and secret.key, or AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or run with an instance or container role";
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || type.endsWith("ConnectTimeoutException") || type.endsWith("HttpHostConnectException")) {
        return "cannot reach the store (" + JobException.firstLine(t.getMessage())
            + "): check spark.hadoop.fs.s3a.endpoint and the network";
      }
    }
    return JobException.rootCauseMessage(e);
  }
}
