package dev.capacity.testing;

import dev.capacity.spi.CapacityStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/** A store that records the name of every method called on it, then calls the real store. */
public final class RecordingStore {
  private RecordingStore() {}

  /**
   * Wraps a store.
   *
   * @param delegate the real store
   * @param calls where each call's method name is added, in order (thread-safe if shared)
   * @return the recording store
   */
  public static CapacityStore of(CapacityStore delegate, List<String> calls) {
    return (CapacityStore)
        Proxy.newProxyInstance(
            CapacityStore.class.getClassLoader(),
            new Class<?>[] {CapacityStore.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
