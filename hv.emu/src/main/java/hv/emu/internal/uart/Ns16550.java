package hv.emu.internal.uart;

import java.util.EnumMap;
import java.util.Map;

import hv.core.emu.ConsolePort;
import hv.core.emu.IrqLine;
import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.internal.AccessLog;
import hv.emu.internal.MmioDevice;

/**
 * A 16550A UART (also good for 8250 drivers): eight byte registers at {@code index << reg-shift}, a 16-byte
 * receive FIFO with overrun detection, the four interrupt sources with the 16550's IIR priorities, loopback,
 * and an instantaneous transmitter (THR and the shift register are always empty again after a write).
 *
 * <p>Output goes to the guest console; input is pulled from the console only while the receive FIFO has room,
 * so console input is never lost (the console buffers it; the overrun flag is reachable through loopback).
 * Section numbers refer to the National Semiconductor PC16550D datasheet (June 1995).
 *
 * <p>Thread safety: one lock guards the registers; the console is only called outside it, the interrupt line
 * is set under it (it never blocks) so that levels reach the controller in order.
 */
public final class Ns16550 extends MmioDevice {

    /** Saved state type. */
    public static final String STATE_TYPE = "hv.emu.ns16550";
    /** Saved state format version. */
    public static final int STATE_VERSION = 1;
    /** Receive FIFO depth of a 16550A (§8.5). */
    public static final int FIFO_SIZE = 16;

    /** Which DLAB (LCR bit 7) setting selects a register. */
    enum Dlab { CLEAR, SET, ANY }

    /** Which direction of access a register serves. */
    enum Dir { READ, WRITE, BOTH }

    /** The register map (§8, Table II): index, direction, DLAB, writable bits, section. */
    enum Reg {
        RBR(0, Dir.READ, Dlab.CLEAR, 0x00, "Receiver Buffer Register, Table II"),
        THR(0, Dir.WRITE, Dlab.CLEAR, 0xFF, "Transmitter Holding Register, Table II"),
        DLL(0, Dir.BOTH, Dlab.SET, 0xFF, "Divisor Latch LS, §8.3"),
        IER(1, Dir.BOTH, Dlab.CLEAR, 0x0F, "Interrupt Enable Register, §8.7 (bits 4-7 are 0)"),
        DLM(1, Dir.BOTH, Dlab.SET, 0xFF, "Divisor Latch MS, §8.3"),
        IIR(2, Dir.READ, Dlab.ANY, 0x00, "Interrupt Identification Register, §8.6"),
        FCR(2, Dir.WRITE, Dlab.ANY, 0xCF, "FIFO Control Register, §8.5 (bits 4-5 reserved)"),
        LCR(3, Dir.BOTH, Dlab.ANY, 0xFF, "Line Control Register, §8.1"),
        MCR(4, Dir.BOTH, Dlab.ANY, 0x1F, "Modem Control Register, §8.8 (bits 5-7 are 0)"),
        LSR(5, Dir.READ, Dlab.ANY, 0x00, "Line Status Register, §8.4"),
        MSR(6, Dir.READ, Dlab.ANY, 0x00, "Modem Status Register, §8.9"),
        SCR(7, Dir.BOTH, Dlab.ANY, 0xFF, "Scratchpad Register, §8.10");

        final int index;
        final Dir dir;
        final Dlab dlab;
        final int writable;
        final String spec;

        Reg(int index, Dir dir, Dlab dlab, int writable, String spec) {
            this.index = index;
            this.dir = dir;
            this.dlab = dlab;
            this.writable = writable;
            this.spec = spec;
        }

        /** Decode table [dlab 0/1][read 0 / write 1][index], built and checked once. */
        private static final Reg[][][] DECODE = new Reg[2][2][8];

