package dev.jdbcguard.program;

import dev.jdbcguard.core.CreationSite;

/** Fifty call sites of one helper, as a large program has them. */
final class Callers {

    private Callers() {
    }

    static String call(int i) {
        switch (i) {
            case 0: return c0();
            case 1: return c1();
            case 2: return c2();
            case 3: return c3();
            case 4: return c4();
            case 5: return c5();
            case 6: return c6();
            case 7: return c7();
            case 8: return c8();
            case 9: return c9();
            case 10: return c10();
            case 11: return c11();
            case 12: return c12();
            case 13: return c13();
            case 14: return c14();
            case 15: return c15();
            case 16: return c16();
            case 17: return c17();
            case 18: return c18();
            case 19: return c19();
            case 20: return c20();
            case 21: return c21();
            case 22: return c22();
            case 23: return c23();
            case 24: return c24();
            case 25: return c25();
            case 26: return c26();
            case 27: return c27();
            case 28: return c28();
            case 29: return c29();
            case 30: return c30();
            case 31: return c31();
            case 32: return c32();
            case 33: return c33();
            case 34: return c34();
            case 35: return c35();
            case 36: return c36();
            case 37: return c37();
            case 38: return c38();
            case 39: return c39();
            case 40: return c40();
            case 41: return c41();
            case 42: return c42();
            case 43: return c43();
            case 44: return c44();
            case 45: return c45();
            case 46: return c46();
            case 47: return c47();
            case 48: return c48();
            case 49: return c49();
            default: throw new IllegalArgumentException(String.valueOf(i));
        }
    }

    private static String c0() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c1() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c2() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c3() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c4() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c5() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c6() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c7() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c8() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c9() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c10() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c11() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c12() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c13() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c14() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c15() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c16() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c17() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c18() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c19() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c20() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c21() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c22() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c23() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c24() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c25() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c26() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c27() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c28() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c29() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c30() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c31() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c32() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c33() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c34() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c35() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c36() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c37() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c38() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c39() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c40() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c41() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c42() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c43() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c44() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c45() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c46() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c47() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c48() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static String c49() {
        return CreationSite.chainOf(new Throwable().getStackTrace());
    }
}
