package hv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandErrorsTest {

    @Test
    void wrongArgumentsNameTheCommandAndPointToItsHelp() {
        assertEquals("wrong arguments for hv:version (see 'help hv:version')",
                CommandErrors.describe("hv:version extra", new IllegalArgumentException("Cannot coerce version(Token) to any of [()]")));
    }

    @Test
    void anIllegalArgumentIsReportedByItsMessageAlone() {
        assertEquals("guest 'x' does not exist", CommandErrors.describe("hv:guest kick x",
                new IllegalArgumentException("guest 'x' does not exist")));
    }

    @Test
    void aFailureWrappedByReflectionIsReportedAsTheCommandsOwn() {
        assertEquals("guest 'x' does not exist", CommandErrors.describe("hv:guest kick x",
                new java.lang.reflect.InvocationTargetException(new IllegalArgumentException("guest 'x' does not exist"))));
    }

    @Test
    void otherFailuresNameTheirKind() {
        assertEquals("boom (IllegalStateException)", CommandErrors.describe(new IllegalStateException("boom")));
        assertEquals("NullPointerException", CommandErrors.describe(new NullPointerException()));
    }
}