        static {
            for (Reg r : values()) {
                for (int d = 0; d < 2; d++) {
                    if (r.dlab == Dlab.CLEAR && d == 1 || r.dlab == Dlab.SET && d == 0) {
                        continue;
                    }
                    for (int w = 0; w < 2; w++) {
                        if (r.dir == Dir.READ && w == 1 || r.dir == Dir.WRITE && w == 0) {
                            continue;
                        }
                        if (DECODE[d][w][r.index] != null) {
                            throw new IllegalStateException("16550 map: " + r + " collides with " + DECODE[d][w][r.index]);
                        }
                        DECODE[d][w][r.index] = r;
                    }
                }
            }
        }

        /** The register an access selects, or null (writes to LSR and MSR select nothing). */
        static Reg decode(int index, boolean dlab, boolean write) {
            return DECODE[dlab ? 1 : 0][write ? 1 : 0][index];
        }
    }

    // IER bits, §8.7
    static final int IER_ERBFI = 0x01;
    static final int IER_ETBEI = 0x02;
    static final int IER_ELSI = 0x04;
    static final int IER_EDSSI = 0x08;
    // IIR values, §8.6 Table IV (bit 0 = 1: nothing pending; bits 7:6 = 11 when FIFOs are enabled)
    static final int IIR_NONE = 0x01;
    static final int IIR_RLS = 0x06;
    static final int IIR_RDA = 0x04;
    static final int IIR_TIMEOUT = 0x0C;
    static final int IIR_THRE = 0x02;
    static final int IIR_MSI = 0x00;
    static final int IIR_FIFOS = 0xC0;
    // FCR bits, §8.5
    static final int FCR_ENABLE = 0x01;
    static final int FCR_CLEAR_RX = 0x02;
    static final int FCR_CLEAR_TX = 0x04;
    static final int[] RX_TRIGGER = {1, 4, 8, 14};
    // LCR, §8.1
    static final int LCR_DLAB = 0x80;
    // MCR bits, §8.8
    static final int MCR_DTR = 0x01;
    static final int MCR_RTS = 0x02;
    static final int MCR_OUT1 = 0x04;
    static final int MCR_OUT2 = 0x08;
    static final int MCR_LOOP = 0x10;
    // LSR bits, §8.4
    static final int LSR_DR = 0x01;
    static final int LSR_OE = 0x02;
    static final int LSR_PE = 0x04;
    static final int LSR_FE = 0x08;
    static final int LSR_BI = 0x10;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;
    static final int LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI;
    // MSR bits, §8.9
    static final int MSR_DCTS = 0x01;
    static final int MSR_DDSR = 0x02;
    static final int MSR_TERI = 0x04;
    static final int MSR_DDCD = 0x08;
    static final int MSR_CTS = 0x10;
    static final int MSR_DSR = 0x20;
    static final int MSR_RI = 0x40;
    static final int MSR_DCD = 0x80;
    /** Modem inputs of a UART wired to a console that is always there: CTS, DSR and DCD asserted. */
    static final int MSR_CONNECTED = MSR_CTS | MSR_DSR | MSR_DCD;

    private final Object lock = new Object();
    private final int regShift;
    private final ConsolePort console;
    private final IrqLine irq;

    // ---- registers (guarded by lock)
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int dll;
    private int dlm;
    private boolean fifoEnabled;
    private int rxTriggerBits;
    private final byte[] rx = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int lsrErrors;
    private boolean thrIntPending;
    private int msrDeltas;
    private int modemInputs;
    private boolean irqLevel;
    /** True while one thread moves console input into the FIFO (outside the lock). */
    private boolean pumping;
    /** Set when input or room appeared while another thread was pumping. */
    private boolean pumpAgain;

    /**
     * @param regShift log2 of the distance between registers (0..3)
     * @param console where output goes and input comes from
     * @param irq the interrupt line, or null for a polled-only UART
     */
    public Ns16550(int regShift, ConsolePort console, IrqLine irq, AccessLog log) {
        super(log);
        if (regShift < 0 || regShift > 3) {
            throw new IllegalArgumentException("reg-shift " + regShift + " is out of range 0..3");
        }
        this.regShift = regShift;
        this.console = console;
        this.irq = irq;
        synchronized (lock) {
            // Registers only: the line's level lives in the core and is left alone, so that a fresh instance
            // made to restore a swapped-out one does not glitch it (a new guest's lines start low anyway).
            resetRegisters();
        }
        console.onInput(this::pump);
    }

