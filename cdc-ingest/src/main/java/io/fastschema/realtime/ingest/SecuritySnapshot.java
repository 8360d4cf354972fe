package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.security.SecurityTopic;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the current rows of {@code roles}, {@code permissions} and {@code roles_users} to the
 * security topic before streaming starts. The replication slot already holds every change since its
 * creation, so the changes streamed afterwards bring the topic up to date; re-publishing at every
 * start is harmless (upserts) and heals a topic that lost data.
 */
final class SecuritySnapshot {

  private static final Logger LOG = LoggerFactory.getLogger(SecuritySnapshot.class);

  private SecuritySnapshot() {}

  static int publish(
      DatabaseConfig db, Producer<byte[], byte[]> producer, String topic, ObjectMapper mapper)
      throws SQLException, InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      for (String table :
          List.of(SecurityTopic.ROLES, SecurityTopic.PERMISSIONS, SecurityTopic.ROLES_USERS)) {
        List<String> columns = SecurityTopic.columns(table);
        String q = db.isMySql() ? "`" : "\"";
        String sql =
            "SELECT "
                + String.join(", ", columns.stream().map(col -> q + col + q).toList())
                + (db.isMySql() ? " FROM " : " FROM public.")
                + q
                + table
                + q;
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            ObjectNode row = mapper.createObjectNode();
            for (int i = 0; i < columns.size(); i++) {
              Object v = rs.getObject(i + 1);
              if (v instanceof Boolean b) {
                row.put(columns.get(i), b);
              } else if (v instanceof Number n) {
                row.put(columns.get(i), n.longValue());
              } else if (v != null) {
                row.put(columns.get(i), v.toString());
              }
            }
            String key = SecurityTopic.keyOf(table, row);
            sends.add(
                producer.send(
                    new ProducerRecord<>(
                        topic,
                        key.getBytes(StandardCharsets.UTF_8),
                        mapper.writeValueAsBytes(row))));
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("cannot encode a " + table + " row", e);
        }
      }
    }
    for (Future<RecordMetadata> f : sends) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(
            "Kafka did not take the access-control snapshot ("
                + sends.size()
                + " rows) on "
                + topic
                + ": "
                + e,
            e);
      }
    }
    LOG.info("Published {} roles/permissions/memberships rows to {}", sends.size(), topic);
    return sends.size();
  }
}
