package io.darkroom.localstack.process;

import java.io.IOException;

/**
 * Run inside a child JVM: exits it when its stdin reaches end of file. {@link ChildJvm} keeps that pipe open, and
 * the OS closes it when the parent dies, so a killed test JVM or launcher leaves no broker or database behind.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void exitWhenParentDies() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; only the end of the stream matters
                }
            } catch (IOException e) {
                // a broken pipe means the same as end of file
            }
            System.err.println("local-stack: parent process gone, shutting down");
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
