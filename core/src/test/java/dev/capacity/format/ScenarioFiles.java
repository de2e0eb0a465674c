package dev.capacity.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.capacity.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled scenario files ({@code scenarios/*.json} on the test class path) for tests of this
 * and other modules (through the core test-jar). Thread-safe.
 */
public final class ScenarioFiles {
  /** The names of the bundled scenarios, smallest first. */
  public static final List<String> NAMES =
      List.of("bistro", "brasserie", "hall", "hall-late", "mega");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ScenarioFiles() {}

  /**
   * A mapper set up for the document records.
   *
   * @return the shared mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The text of a bundled file.
   *
   * @param name a name from {@link #NAMES}, or {@code optimum}
   * @return the JSON text
   */
  public static String text(String name) {
    return resource("/scenarios/" + name + ".json");
  }

  /**
   * The small hand-made scenario {@code format/tiny.json}: seven tables in two zones (one not
   * combinable, one inactive, one with a minimum party), a block, an existing assignment, pacing, a
   * booking with a required zone and one outside service.
   *
   * @return the JSON text
   */
  public static String tinyText() {
    return resource("/format/tiny.json");
  }

  /**
   * The small hand-made scenario as a model.
   *
   * @return the scenario
   */
  public static Scenario tiny() {
    return ScenarioMapper.toModel(parse(tinyText(), ScenarioDocument.class));
  }

  /**
   * The text of a test resource.
   *
   * @param resource the absolute resource name
   * @return the text
   */
  public static String resource(String resource) {
    try (InputStream in = ScenarioFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A bundled scenario as a document.
   *
   * @param name a name from {@link #NAMES}
   * @return the document
   */
  public static ScenarioDocument document(String name) {
    return parse(text(name), ScenarioDocument.class);
  }

  /**
   * A bundled scenario as a model.
   *
   * @param name a name from {@link #NAMES}
   * @return the scenario
   */
  public static Scenario scenario(String name) {
    return ScenarioMapper.toModel(document(name));
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @param type the record type
   * @param <T> the type
   * @return the value
   */
  public static <T> T parse(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a value as JSON text.
   *
   * @param value the value
   * @return the text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
