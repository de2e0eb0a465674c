/**
 * The capacity SDK core: the model, the planner, the commit-path services, the ports and the
 * in-memory adapter.
 */
module dev.capacity.core {
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.annotation;
  requires com.github.benmanes.caffeine;

  exports dev.capacity;
  exports dev.capacity.spi;
  exports dev.capacity.memory;
  exports dev.capacity.format;
  exports dev.capacity.check;

  opens dev.capacity.format to
      com.fasterxml.jackson.databind;
}
