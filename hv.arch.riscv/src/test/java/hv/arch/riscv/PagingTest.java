package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static hv.arch.riscv.PageTables.*;
import static hv.arch.riscv.Traps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Sv39 and Sv48: page sizes, A/D updates, permissions, SUM, MXR, page faults, sfence.vma. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PagingTest {

    static final long VA = 0x4000_0000L;
    static final long DATA = TestBus.RAM_BASE + 0x20_0000;

    /** A machine with the recording trap handler, identity-mapped RAM and paging turned on by the program. */
    static Machine paged(PageTables[] out, int levels, java.util.function.Consumer<Asm> body) {
        Asm p = program();
        Machine m = machine(new Asm());
        PageTables pt = new PageTables(m, levels).identity();
        out[0] = pt;
        p.li(T0, pt.satp()).csrw(SATP, T0).sfenceVma(ZERO, ZERO);
        body.accept(p);
        p.halt();
        m.load(p);
        return m;
    }

    @Test
    void a_4k_page_maps_a_virtual_address_to_its_frame() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0x18).li(T0, 0x55).sd(T0, S0, 0).ld(S1, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | A | D);
        m.runToHalt();
        assertEquals(0, m.x(A0), "no trap");
        assertEquals(0x55, m.bus.read64(DATA + 0x18));
        assertEquals(0x55, m.x(S1));
    }

    @Test
    void two_megabyte_and_one_gigabyte_pages_translate_their_offsets() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0x20_0000 + 0x1_2348).ld(S1, S0, 0).li(S0, 0xC000_0000L + 0x40_0010)
                .ld(S2, S0, 0));
        pt[0].map(VA + 0x20_0000, TestBus.RAM_BASE + 0x40_0000, 1, R | A);
        pt[0].map(0xC000_0000L, TestBus.RAM_BASE, 2, R | A);
        m.bus.write64(TestBus.RAM_BASE + 0x41_2348, 0x2222);
        m.bus.write64(TestBus.RAM_BASE + 0x40_0010, 0x1111);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(0x2222, m.x(S1));
        assertEquals(0x1111, m.x(S2));
    }

    @Test
    void a_misaligned_superpage_is_a_page_fault() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0x20_0000).ld(S1, S0, 8));
        pt[0].map(VA + 0x20_0000, TestBus.RAM_BASE + 0x40_1000, 1, R | A);
        m.runToHalt();
        assertEquals(13, m.x(A0));
        assertEquals(VA + 0x20_0008, m.x(A1));
    }

    @Test
    void a_512_gigabyte_page_works_under_sv48_and_must_be_aligned() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 4, p -> p.li(S0, 0x80_0000_0000L + TestBus.RAM_BASE + 0x100).ld(S1, S0, 0));
        pt[0].map(0x80_0000_0000L, 0, 3, R | A);
        m.bus.write64(TestBus.RAM_BASE + 0x100, 0x512);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(0x512, m.x(S1));

        Machine n = paged(pt, 4, p -> p.li(S0, 0x80_0000_0000L).ld(S1, S0, 0));
        pt[0].map(0x80_0000_0000L, 0x4000_0000L, 3, R | A);
        n.runToHalt();
        assertEquals(13, n.x(A0), "a 512 GiB page whose frame is not 512 GiB aligned");
    }

    @Test
    void sv48_walks_four_levels() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 4, p -> p.li(S0, 0x12_3456_7000L).li(T0, 9).sd(T0, S0, 0));
        pt[0].map(0x12_3456_7000L, DATA, 0, R | W | A | D);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(9, m.bus.read64(DATA));
    }

    @Test
    void the_walker_sets_accessed_on_loads_and_dirty_on_stores() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA).ld(S1, S0, 0).li(S2, VA + 0x1000).sd(S1, S2, 0));
        pt[0].map(VA, DATA, 0, R | W).map(VA + 0x1000, DATA + 0x1000, 0, R | W);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(A, pt[0].pte(VA, 0) & (A | D));
        assertEquals(A | D, pt[0].pte(VA + 0x1000, 0) & (A | D));
    }

    @Test
    void a_store_after_a_load_to_a_clean_page_still_sets_dirty() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA).ld(S1, S0, 0).sd(S1, S0, 8));
        pt[0].map(VA, DATA, 0, R | W | A);
        m.runToHalt();
        assertEquals(A | D, pt[0].pte(VA, 0) & (A | D));
    }

    @Test
    void permissions_are_checked_per_access_kind() {
        PageTables[] pt = new PageTables[1];
        Machine store = paged(pt, 3, p -> p.li(S0, VA).ld(S1, S0, 0).sd(S1, S0, 0));
        pt[0].map(VA, DATA, 0, R | A);
        store.runToHalt();
        assertEquals(15, store.x(A0), "store to a read-only page");
        assertEquals(VA, store.x(A1));

        Machine fetch = paged(pt, 3, p -> p.li(S0, VA).jalr(RA, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | A | D);
        fetch.runToHalt();
        assertEquals(12, fetch.x(A0), "fetch from a non-executable page");
        assertEquals(VA, fetch.x(A1));
        assertEquals(VA, fetch.x(A2));

        Machine reserved = paged(pt, 3, p -> p.li(S0, VA).ld(S1, S0, 0));
        pt[0].map(VA, DATA, 0, W | A | D);
        reserved.runToHalt();
        assertEquals(13, reserved.x(A0), "W without R is reserved");

        Machine invalid = paged(pt, 3, p -> p.li(S0, VA + 0x5000).sd(S1, S0, 0));
        invalid.runToHalt();
        assertEquals(15, invalid.x(A0), "nothing mapped");
        assertEquals(VA + 0x5000, invalid.x(A1));
    }

    @Test
    void supervisor_access_to_user_pages_needs_sum_and_never_executes_them() {
        PageTables[] pt = new PageTables[1];
        Machine noSum = paged(pt, 3, p -> p.li(S0, VA).ld(S1, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | X | U | A | D);
        noSum.runToHalt();
        assertEquals(13, noSum.x(A0));

        Machine sum = paged(pt, 3, p -> p.li(T0, 1 << 18).csr("csrrs", ZERO, SSTATUS, T0).li(S0, VA).li(T0, 3)
                .sd(T0, S0, 0).ld(S1, S0, 0).csr("csrrc", ZERO, SSTATUS, T0).li(T0, 1 << 18)
                .csr("csrrc", ZERO, SSTATUS, T0).ld(S2, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | X | U | A | D);
        sum.runToHalt();
        assertEquals(3, sum.x(S1), "allowed with SUM");
        assertEquals(13, sum.x(A0), "refused again once SUM is cleared (the TLB must not remember)");

        Machine exec = paged(pt, 3, p -> p.li(T0, 1 << 18).csr("csrrs", ZERO, SSTATUS, T0).li(S0, VA).jalr(RA, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | X | U | A | D);
        exec.runToHalt();
        assertEquals(12, exec.x(A0), "S mode never executes user pages");
    }

    @Test
    void user_mode_cannot_touch_supervisor_pages_and_runs_on_user_pages() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> toUser(p, VA));
        pt[0].map(VA, TestBus.RAM_BASE + 0x40_0000, 0, R | X | U | A);
        Asm user = new Asm(TestBus.RAM_BASE + 0x40_0000).li(S1, 7).li(S0, TestBus.RAM_BASE + 0x3000).ld(S2, S0, 0);
        m.load(user).runToHalt();
        assertEquals(7, m.x(S1), "user code ran");
        assertEquals(13, m.x(A0), "the identity gigapage is a supervisor page");
        assertEquals(0, m.cpu().sstatus & (1 << 8), "trap came from U");
    }

    @Test
    void mxr_makes_execute_only_pages_readable() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA).li(T0, 1 << 19).csr("csrrs", ZERO, SSTATUS, T0).ld(S1, S0, 0)
                .csr("csrrc", ZERO, SSTATUS, T0).ld(S2, S0, 0));
        pt[0].map(VA, DATA, 0, X | A);
        m.bus.write64(DATA, 0x77);
        m.runToHalt();
        assertEquals(0x77, m.x(S1));
        assertEquals(13, m.x(A0), "without MXR the execute-only page is not readable");
    }

    @Test
    void a_misaligned_atomic_reports_address_misaligned_before_any_page_fault() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0x7002).amo("amoswap.w", S1, S0, S1));
        m.runToHalt();
        assertEquals(6, m.x(A0), "misaligned wins over the store page fault of the unmapped page");
        assertEquals(VA + 0x7002, m.x(A1));
        Machine n = paged(pt, 3, p -> p.li(S0, VA + 0x7000).amo("amoswap.w", S1, S0, S1));
        n.runToHalt();
        assertEquals(15, n.x(A0), "aligned: the AMO takes a store/AMO page fault");
        Machine o = paged(pt, 3, p -> p.li(S0, VA + 0x7000).amo("lr.w", S1, S0, ZERO));
        o.runToHalt();
        assertEquals(13, o.x(A0), "LR takes a load page fault");
    }

    @Test
    void a_non_canonical_address_is_a_page_fault() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, 0x0000_8000_0000_0000L).ld(S1, S0, 0));
        m.runToHalt();
        assertEquals(13, m.x(A0));
        assertEquals(0x0000_8000_0000_0000L, m.x(A1));
    }

    @Test
    void sfence_vma_makes_a_changed_mapping_visible() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> {
            p.li(S0, VA).ld(S1, S0, 0);
            // rewrite the leaf PTE to point at DATA + 0x1000, from the guest
            long leaf = 0; // filled in below through a register
            p.li(S3, leaf).li(S4, 0).sd(S4, S3, 0).sfenceVma(S0, ZERO).ld(S2, S0, 0);
        });
        pt[0].map(VA, DATA, 0, R | W | A | D);
        long slot = pt[0].slot(VA, 0);
        // patch the program's "li s3, 0" target: simpler to rebuild with the known slot
        Asm p = program().li(T0, pt[0].satp()).csrw(SATP, T0).sfenceVma(ZERO, ZERO).li(S0, VA).ld(S1, S0, 0)
                .li(S3, slot).li(S4, (DATA + 0x1000) >>> 12 << 10 | V | R | A).sd(S4, S3, 0).sfenceVma(S0, ZERO)
                .ld(S2, S0, 0).halt();
        m.load(p);
        m.bus.write64(DATA, 1);
        m.bus.write64(DATA + 0x1000, 2);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(1, m.x(S1));
        assertEquals(2, m.x(S2));
    }

    @Test
    void a_misaligned_store_across_into_an_unmapped_page_faults_without_writing_anything() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0xffc).li(T0, -1).sd(T0, S0, 0));
        pt[0].map(VA, DATA, 0, R | W | A | D);
        m.runToHalt();
        assertEquals(15, m.x(A0));
        assertEquals(VA + 0x1000, m.x(A1), "stval names the page that faulted");
        assertEquals(0, m.bus.read64(DATA + 0xff8), "no partial write");
    }

    @Test
    void a_misaligned_load_across_two_pages_reads_both_frames() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0xffe).lw(S1, S0, 0));
        pt[0].map(VA, DATA, 0, R | A).map(VA + 0x1000, DATA + 0x5000, 0, R | A);
        m.bus.write64(DATA + 0xff8, 0x2211_0000_0000_0000L);
        m.bus.write64(DATA + 0x5000, 0x4433);
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(0x44332211L, m.x(S1));
    }

    @Test
    void an_instruction_crossing_into_an_unmapped_page_faults_on_the_second_half() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0xffe).jalr(RA, S0, 0));
        pt[0].map(VA, DATA, 0, R | X | A);
        Asm code = new Asm(DATA + 0xffe).half(0x0513); // low half of "addi a0, x0, ..."
        m.load(code).runToHalt();
        assertEquals(12, m.x(A0));
        assertEquals(VA + 0x1000, m.x(A1));
        assertEquals(VA + 0xffe, m.x(A2));
    }

    @Test
    void an_instruction_crossing_a_page_boundary_executes() {
        PageTables[] pt = new PageTables[1];
        Machine m = paged(pt, 3, p -> p.li(S0, VA + 0xffe).jalr(RA, S0, 0));
        pt[0].map(VA, DATA, 0, R | X | A).map(VA + 0x1000, DATA + 0x3000, 0, R | X | A);
        int addi = Asm.i(0x13, 0, A5, ZERO, 123);
        m.load(new Asm(DATA + 0xffe).half(addi));
        m.load(new Asm(DATA + 0x3000).half(addi >>> 16).li(T0, HANDLER).jalr(ZERO, T0, 0));
        m.runToHalt();
        assertEquals(123, m.x(A5));
        assertNotEquals(12, m.x(A0));
    }
}
