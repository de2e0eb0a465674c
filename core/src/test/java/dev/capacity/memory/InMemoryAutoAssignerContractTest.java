package dev.capacity.memory;

import dev.capacity.spi.AbstractAutoAssignerContractTest;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;

/** The auto-assign runner's contract over the in-memory store. */
class InMemoryAutoAssignerContractTest extends AbstractAutoAssignerContractTest {
  @Override
  protected CapacityStore createStore(TimeSource time) {
    return new InMemoryCapacityStore(time);
  }
}
