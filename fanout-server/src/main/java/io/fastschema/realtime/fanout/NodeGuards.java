package io.fastschema.realtime.fanout;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.fanout.auth.OriginPolicy;

/**
 * The settings that keep hostile clients from hurting the node or reading what they should not,
 * validated (issue 13; README "Reliability: hostile clients").
 *
 * @param cookieOrigins pages that may authenticate with the token cookie
 * @param maxReadyLagMs delivery lag past which {@code /readyz} fails; 0: never
 */
public record NodeGuards(OriginPolicy cookieOrigins, long maxReadyLagMs) {

  static NodeGuards read(ConfigReader r) {
    return new NodeGuards(
        originsOf(r.get(FanoutSettings.ALLOWED_ORIGINS)), r.get(FanoutSettings.MAX_READY_LAG_MS));
  }

  private static OriginPolicy originsOf(String list) {
    try {
      return OriginPolicy.parse(list);
    } catch (IllegalArgumentException e) {
      return OriginPolicy.SAME_ORIGIN; // already reported as a configuration problem
    }
  }
}
