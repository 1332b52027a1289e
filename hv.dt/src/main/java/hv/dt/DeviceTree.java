package hv.dt;

/** A device tree. (Placeholder API, filled in by the device-tree work.) */
public final class DeviceTree {
}