    @Override
    public int accessWidths() {
        return ACCESS_ALL;
    }

    /** The register index of an offset, or -1 when the offset is not a register's first byte. */
    private int index(long offset) {
        if (offset < 0 || (offset & ((1L << regShift) - 1)) != 0) {
            return -1;
        }
        long i = offset >>> regShift;
        return i < 8 ? (int) i : -1;
    }

    @Override
    protected long readReg(long offset, int size) {
        int i = index(offset);
        if (i < 0) {
            accessLog.unhandledRead(offset, size);
            return 0;
        }
        int v;
        boolean refill;
        synchronized (lock) {
            Reg r = Reg.decode(i, (lcr & LCR_DLAB) != 0, false);
            v = switch (r) {
                case RBR -> popRx();
                case DLL -> dll;
                case IER -> ier;
                case DLM -> dlm;
                case IIR -> readIir();
                case LCR -> lcr;
                case MCR -> mcr;
                case LSR -> readLsr();
                case MSR -> readMsr();
                case SCR -> scr;
                default -> throw new IllegalStateException("not a readable register: " + r);
            };
            updateIrq(false);
            refill = r == Reg.RBR && wantsInput();
        }
        if (refill) {
            pump();
        }
        return v;
    }

    @Override
    protected void writeReg(long offset, int size, long value) {
        int i = index(offset);
        if (i < 0) {
            accessLog.unhandledWrite(offset, size, value);
            return;
        }
        int out = -1;
        boolean refill;
        Reg r;
        synchronized (lock) {
            r = Reg.decode(i, (lcr & LCR_DLAB) != 0, true);
            if (r == null) {
                refill = false;
            } else {
                writeLocked(r, (int) value & r.writable);
                out = r == Reg.THR && (mcr & MCR_LOOP) == 0 ? (int) value & 0xFF : -1;
                updateIrq(false);
                refill = wantsInput();
            }
        }
        if (r == null) {
            accessLog.unhandledWrite(offset, size, value); // LSR and MSR are read only
            return;
        }
        if (out >= 0) {
            console.write(out);
        }
        if (refill) {
            pump();
        }
    }

    private void writeLocked(Reg r, int v) {
        switch (r) {
            case THR -> transmit(v);
            case DLL -> dll = v;
            case IER -> writeIer(v);
            case DLM -> dlm = v;
            case FCR -> writeFcr(v);
            case LCR -> lcr = v;
            case MCR -> writeMcr(v);
            case SCR -> scr = v;
            default -> throw new IllegalStateException("not a writable register: " + r);
        }
    }

    // ---- register behaviour (lock held)

    private int capacity() {
        return fifoEnabled ? FIFO_SIZE : 1;
    }

    private int popRx() {
        if (rxCount == 0) {
            return 0;
        }
        int b = rx[rxHead] & 0xFF;
        rxHead = (rxHead + 1) % FIFO_SIZE;
        rxCount--;
        return b;
    }

    /** A character arrives from the line (console or loopback), §8.4 OE. */
    private void receive(int b) {
        if (rxCount < capacity()) {
            rx[(rxHead + rxCount) % FIFO_SIZE] = (byte) b;
            rxCount++;
        } else {
            lsrErrors |= LSR_OE;
            if (!fifoEnabled) {
                // 16450 mode: the new character replaces the one in RBR.
                rx[rxHead] = (byte) b;
            }
            // FIFO mode: the character in the shift register is lost.
        }
    }

    private void clearRx() {
        rxHead = 0;
        rxCount = 0;
    }

    /** Sends a byte: into the receiver in loopback, else the caller writes it to the console after unlocking. */
    private void transmit(int b) {
        // The transmitter is instantaneous: THR is empty again at once, which re-arms the THRE interrupt (§8.6).
        thrIntPending = true;
        if ((mcr & MCR_LOOP) != 0) {
            receive(b);
        }
    }

