package org.policykg.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j Community DBMS (embedded API) with the Bolt connector enabled,
 * until SIGTERM/SIGINT. Configured through environment variables set by
 * scripts/neo4j-server:
 *
 *   POLICYKG_NEO4J_HOME   DBMS home (data/, logs/ are created below it)
 *   NEO4J_BOLT_PORT       Bolt port on 127.0.0.1 (default 7687)
 *   NEO4J_AUTH            "none" disables auth; anything else enables it
 *   NEO4J_PASSWORD        password set for user neo4j when auth is enabled
 *   NEO4J_PAGECACHE       page cache size, e.g. "256m" (default 256m)
 *
 * Prints "POLICYKG_NEO4J_READY bolt://127.0.0.1:PORT" on stdout once the
 * default database is available and Bolt is listening.
 */
public final class Launcher {

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return (v == null || v.isEmpty()) ? dflt : v;
    }

    /**
     * Community edition creates user neo4j with password "neo4j" that must be
     * changed on first login; set ours and clear that flag. On a restart with
     * the same password Neo4j refuses "new == old", which is fine.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable t) {
            System.out.println("POLICYKG_NEO4J_FAILED " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(1); // runs the shutdown hook, which stops the DBMS if it was built
        }
    }

    private static void run() throws Exception {
        Path home = Path.of(env("POLICYKG_NEO4J_HOME",
                System.getProperty("user.home") + "/.cache/policykg/neo4j")).toAbsolutePath();
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        boolean auth = !"none".equalsIgnoreCase(env("NEO4J_AUTH", "basic"));
        String password = env("NEO4J_PASSWORD", "policykg-test");
        String pagecache = env("NEO4J_PAGECACHE", "256m");
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.parse("512m"))
                // Small disk footprint: no 256 MiB preallocated tx log per database.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.parse("64m"))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt waits 5 s + 5 s for idle threads/connections on shutdown by default.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("policykg-neo4j: shutting down");
            System.out.flush();
            try {
                dbms.shutdown();
            } finally {
                System.out.println("policykg-neo4j: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "policykg-neo4j-shutdown"));

        if (auth) {
            setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        }

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        long one = db.executeTransactionally("RETURN 1 AS one", Map.of(),
                r -> ((Number) r.next().get("one")).longValue());
        if (one != 1) {
            throw new IllegalStateException("self-check query failed");
        }
        System.out.printf("POLICYKG_NEO4J_READY bolt://127.0.0.1:%d auth=%s home=%s started_in=%.1fs%n",
                port, auth ? "basic" : "none", home, (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        stopped.await();
    }
}
