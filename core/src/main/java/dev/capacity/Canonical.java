package dev.capacity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the canonical text of a value and its version hash (pitfall S8: the hash covers the
 * complete content, nested values included). Not thread-safe; use one per computation.
 */
final class Canonical {
  private final StringBuilder text = new StringBuilder(256);

  Canonical field(String name, Object value) {
    text.append(name).append('=').append(value).append(';');
    return this;
  }

  String text() {
    return text.toString();
  }

  /** The first 16 hex digits of the SHA-256 of the canonical text. */
  String version() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
