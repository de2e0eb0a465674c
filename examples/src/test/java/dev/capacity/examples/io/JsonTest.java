package dev.capacity.examples.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.Scenario;
import dev.capacity.format.ResultDocument;
import dev.capacity.format.ScenarioDocument;
import dev.capacity.format.ScenarioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @TempDir Path dir;

  @Test
  void scenarioFilesRoundTrip() throws IOException {
    for (String name : ScenarioFiles.NAMES) {
      Path in = dir.resolve(name + ".json");
      Files.writeString(in, ScenarioFiles.text(name));
      Scenario s = Json.readScenario(in);
      Path out = dir.resolve(name + "-again.json");
      Json.writeScenario(out, s);

      assertThat(Json.readScenario(out)).as(name).isEqualTo(s);
      assertThat(Json.read(out, ScenarioDocument.class).format())
          .isEqualTo(ScenarioDocument.FORMAT);
    }
  }

  @Test
  void fractionalNumbersAreNotTruncated() throws IOException {
    Path in = dir.resolve("frac.json");
    Files.writeString(
        in, ScenarioFiles.tinyText().replace("\"capacity\": 2 }", "\"capacity\": 2.5 }"));

    assertThatThrownBy(() -> Json.readScenario(in))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith(in + ": tables[0].capacity: ");
  }

  @Test
  void emptyAndTrailingContentRefused() throws IOException {
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> Json.read(empty, ResultDocument.class))
        .isInstanceOf(InputFileException.class)
        .satisfies(e -> assertThat(((InputFileException) e).file()).isEqualTo(empty.toString()));

    Path twice = dir.resolve("twice.json");
    Files.writeString(twice, "{} {}");
    assertThatThrownBy(() -> Json.read(twice, ResultDocument.class))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("twice.json: ");
  }

  @Test
  void wrongDocumentKindNamesTheFormatField() throws IOException {
    Path in = dir.resolve("tiny.json");
    Files.writeString(in, ScenarioFiles.tinyText());

    assertThatThrownBy(() -> Json.readResult(in))
        .isInstanceOf(InputFileException.class)
        .hasMessage(
            in
                + ": format: unsupported format 'capacity-scenario/1', expected"
                + " 'capacity-result/1'");
  }
}
