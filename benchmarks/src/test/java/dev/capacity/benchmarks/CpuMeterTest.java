package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's CPU figure when a measured process exits during the run (Linux only). */
class CpuMeterTest {

  @Test
  void aProcessThatExitsDuringTheRunIsLeftOutNotTheWholeFigure() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/self/stat")), "needs Linux's /proc");
    long self = ProcessHandle.current().pid();
    Process shortLived = new ProcessBuilder("sleep", "30").start();
    try {
      CpuMeter meter = new CpuMeter(List.of(self, shortLived.pid()));
      shortLived.destroy();
      assertThat(shortLived.waitFor(10, TimeUnit.SECONDS)).isTrue();
      spin(300); // this process is still measured: its ticks grow
      assertThat(meter.serverNanosSinceStart()).isPositive();
    } finally {
      shortLived.destroyForcibly();
    }
  }

  @Test
  void theFigureIsUnknownWhenNoMeasuredProcessIsLeft() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/self/stat")), "needs Linux's /proc");
    Process shortLived = new ProcessBuilder("sleep", "30").start();
    CpuMeter meter = new CpuMeter(List.of(shortLived.pid()));
    shortLived.destroy();
    assertThat(shortLived.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(meter.serverNanosSinceStart()).isEqualTo(-1);
    assertThat(new CpuMeter(List.of()).serverNanosSinceStart()).isEqualTo(-1);
  }

  /** Uses about this many milliseconds of CPU on the calling thread. */
  private static void spin(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long x = 0;
    while (System.nanoTime() < end) {
      x += System.identityHashCode(new Object());
    }
    assertThat(x).isNotZero();
  }
}
