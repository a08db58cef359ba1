package dev.crossborder.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The listening TCP sockets of given processes, read from {@code ss -ltnp} or, where ss is missing, from
 * /proc/net/tcp{,6} matched to the processes' socket inodes (Linux only).
 */
final class Listeners {
  private Listeners() {}

  /** One listening socket: the address as the kernel reports it (IPv4-mapped IPv6 unwrapped) and the port. */
  record Listener(long pid, String address, int port) implements Comparable<Listener> {
    boolean onLoopback() {
      if (address.equals("*")) {
        return false;
      }
      try {
        return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no name lookup
      } catch (UnknownHostException e) {
        return false;
      }
    }

    @Override
    public int compareTo(Listener other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return "pid " + pid + " " + address + ":" + port;
    }
  }

  static boolean ssAvailable() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "ss")));
  }

  static boolean procAvailable() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  // users:(("java",pid=14182,fd=196)) and, for a socket shared by several processes, more (...) groups.
  private static final Pattern SS_PID = Pattern.compile("pid=(\\d+),");

  /** From {@code ss -ltnpH}: "LISTEN 0 4096 [::ffff:127.0.0.1]:17077 *:* users:(("java",pid=14182,fd=196))". */
  static Set<Listener> fromSs(Set<Long> pids) {
    Set<Listener> listeners = new TreeSet<>();
    for (String line : run("ss", "-ltnpH")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 6) {
        continue;
      }
      String local = fields[3];
      int colon = local.lastIndexOf(':');
      String address = unwrap(local.substring(0, colon));
      int port = Integer.parseInt(local.substring(colon + 1));
      Matcher pid = SS_PID.matcher(line);
      while (pid.find()) {
        long owner = Long.parseLong(pid.group(1));
        if (pids.contains(owner)) {
          listeners.add(new Listener(owner, address, port));
        }
      }
    }
    return listeners;
  }

  /** From /proc: the processes' socket inodes (/proc/PID/fd) joined to the LISTEN rows of /proc/net/tcp{,6}. */
  static Set<Listener> fromProc(Set<Long> pids) {
    Map<String, Long> ownerByInode = new HashMap<>();
    for (long pid : pids) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        fds.forEach(fd -> {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              ownerByInode.put(target.substring(8, target.length() - 1), pid);
            }
          } catch (IOException e) {
            // the descriptor was closed while listing: not a listener
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the descriptors of pid " + pid, e);
      }
    }
    Set<Listener> listeners = new TreeSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String row : readLines(Path.of(table)).stream().skip(1).toList()) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        String[] fields = row.trim().split("\\s+");
        Long owner = ownerByInode.get(fields[9]);
        if (owner != null && fields[3].equals("0A")) { // 0A = LISTEN
          String[] local = fields[1].split(":");
          listeners.add(new Listener(owner, unwrap(decodeAddress(local[0])), Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }

  /** /proc/net/tcp prints addresses as 32-bit words in host (little-endian) order, in hex. */
  private static String decodeAddress(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = (word * 4 + (3 - b)) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hex, e);
    }
  }

  /** [::ffff:127.0.0.1] and ::ffff:127.0.0.1 (a Java socket bound to an IPv4 address) become 127.0.0.1. */
  private static String unwrap(String address) {
    String plain = address.replaceAll("^\\[|]$", "").replaceAll("%.*$", "");
    String lower = plain.toLowerCase();
    return lower.startsWith("::ffff:") && lower.indexOf('.') > 0 ? plain.substring(7) : plain;
  }

  private static List<String> run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return new ArrayList<>(output.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
