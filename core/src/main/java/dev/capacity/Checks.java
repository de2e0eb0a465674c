package dev.capacity;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Argument checks shared by the model records; messages name the value that is wrong. */
final class Checks {
  private Checks() {}

  static String id(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must be a non-blank id, got '" + value + "'");
    }
    return value;
  }

  static int positive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }

  static long nonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }

  static <T> void unique(Collection<T> ids, String what) {
    Set<T> seen = new HashSet<>();
    for (T id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException("duplicate " + what + " '" + id + "'");
      }
    }
  }
}
