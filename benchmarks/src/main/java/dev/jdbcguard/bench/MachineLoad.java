package dev.jdbcguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * How much of the machine processes other than this suite (and its children: benchmark forks,
 * child JVMs, the database server) used, between two samples: the busy CPU time of the whole
 * machine from /proc/stat minus this process tree's. On a shared machine that is the first thing
 * to check when numbers look odd. Linux only; elsewhere every figure is NaN.
 */
final class MachineLoad {

    /** USER_HZ, the unit of /proc CPU times; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(long nanos, long machineBusyTicks, long ownTicks) {
    }

    private MachineLoad() {
    }

    static Sample now() {
        return new Sample(System.nanoTime(), machineBusy(), ownTree());
    }

    /** Average number of cores that other processes kept busy between the two samples. */
    static double foreignCores(Sample from, Sample to) {
        if (from.machineBusyTicks() < 0 || to.machineBusyTicks() < 0) {
            return Double.NaN;
        }
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double foreignTicks = (to.machineBusyTicks() - from.machineBusyTicks()) - (to.ownTicks() - from.ownTicks());
        return Math.max(0, foreignTicks / TICKS_PER_SECOND / seconds);
    }

    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This process (with its reaped children) and its living descendants. */
    private static long ownTree() {
        long[] total = {ticks(ProcessHandle.current().pid())};
        ProcessHandle.current().descendants().forEach(p -> total[0] += Math.max(0, ticks(p.pid())));
        return total[0];
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after comm: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
