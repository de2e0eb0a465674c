package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.format.ScenarioFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory report covers every bundled scenario with figures that make sense. */
class MemoryReportTest {

  @Test
  void everyBundledScenarioHasACatalogAndADayOfOccupancy() {
    List<MemoryReport.Row> rows = MemoryReport.rows();

    assertThat(rows).extracting(MemoryReport.Row::scenario).isEqualTo(ScenarioFiles.NAMES);
    for (MemoryReport.Row r : rows) {
      assertThat(r.catalogUnits()).as(r.scenario()).isGreaterThanOrEqualTo(r.tables());
      assertThat(r.catalogBytesEstimate()).as(r.scenario()).isPositive();
      assertThat(r.catalogBytesMeasured()).as(r.scenario()).isPositive();
      assertThat(r.occupancyEntries()).as(r.scenario()).isPositive();
      assertThat(r.bitsetBytesEstimate()).as(r.scenario()).isPositive();
      // the whole occupancy holds at least its bitsets
      assertThat(r.occupancyBytesMeasured())
          .as(r.scenario())
          .isGreaterThan(r.bitsetBytesEstimate() / 2);
    }
    MemoryReport.Row mega = rows.get(rows.size() - 1);
    assertThat(mega.catalogUnits()).isGreaterThan(rows.get(0).catalogUnits());
  }
}
