package dev.capacity.examples.cli;

/** Entry point of the {@code capacity} command-line program. */
public final class CapacityCommand {
  private CapacityCommand() {}

  /**
   * Runs the program.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.out.println("capacity");
  }
}
