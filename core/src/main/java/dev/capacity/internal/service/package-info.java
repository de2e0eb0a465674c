/** The {@link dev.capacity.CapacityService} implementation. Not exported. */
@NullMarked
package dev.capacity.internal.service;

import org.jspecify.annotations.NullMarked;
