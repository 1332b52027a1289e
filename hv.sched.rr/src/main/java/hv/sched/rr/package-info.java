/**
 * The "rr" scheduler policy: Xvisor's fixed-priority round robin as a hot-swappable bundle. Private:
 * the bundle only registers a {@link hv.core.sched.SchedulerPolicy} service.
 */
package hv.sched.rr;
