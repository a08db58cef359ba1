package dev.crossborder.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a benchmark main; each is required unless its caller gives a default. */
final class BenchOptions {
  private final Map<String, String> values = new HashMap<>();

  BenchOptions(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("Expected --name value pairs, got " + String.join(" ", args));
    }
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Expected an option name, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Missing --" + name);
    }
    return value;
  }

  String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }
}
