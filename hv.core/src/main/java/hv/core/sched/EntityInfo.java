package hv.core.sched;

/**
 * A snapshot of one scheduled entity for shells and tests.
 *
 * @param name the entity's name
 * @param orphan true for platform background work
 * @param priority 0..7
 * @param state {@code READY}, {@code RUNNING} or {@code IDLE} as the scheduler sees it
 * @param stats its statistics
 */
public record EntityInfo(String name, boolean orphan, int priority, String state, SchedStats stats) {
}
