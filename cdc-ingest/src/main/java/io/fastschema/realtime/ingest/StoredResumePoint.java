package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the {@link ResumePoint} stored with the source offset ingest committed last, from the
 * offsets topic (INGEST_OFFSETS_TOPIC, Kafka Connect's compacted offset store: JSON values). Read
 * when an engine run handles its first batch: Debezium has loaded the same offset by then and
 * resumes right after it.
 *
 * <p>Thread-safe.
 */
final class StoredResumePoint {

  private final LiveTopicRecords topics;
  private final String offsetsTopic;
  private final ObjectMapper mapper;

  StoredResumePoint(LiveTopicRecords topics, String offsetsTopic, ObjectMapper mapper) {
    this.topics = topics;
    this.offsetsTopic = offsetsTopic;
    this.mapper = mapper;
  }

  /** The stored point; null when the last committed offset is not inside a transaction. */
  ResumePoint read() {
    ResumePoint found = null;
    // One key per connector (its name and server); this deployment's topic holds only ingest's.
    for (byte[] offset : topics.read(offsetsTopic, key -> true).values()) {
      try {
        ResumePoint point = ResumePoint.readFrom(mapper.readTree(offset));
        found = point != null ? point : found;
      } catch (IOException e) {
        throw new IllegalStateException("a source offset in " + offsetsTopic + " is not JSON", e);
      }
    }
    return found;
  }
}
