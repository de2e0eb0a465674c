package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesWhatPostgresWrites() {
    Object v =
        Json.parse(
            "{\"violations\": [{\"rule\": \"OVERLAP\", \"tables\": [\"T1\", \"T2\"]}],"
                + " \"n\": -1.5e2, \"ok\": true, \"no\": false, \"none\": null, \"empty\": {},"
                + " \"list\": []}");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) Objects.requireNonNull(v);
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("ok")).isEqualTo(true);
    assertThat(m.get("no")).isEqualTo(false);
    assertThat(m.containsKey("none")).isTrue();
    assertThat(m.get("none")).isNull();
    assertThat(m.get("empty")).isEqualTo(Map.of());
    assertThat(m.get("list")).isEqualTo(List.of());
    List<?> violations = (List<?>) Objects.requireNonNull(m.get("violations"));
    assertThat(((Map<?, ?>) violations.get(0)).get("tables")).isEqualTo(List.of("T1", "T2"));
  }

  @Test
  void quotedStringsReadBackUnchanged() {
    for (String s :
        Arrays.asList(
            "",
            "plain",
            "quote \" and \\ backslash",
            "tab\tnew\nline\r",
            "\u0001\u001f",
            "table 'T1' über ☕ \uD83C\uDF7D")) {
      assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
    }
    assertThat(Json.parse("\"\\u00e9\\/\"")).isEqualTo("é/");
  }

  @Test
  void refusesWhatIsNotJson() {
    for (String bad :
        new String[] {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "{} x", "'single'", "[1 2]"}) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid JSON at position");
    }
  }
}
