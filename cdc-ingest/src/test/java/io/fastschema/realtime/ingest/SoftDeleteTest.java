package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SoftDeleteTest {

  private static RowImage row(String deletedAt) {
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("id", 1);
    if (deletedAt != null) {
      r.put("deleted_at", deletedAt);
    }
    return RowImage.of(r);
  }

  @Test
  void settingDeletedAtIsADeleteAndClearingItARestore() {
    assertEquals(SoftDelete.DELETED, SoftDelete.of(row(null), row("2025-01-01T00:00:00Z"), true));
    assertEquals(SoftDelete.RESTORED, SoftDelete.of(row("2025-01-01T00:00:00Z"), row(null), true));
  }

  @Test
  void updatesOfDeletedRowsAreHiddenAndOfLiveRowsAreUpdates() {
    assertEquals(
        SoftDelete.HIDDEN,
        SoftDelete.of(row("2025-01-01T00:00:00Z"), row("2025-01-02T00:00:00Z"), true));
    assertEquals(SoftDelete.LIVE, SoftDelete.of(row(null), row(null), true));
  }

  @Test
  void withoutFullBeforeImagesASoftDeletedAfterImageCountsAsDeleted() {
    assertEquals(SoftDelete.DELETED, SoftDelete.of(null, row("2025-01-01T00:00:00Z"), false));
    assertEquals(SoftDelete.LIVE, SoftDelete.of(null, row(null), false));
  }
}
