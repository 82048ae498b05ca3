package org.policykg.fuseki;

import java.util.concurrent.CountDownLatch;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;

/**
 * Runs Apache Jena Fuseki (main server, embedded Jetty) with one in-memory,
 * transactional dataset, update enabled, listening on 127.0.0.1 only, until
 * SIGTERM/SIGINT. Configured through environment variables set by
 * scripts/fuseki-server:
 *
 *   FUSEKI_PORT      HTTP port on 127.0.0.1 (default 3330)
 *   FUSEKI_DATASET   dataset path (default /ds)
 *
 * The dataset answers the SPARQL 1.1 protocols at /ds (query, update and the
 * Graph Store Protocol with ?graph= / ?default) and at the usual named
 * endpoints /ds/query, /ds/sparql, /ds/update, /ds/data, /ds/get.
 *
 * Prints "POLICYKG_FUSEKI_READY http://127.0.0.1:PORT/ds" on stdout once the
 * server answers.
 */
public final class Launcher {

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return (v == null || v.isEmpty()) ? dflt : v;
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable t) {
            System.out.println("POLICYKG_FUSEKI_FAILED " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int port = Integer.parseInt(env("FUSEKI_PORT", "3330"));
        String name = env("FUSEKI_DATASET", "/ds");
        if (!name.startsWith("/")) {
            name = "/" + name;
        }
        long t0 = System.nanoTime();
        DatasetGraph dataset = DatasetGraphFactory.createTxnMem();
        FusekiServer server = FusekiServer.create()
                .loopback(true)
                .port(port)
                .enablePing(true)
                .enableStats(true)
                .add(name, dataset, true)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("policykg-fuseki: shutting down");
            System.out.flush();
            try {
                server.stop();
            } finally {
                System.out.println("policykg-fuseki: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "policykg-fuseki-shutdown"));

        server.start();
        System.out.printf("POLICYKG_FUSEKI_READY http://127.0.0.1:%d%s started_in=%.1fs%n",
                server.getHttpPort(), name, (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        stopped.await();
    }
}
