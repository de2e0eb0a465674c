package dev.capacity.examples.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
import dev.capacity.format.ResultDocument;
import dev.capacity.format.ScenarioDocument;
import dev.capacity.format.ScenarioFormatException;
import dev.capacity.format.ScenarioMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes scenario and result files. The documents carry times as ISO-8601 strings, so the
 * mapper needs no time module; it ignores unknown fields (the format may grow), refuses fractional
 * numbers where whole ones are expected and trailing content after the document, and writes
 * indented JSON.
 *
 * <p>Every read reports a failure as an {@link InputFileException} whose message names the file and
 * the reason: a missing file, bad JSON with line and column, a value of the wrong type with its
 * field path, or a model error with its field path.
 *
 * <p>Thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private Json() {}

  /**
   * The shared mapper, configured for the document records. Do not reconfigure it.
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a scenario file into the model.
   *
   * @param file a {@code capacity-scenario/1} file
   * @return the scenario
   * @throws InputFileException if the file cannot be read, parsed or converted
   */
  public static Scenario readScenario(Path file) {
    ScenarioDocument doc = read(file, ScenarioDocument.class);
    try {
      return ScenarioMapper.toModel(doc);
    } catch (ScenarioFormatException e) {
      throw new InputFileException(file, reason(e), e);
    }
  }

  /**
   * Reads a result file into the model.
   *
   * @param file a {@code capacity-result/1} file
   * @return the result
   * @throws InputFileException if the file cannot be read, parsed or converted
   */
  public static SeatingResult readResult(Path file) {
    ResultDocument doc = read(file, ResultDocument.class);
    try {
      return ScenarioMapper.toModel(doc);
    } catch (ScenarioFormatException e) {
      throw new InputFileException(file, reason(e), e);
    }
  }

  /**
   * Writes a scenario as a {@code capacity-scenario/1} file.
   *
   * @param file the file to create or replace
   * @param scenario the scenario
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void writeScenario(Path file, Scenario scenario) {
    write(file, ScenarioMapper.fromModel(scenario));
  }

  /**
   * Writes a result as a {@code capacity-result/1} file.
   *
   * @param file the file to create or replace
   * @param result the result
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void writeResult(Path file, SeatingResult result) {
    write(file, ScenarioMapper.fromModel(result));
  }

  /**
   * Reads a JSON file into a document record (or any type the mapper can bind).
   *
   * @param file the file
   * @param type the type to bind to
   * @param <T> the type
   * @return the value
   * @throws InputFileException if the file is missing or unreadable, not JSON, empty, or of the
   *     wrong shape
   */
  public static <T> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputFileException(file, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputFileException(file, "permission denied", e);
    } catch (IOException e) {
      throw new InputFileException(file, "cannot read: " + e, e);
    }
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new InputFileException(file, "the file holds no JSON document", null);
      }
      return value;
    } catch (JsonMappingException e) {
      String path = path(e);
      throw new InputFileException(
          file, (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage() + at(e), e);
    } catch (JsonProcessingException e) {
      throw new InputFileException(file, "bad JSON" + at(e) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputFileException(file, "cannot read: " + e, e);
    }
  }

  /**
   * Writes a value as indented JSON text.
   *
   * @param value a document record
   * @return the text, ending with a newline
   * @throws IllegalArgumentException if the value cannot be serialized
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName(), e);
    }
  }

  /**
   * Writes a value as an indented JSON file.
   *
   * @param file the file to create or replace
   * @param value a document record
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, Object value) {
    try {
      Files.writeString(file, write(value));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String reason(ScenarioFormatException e) {
    return e.path().isEmpty() ? e.problem() : e.path() + ": " + e.problem();
  }

  /**
   * The field path of a mapping error in the format's notation, e.g. {@code tables[3].capacity}.
   */
  static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      String field = r.getFieldName();
      if (field != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(field);
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String at(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null || l.getLineNr() < 1
        ? ""
        : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }
}
