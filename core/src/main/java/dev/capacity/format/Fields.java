package dev.capacity.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads document fields with errors that name the field path and the value. */
final class Fields {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private Fields() {}

  static ScenarioFormatException error(String path, String problem) {
    return new ScenarioFormatException(path, problem);
  }

  static String at(String path, int index) {
    return path + "[" + index + "]";
  }

  static <T> T required(@Nullable T value, String path) {
    if (value == null) {
      throw error(path, "missing");
    }
    return value;
  }

  static <T> List<T> list(@Nullable List<T> value) {
    return value == null ? List.of() : value;
  }

  static <T> T element(@Nullable T value, String path) {
    if (value == null) {
      throw error(path, "null entry");
    }
    return value;
  }

  static void format(@Nullable String value, String expected) {
    if (value == null) {
      throw error("format", "missing, expected '" + expected + "'");
    }
    if (!value.equals(expected)) {
      throw error("format", "unsupported format '" + value + "', expected '" + expected + "'");
    }
  }

  static String id(@Nullable String value, String path) {
    String v = required(value, path);
    if (v.isBlank()) {
      throw error(path, "must be a non-blank id, got '" + v + "'");
    }
    return v;
  }

  static int positive(@Nullable Integer value, String path) {
    int v = required(value, path);
    if (v <= 0) {
      throw error(path, "must be positive, got " + v);
    }
    return v;
  }

  static int positiveOr(@Nullable Integer value, int fallback, String path) {
    return value == null ? fallback : positive(value, path);
  }

  static int nonNegative(@Nullable Integer value, String path) {
    int v = required(value, path);
    if (v < 0) {
      throw error(path, "must not be negative, got " + v);
    }
    return v;
  }

  static int nonNegativeOr(@Nullable Integer value, int fallback, String path) {
    return value == null ? fallback : nonNegative(value, path);
  }

  static boolean flag(@Nullable Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }

  static Instant instant(@Nullable String value, String path) {
    String v = required(value, path);
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeException e2) {
        throw new ScenarioFormatException(
            path,
            "unparsable instant '" + v + "' (expected ISO-8601 such as 2026-11-20T19:00:00Z)",
            e);
      }
    }
  }

  static @Nullable Instant optionalInstant(@Nullable String value, String path) {
    return value == null ? null : instant(value, path);
  }

  static LocalTime localTime(@Nullable String value, String path) {
    String v = required(value, path);
    try {
      return LocalTime.parse(v);
    } catch (DateTimeException e) {
      throw new ScenarioFormatException(
          path, "unparsable local time '" + v + "' (expected HH:mm such as 17:30)", e);
    }
  }

  static String localTime(LocalTime t) {
    return t.getSecond() == 0 && t.getNano() == 0 ? HH_MM.format(t) : t.toString();
  }

  static String instant(Instant t) {
    return t.toString();
  }
}
