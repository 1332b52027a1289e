package hv.core.vcpu;

import org.osgi.annotation.versioning.ProviderType;

/** The console firmware calls write to and read from (SBI legacy putchar/getchar, DBCN). */
@ProviderType
public interface FirmwareConsole {

    /** Writes one byte of guest output. Never blocks. */
    void write(int b);

    /** Reads one byte of guest input, or -1 when none is waiting. Never blocks. */
    int read();
}