    private int pendingInterrupt() {
        if ((ier & IER_ELSI) != 0 && (lsrErrors & LSR_ERRORS) != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_ERBFI) != 0 && rxCount > 0) {
            // Below the trigger level the 16550 reports a character timeout after 4 character times; this
            // model has no line timing and reports it at once.
            return fifoEnabled && rxCount < RX_TRIGGER[rxTriggerBits] ? IIR_TIMEOUT : IIR_RDA;
        }
        if ((ier & IER_ETBEI) != 0 && thrIntPending) {
            return IIR_THRE;
        }
        if ((ier & IER_EDSSI) != 0 && msrDeltas != 0) {
            return IIR_MSI;
        }
        return IIR_NONE;
    }

    private int readIir() {
        int id = pendingInterrupt();
        if (id == IIR_THRE) {
            // Reading IIR while it reports THRE clears that interrupt (§8.6, Table IV).
            thrIntPending = false;
        }
        return id | (fifoEnabled ? IIR_FIFOS : 0);
    }

    private int readLsr() {
        int v = (rxCount > 0 ? LSR_DR : 0) | lsrErrors | LSR_THRE | LSR_TEMT;
        lsrErrors = 0; // error bits clear on read (§8.4)
        return v;
    }

    private int readMsr() {
        int v = modemInputs | msrDeltas;
        msrDeltas = 0; // delta bits clear on read (§8.9)
        return v;
    }

    private void writeIer(int v) {
        ier = v;
        if ((v & IER_ETBEI) != 0) {
            // THR is always empty here: enabling (or re-enabling) ETBEI raises the THRE interrupt (§8.7),
            // which drivers use to start transmission.
            thrIntPending = true;
        }
    }

    private void writeFcr(int v) {
        boolean enable = (v & FCR_ENABLE) != 0;
        if (enable != fifoEnabled) {
            clearRx(); // changing FCR0 resets both FIFOs (§8.5)
        }
        fifoEnabled = enable;
        if (enable) {
            // The other bits are programmed only while FCR0 is written as 1 (§8.5).
            if ((v & FCR_CLEAR_RX) != 0) {
                clearRx();
            }
            rxTriggerBits = (v >>> 6) & 3;
        }
    }

    private void writeMcr(int v) {
        mcr = v;
        setModemInputs(modemInputsFor(v));
    }

    private static int modemInputsFor(int mcr) {
        if ((mcr & MCR_LOOP) == 0) {
            return MSR_CONNECTED;
        }
        // Loopback (§8.8): RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD.
        return ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0) | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                | ((mcr & MCR_OUT1) != 0 ? MSR_RI : 0) | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
    }

    private void setModemInputs(int now) {
        int changed = modemInputs ^ now;
        if ((changed & MSR_CTS) != 0) {
            msrDeltas |= MSR_DCTS;
        }
        if ((changed & MSR_DSR) != 0) {
            msrDeltas |= MSR_DDSR;
        }
        if ((modemInputs & MSR_RI) != 0 && (now & MSR_RI) == 0) {
            msrDeltas |= MSR_TERI; // trailing edge of RI
        }
        if ((changed & MSR_DCD) != 0) {
            msrDeltas |= MSR_DDCD;
        }
        modemInputs = now;
    }

    private void updateIrq(boolean force) {
        boolean level = pendingInterrupt() != IIR_NONE;
        if (irq != null && (force || level != irqLevel)) {
            irq.set(level);
        }
        irqLevel = level;
    }

    /** True when console input may enter the receiver: not in loopback (§8.8) and the FIFO has room. */
    private boolean wantsInput() {
        return (mcr & MCR_LOOP) == 0 && rxCount < capacity();
    }

    /**
     * Moves console input into the receive FIFO while it has room; called on console input and whenever room
     * appears. The console is read outside the lock (it may call back into this device); one thread pumps at a
     * time, and a call that arrives meanwhile makes that thread look again, so no input is left stranded.
     */
    private void pump() {
        synchronized (lock) {
            if (pumping) {
                pumpAgain = true;
                return;
            }
            pumping = true;
        }
        boolean done = false;
        try {
            while (!done) {
                synchronized (lock) {
                    pumpAgain = false;
                    if (!wantsInput()) {
                        pumping = false;
                        done = true;
                        break;
                    }
                }
                int b = console.read();
                synchronized (lock) {
                    if (b >= 0) {
                        receive(b & 0xFF);
                        updateIrq(false);
                    } else if (!pumpAgain) {
                        pumping = false;
                        done = true;
                    }
                }
            }
        } finally {
            if (!done) {
                synchronized (lock) {
                    pumping = false;
                }
            }
        }
    }

    private void resetRegisters() {
        ier = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        dll = 0;
        dlm = 0;
        fifoEnabled = false;
        rxTriggerBits = 0;
        clearRx();
        lsrErrors = 0;
        thrIntPending = false;
        msrDeltas = 0;
        modemInputs = MSR_CONNECTED;
        irqLevel = false;
    }

    @Override
    public void reset() {
        synchronized (lock) {
            resetRegisters();
            updateIrq(true);
        }
        pump();
    }

    @Override
    public SavedState save() {
        synchronized (lock) {
            byte[] fifo = new byte[rxCount];
            for (int k = 0; k < rxCount; k++) {
                fifo[k] = rx[(rxHead + k) % FIFO_SIZE];
            }
            return new SavedState(STATE_TYPE, STATE_VERSION)
                    .put("ier", ier).put("lcr", lcr).put("mcr", mcr).put("scr", scr)
                    .put("dll", dll).put("dlm", dlm)
                    .put("fifoEnabled", fifoEnabled).put("rxTrigger", rxTriggerBits).put("rx", fifo)
                    .put("lsrErrors", lsrErrors).put("thrIntPending", thrIntPending)
                    .put("msrDeltas", msrDeltas).put("modemInputs", modemInputs)
                    .put("regShift", regShift).put("unhandled", accessLog.unhandled());
        }
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        Map<Reg, Integer> regs = new EnumMap<>(Reg.class);
        for (Reg r : new Reg[] {Reg.IER, Reg.LCR, Reg.MCR, Reg.SCR, Reg.DLL, Reg.DLM}) {
            regs.put(r, s.getInt(r.name().toLowerCase(java.util.Locale.ROOT)) & r.writable);
        }
        byte[] fifo = s.getBytes("rx");
        boolean fifoOn = s.getBoolean("fifoEnabled");
        if (fifo.length > (fifoOn ? FIFO_SIZE : 1)) {
            throw new StateException("saved 16550 receive FIFO holds " + fifo.length + " bytes, more than it can");
        }
        int trigger = s.getInt("rxTrigger") & 3;
        int errors = s.getInt("lsrErrors") & LSR_ERRORS;
        boolean thre = s.getBoolean("thrIntPending");
        int deltas = s.getInt("msrDeltas") & 0x0F;
        int inputs = s.getInt("modemInputs") & 0xF0;
        synchronized (lock) {
            ier = regs.get(Reg.IER);
            lcr = regs.get(Reg.LCR);
            mcr = regs.get(Reg.MCR);
            scr = regs.get(Reg.SCR);
            dll = regs.get(Reg.DLL);
            dlm = regs.get(Reg.DLM);
            fifoEnabled = fifoOn;
            rxTriggerBits = trigger;
            clearRx();
            System.arraycopy(fifo, 0, rx, 0, fifo.length);
            rxCount = fifo.length;
            lsrErrors = errors;
            thrIntPending = thre;
            msrDeltas = deltas;
            modemInputs = inputs;
            accessLog.restoreUnhandled(s.getLong("unhandled", 0));
            updateIrq(true);
        }
        pump();
    }

    @Override
    public void close() {
        console.onInput(null);
    }
}
