/**
 * The scheduler SPI: host CPUs run VCPUs (and orphan VCPUs, the platform's background work) in
 * slices; a {@link hv.core.sched.SchedulerPolicy} service decides which runs next and for how long.
 *
 * <p>Policies are DS services on the whiteboard, named by {@link hv.core.sched.SchedulerPolicy#NAME}.
 * The core keeps affinity, state and statistics; a policy keeps only its ready queues.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.sched;
