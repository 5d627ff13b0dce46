package vn.kyso.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything a request could have changed in the running stack: the rows of every table of every service's database,
 * the end offset of every Kafka partition, and the messages in every mailbox. Two equal snapshots mean nothing happened.
 */
final class StateSnapshot {

    /**
     * Tables whose rows change by themselves while the stack runs, so only their count is compared: webhook deliveries
     * to the tests' unreachable integrator endpoints are retried with backoff (attempts, next try). A duplicate
     * webhook would be a new row, which is still counted.
     */
    static final Set<String> COUNT_ONLY = Set.of("signing.kyso_delivery");
    static final List<String> DATABASES = List.of("account", "activation", "ca", "signing", "notification");
    static final String KAFKA = "127.0.0.1:" + (9092 + KysoStack.OFFSET);
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:" + (15432 + KysoStack.OFFSET) + "/";

    private StateSnapshot() {
    }

    /**
     * @param ignoredTables tables whose row count may change without a state change the test cares about
     *     (e.g. {@code database.table} of a bounded-size cache); named in the report
     */
    static Map<String, Long> take(Set<String> ignoredTables) throws Exception {
        Map<String, Long> state = new TreeMap<>();
        for (String database : DATABASES) {
            try (Connection c = DriverManager.getConnection(POSTGRES + database, "postgres", "");
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                for (String table : tables) {
                    // Audit anchors are written on a clock (every few seconds), not by what a test does.
                    if (ignoredTables.contains(database + "." + table) || table.equals("kyso_audit_anchor")) {
                        continue;
                    }
                    // Count and a digest of the whole content: an update changes the digest, not the count.
                    try (ResultSet r = s.executeQuery("select count(*), coalesce(sum(hashtext(t::text)::bigint), 0) "
                            + "from \"" + table + "\" t")) {
                        r.next();
                        state.put("db " + database + "." + table + " rows", r.getLong(1));
                        if (!COUNT_ONLY.contains(database + "." + table)) {
                            state.put("db " + database + "." + table + " digest", r.getLong(2));
                        }
                    }
                }
            }
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        try (Admin admin = Admin.create(props)) {
            var topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p -> latest.put(new TopicPartition(t.name(),
                    p.partition()), OffsetSpec.latest())));
            admin.listOffsets(latest).all().get().forEach((tp, info) -> {
                // The audit anchors' topic, like their table, grows on a clock, not by what a test does.
                if (!tp.topic().startsWith("__") && !tp.topic().equals("kyso.audit.anchors")) {
                    state.merge("kafka " + tp.topic() + " end offset", info.offset(), Long::sum);
                }
            });
        }
        state.put("mail messages", mailMessages());
        return state;
    }

    /**
     * Messages in every mailbox. By the later suites there are hundreds of mailboxes, each a round trip that returns
     * every message whole (attachments included): they are read a few at a time and only counted, not parsed.
     */
    private static long mailMessages() throws Exception {
        JsonNode users = Api.JSON.readTree(Api.HTTP.send(HttpRequest.newBuilder(URI.create(KysoStack.MAIL
                + "/api/user")).build(), HttpResponse.BodyHandlers.ofString()).body());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> counts = new ArrayList<>();
            for (JsonNode user : users) {
                URI inbox = URI.create(KysoStack.MAIL + "/api/user/" + user.get("email").asText() + "/messages/INBOX");
                counts.add(pool.submit(() -> {
                    try (var body = Api.HTTP.send(HttpRequest.newBuilder(inbox).build(),
                            HttpResponse.BodyHandlers.ofInputStream()).body()) {
                        return topLevelSize(body);
                    }
                }));
            }
            long mails = 0;
            for (var count : counts) {
                mails += count.get();
            }
            return mails;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What {@link JsonNode#size()} of the document would be (elements of an array, fields of an object), streamed. */
    private static int topLevelSize(java.io.InputStream json) throws java.io.IOException {
        try (var parser = Api.JSON.getFactory().createParser(json)) {
            var first = parser.nextToken();
            if (first != com.fasterxml.jackson.core.JsonToken.START_ARRAY
                    && first != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return 0;
            }
            int size = 0;
            for (var token = parser.nextToken(); token != null && !token.isStructEnd(); token = parser.nextToken()) {
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    parser.nextToken();
                }
                parser.skipChildren();
                size++;
            }
            return size;
        }
    }

    /**
     * Brings forward what the stack would otherwise do on its own during a snapshot window: signing transactions left
     * waiting by earlier suites expire (as their clock would make them a few minutes later) and the sweep has finished
     * them, audit rows and events included. Call before the first snapshot of a test that asserts "nothing changed".
     *
     * @param keep the test's own transactions, which its probes need waiting (UUIDs)
     */
    static void expireWaitingTransactions(String... keep) throws Exception {
        String kept = keep.length == 0 ? "" : " and id not in (" + String.join(", ",
                java.util.Arrays.stream(keep).map(id -> "'" + java.util.UUID.fromString(id) + "'").toList()) + ")";
        try (Connection c = DriverManager.getConnection(POSTGRES + "signing", "postgres", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("update signing_transaction set expires_at = least(expires_at, now()) "
                    + "where status in ('PENDING', 'AUTHORIZED')" + kept);
        }
        Api.await(() -> {
            try (Connection c = DriverManager.getConnection(POSTGRES + "signing", "postgres", "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*) from signing_transaction "
                            + "where status in ('PENDING', 'AUTHORIZED')" + kept)) {
                r.next();
                return r.getLong(1);
            }
        }, n -> n == 0, "every waiting signing transaction expired by the sweep");
    }

    /**
     * Brings these waiting transactions' expiry forward to now: the API's shortest lifetime is 30 s, and what a test
     * exercises is the sweep that expires them (its events, its exactly-once), not the half minute before it.
     */
    static void expireNow(java.util.Collection<String> transactionIds) throws Exception {
        String ids = String.join(", ", transactionIds.stream().map(id -> "'" + java.util.UUID.fromString(id) + "'")
                .toList());
        try (Connection c = DriverManager.getConnection(POSTGRES + "signing", "postgres", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("update signing_transaction set expires_at = least(expires_at, now()) "
                    + "where status in ('PENDING', 'AUTHORIZED') and id in (" + ids + ")");
        }
    }

    /**
     * The state once the stack is quiet: every consumer group has committed up to the end of what it reads (live-stream
     * groups and outside readers commit nothing), no delivery waits for a retry, and two snapshots a second apart agree.
     */
    static Map<String, Long> settled() throws Exception {
        return settled(Set.of());
    }

    static Map<String, Long> settled(Set<String> ignoredTables) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        Map<String, Long> last = null;
        while (System.nanoTime() < deadline) {
            if (consumersCaughtUp() && noDeliveryAwaitingRetry()) {
                Map<String, Long> now = take(ignoredTables);
                if (now.equals(last)) {
                    return now;
                }
                last = now;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the stack does not settle: " + last);
    }

    /**
     * A delivery that failed waits for its retry (1, 2, 4, 8 s … for a push to a phone that is gone), longer than two
     * snapshots a second apart: the row would change after "settled" said the stack was quiet. signing-service's
     * webhooks to the tests' unreachable integrators retry for hours; that table is compared by count only.
     */
    private static boolean noDeliveryAwaitingRetry() throws Exception {
        for (String database : DATABASES) {
            if (database.equals("signing")) {
                continue;
            }
            try (Connection c = DriverManager.getConnection(POSTGRES + database, "postgres", "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*) from kyso_delivery "
                            + "where status = 'PENDING' and attempts > 0")) {
                r.next();
                if (r.getLong(1) > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean consumersCaughtUp() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        try (Admin admin = Admin.create(props)) {
            for (var group : admin.listConsumerGroups().all().get()) {
                String id = group.groupId();
                if (!id.endsWith("-service")) {
                    continue;
                }
                var committed = admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() == null || entry.getValue().offset() < ends.get(entry.getKey()).offset()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> changed = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(before.get(key), after.get(key))) {
                changed.add(key + ": " + before.get(key) + " -> " + after.get(key));
            }
        }
        return changed;
    }
}
