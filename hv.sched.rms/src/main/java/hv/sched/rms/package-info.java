/**
 * The "rms" scheduler policy: priority rate monotonic with enforced budgets and counted deadline
 * misses, as a hot-swappable bundle. Private: the bundle only registers a
 * {@link hv.core.sched.SchedulerPolicy} service.
 */
package hv.sched.rms;
