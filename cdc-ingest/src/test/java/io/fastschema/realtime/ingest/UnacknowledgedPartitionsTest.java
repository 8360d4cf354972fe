package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class UnacknowledgedPartitionsTest {

  private static final TopicPartition BLOG_0 = new TopicPartition("fastschema.blog", 0);
  private static final TopicPartition BLOG_1 = new TopicPartition("fastschema.blog", 1);
  private static final TopicPartition TAG_0 = new TopicPartition("fastschema.tag", 0);

  private final UnacknowledgedPartitions unacknowledged = new UnacknowledgedPartitions();

  @Test
  void aTransactionInOnePartitionNeverWaits() {
    assertFalse(unacknowledged.lastMustWait("7", BLOG_0), "nothing else sent");
    unacknowledged.sent("7", BLOG_0);
    unacknowledged.sent("7", BLOG_0);
    assertFalse(unacknowledged.lastMustWait("7", BLOG_0), "the partition keeps the order");
  }

  @Test
  void otherPartitionsOrTopicsInFlightMakeTheLastWait() {
    unacknowledged.sent("7", BLOG_0);
    assertTrue(unacknowledged.lastMustWait("7", BLOG_1));
    unacknowledged.sent("8", BLOG_1);
    unacknowledged.sent("8", TAG_0);
    assertTrue(unacknowledged.lastMustWait("8", TAG_0), "blog partition 1 is still in flight");
  }

  @Test
  void acknowledgedOrEarlierTransactionsDoNotCount() {
    unacknowledged.sent("7", TAG_0);
    assertFalse(unacknowledged.lastMustWait("8", BLOG_0), "another transaction's send");
    unacknowledged.sent("8", TAG_0);
    unacknowledged.acknowledged();
    assertFalse(unacknowledged.lastMustWait("8", BLOG_0), "acknowledged already");
  }
}
