package dev.capacity.spi;

/**
 * A store: the reading and writing ports together, as one adapter implements them (the in-memory
 * {@code dev.capacity.memory.InMemoryCapacityStore}, the PostgreSQL adapter). The contract suite
 * {@code AbstractCapacityStoreContractTest} in core's test-jar holds every implementation to the
 * same semantics.
 *
 * <p>Implementations are thread-safe.
 */
public interface CapacityStore extends CapacityReader, CapacityWriter {}
