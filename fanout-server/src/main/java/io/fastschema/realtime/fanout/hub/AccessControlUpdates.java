package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.access.AccessState;
import io.fastschema.realtime.fanout.stream.AccessControlSink;

/**
 * The access-control topic's records into {@link AccessState}; when a poll's records changed what
 * is published, every open session is checked again ({@link AccessEnforcer}).
 *
 * <p>Called on the Kafka consumer thread only.
 */
public final class AccessControlUpdates implements AccessControlSink {

  private final AccessState access;
  private final AccessEnforcer enforcer;

  public AccessControlUpdates(AccessState access, AccessEnforcer enforcer) {
    this.access = access;
    this.enforcer = enforcer;
  }

  @Override
  public void apply(String key, byte[] value) {
    access.apply(key, value);
  }

  @Override
  public void flush() {
    if (access.publish()) {
      enforcer.recheckAll();
    }
  }
}
