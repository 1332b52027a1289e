package hv.dt.internal;

import hv.dt.DtException;

/**
 * Integer expressions in parentheses, with C's operators and precedence, evaluated in
 * unsigned 64-bit arithmetic as dtc does: ternary, {@code || &&}, {@code | ^ &},
 * {@code == !=}, {@code < > <= >=} (unsigned), {@code << >>} (0 when shifting by 64 or more),
 * {@code + -}, {@code * / %} (division by zero is an error), unary {@code - ~ !}.
 */
final class Expressions {
    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="},
        {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
    };
    private static final DtsLexer.Mode EXPR = DtsLexer.Mode.EXPR;

    private final DtsLexer lx;
    private int depth;

    private Expressions(DtsLexer lx) {
        this.lx = lx;
    }

    /** Parses one expression (the caller consumed any opening parenthesis). */
    static long parse(DtsLexer lx) {
        return new Expressions(lx).conditional();
    }

    private long conditional() {
        enter();
        long c = binary(0);
        if (lx.peek(EXPR).is("?")) {
            lx.next(EXPR);
            long a = conditional();
            expect(":", "in the ?: expression");
            long b = conditional();
            c = c != 0 ? a : b;
        }
        depth--;
        return c;
    }

    private long binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        long left = binary(level + 1);
        while (true) {
            Token t = lx.peek(EXPR);
            String op = null;
            for (String o : LEVELS[level]) {
                if (t.is(o)) {
                    op = o;
                }
            }
            if (op == null) {
                return left;
            }
            lx.next(EXPR);
            long right = binary(level + 1);
            left = apply(op, left, right, t);
        }
    }

    private static long apply(String op, long a, long b, Token at) {
        return switch (op) {
            case "||" -> (a != 0 || b != 0) ? 1 : 0;
            case "&&" -> (a != 0 && b != 0) ? 1 : 0;
            case "|" -> a | b;
            case "^" -> a ^ b;
            case "&" -> a & b;
            case "==" -> a == b ? 1 : 0;
            case "!=" -> a != b ? 1 : 0;
            case "<" -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case ">" -> Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case "<=" -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case ">=" -> Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case "<<" -> Long.compareUnsigned(b, 64) < 0 ? a << b : 0;
            case ">>" -> Long.compareUnsigned(b, 64) < 0 ? a >>> b : 0;
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> {
                if (b == 0) {
                    throw at.loc().error("division by zero");
                }
                yield op.equals("/") ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
            }
        };
    }

    private long unary() {
        Token t = lx.peek(EXPR);
        if (t.is("-") || t.is("~") || t.is("!")) {
            lx.next(EXPR);
            enter();
            long v = unary();
            depth--;
            return t.is("-") ? -v : t.is("~") ? ~v : (v == 0 ? 1 : 0);
        }
        return primary();
    }

    private long primary() {
        Token t = lx.next(EXPR);
        if (t.kind() == Token.Kind.INT) {
            return t.value();
        }
        if (t.is("(")) {
            long v = conditional();
            expect(")", "to close '('");
            return v;
        }
        throw t.loc().error("expected a number, a character literal or '(' in the expression, found "
                + t.describe());
    }

    private void expect(String punct, String why) {
        Token t = lx.next(EXPR);
        if (!t.is(punct)) {
            throw t.loc().error("expected '" + punct + "' " + why + ", found " + t.describe());
        }
    }

    private void enter() {
        if (++depth > Limits.MAX_EXPR_DEPTH) {
            Token t = lx.peek(EXPR);
            throw DtException.at(t.loc().file(), t.loc().line(), t.loc().column(),
                    "expression nests deeper than " + Limits.MAX_EXPR_DEPTH + " levels");
        }
    }
}
