package dev.capacity.memory;

import dev.capacity.spi.AbstractCapacityStoreContractTest;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;

/** The store contract, run against the in-memory adapter. */
class InMemoryCapacityStoreContractTest extends AbstractCapacityStoreContractTest {
  @Override
  protected CapacityStore createStore(TimeSource time) {
    return new InMemoryCapacityStore(time);
  }
}
