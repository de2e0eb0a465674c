/**
 * The commit path's shared checks: the one validation of a plan against a floor plan, policy and
 * occupancy that the in-memory store and the service's manual assignment both use. Not exported.
 */
@NullMarked
package dev.capacity.internal.commit;

import org.jspecify.annotations.NullMarked;
